import Testing
@testable import PGHAKit

/// The name syntaxes scan UTF-8 bytes; these hold them to the same tests written on `Character`s (the way they were
/// written before), on seeded names mixing every kind of ASCII byte with non-ASCII letters, combining marks and CR LF.
@Suite struct NameRulesTests {
    private static func lowerAlphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLowercase || c.isNumber) }
    private static func alphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }

    private static func dns1035(_ name: String, maxLength: Int = 63) -> Bool {
        guard let first = name.first, let last = name.last, name.count <= maxLength else { return false }
        return first.isASCII && first.isLowercase && lowerAlphanumeric(last) && name.allSatisfy { lowerAlphanumeric($0) || $0 == "-" }
    }

    private static func dns1123(_ name: String, maxLength: Int = 63) -> Bool {
        guard let first = name.first, let last = name.last, name.count <= maxLength else { return false }
        return lowerAlphanumeric(first) && lowerAlphanumeric(last) && name.allSatisfy { lowerAlphanumeric($0) || $0 == "-" }
    }

    private static func subdomain(_ name: String) -> Bool {
        name.count <= 253 && !name.isEmpty && name.split(separator: ".", omittingEmptySubsequences: false)
            .allSatisfy { dns1123(String($0), maxLength: 253) }
    }

    private static func labelValue(_ value: String) -> Bool {
        if value.isEmpty { return true }
        guard value.count <= 63, let first = value.first, let last = value.last else { return false }
        return alphanumeric(first) && alphanumeric(last) && value.allSatisfy { alphanumeric($0) || "-_.".contains($0) }
    }

    private static func matches(_ text: String, lengths: ClosedRange<Int>, allowed: String,
                                first: (Character) -> Bool = alphanumeric, last: (Character) -> Bool = alphanumeric) -> Bool {
        guard lengths.contains(text.count), let head = text.first, let tail = text.last else { return false }
        return first(head) && last(tail) && text.allSatisfy { alphanumeric($0) || allowed.contains($0) }
    }

    private static let pieces = ["a", "z", "q", "A", "Z", "0", "9", "5", "-", "_", ".", "(", ")", "/", "@", "`", "[", "{",
                                 " ", "\r\n", "\n", "é", "e\u{301}", "\u{301}", "-\u{301}", "ß", "Σ", "٣", "😀", "\u{0}"]

    private static func name(_ generator: inout TestSupport.SeededGenerator) -> String {
        let length = [0, 1, 2, 3, 4, 12, 13, 24, 25, 63, 64, 70].randomElement(using: &generator)!
        return (0..<length).map { _ in
            Int.random(in: 0..<4, using: &generator) == 0 ? pieces.randomElement(using: &generator)! : ["a", "b", "7", "-"].randomElement(using: &generator)!
        }.joined()
    }

    @Test func byteScansAgreeWithCharacterTests() {
        var generator = TestSupport.SeededGenerator(state: 15)
        for _ in 0..<20_000 {
            let text = Self.name(&generator)
            #expect(NameRules.isDNS1035Label(text) == Self.dns1035(text), "\(text.debugDescription)")
            #expect(NameRules.isDNS1035Label(text, maxLength: 12) == Self.dns1035(text, maxLength: 12), "\(text.debugDescription)")
            #expect(NameRules.isDNS1123Label(text) == Self.dns1123(text), "\(text.debugDescription)")
            #expect(NameRules.isDNS1123Subdomain(text) == Self.subdomain(text), "\(text.debugDescription)")
            #expect(NameRules.isLabelValue(text) == Self.labelValue(text), "\(text.debugDescription)")
            #expect(NameRules.matches(text, lengths: 3...24, allowed: "-_.()") == Self.matches(text, lengths: 3...24, allowed: "-_.()"),
                    "\(text.debugDescription)")
            #expect(NameRules.matches(text, lengths: 1...12, allowed: "", first: NameRules.isLowercaseLetter, last: { _ in true })
                    == Self.matches(text, lengths: 1...12, allowed: "", first: { $0.isASCII && $0.isLowercase }, last: { _ in true }),
                    "\(text.debugDescription)")
            #expect(ClusterRules.isSimpleIdentifier(text)
                    == (text.first.map { $0 == "_" || ($0.isASCII && $0.isLowercase) } == true && text.utf8.count <= 63
                        && text.allSatisfy { $0 == "_" || Self.lowerAlphanumeric($0) }), "\(text.debugDescription)")
            #expect(AzureRules.isDNSLabel(text) == (Self.matches(text, lengths: 3...63, allowed: "-", first: { $0.isASCII && $0.isLowercase },
                                                                 last: Self.lowerAlphanumeric) && !text.contains(where: { $0.isUppercase })),
                    "\(text.debugDescription)")
        }
    }

    @Test func characterTestsAgreeWithUnicodeProperties() {
        let characters = (0...255).map { Character(Unicode.Scalar(UInt8($0))) } + Self.pieces.compactMap(\.first)
        for character in characters {
            #expect(NameRules.isLowerAlphanumeric(character) == Self.lowerAlphanumeric(character), "\(character.debugDescription)")
            #expect(NameRules.isAlphanumeric(character) == Self.alphanumeric(character), "\(character.debugDescription)")
            #expect(NameRules.isLetter(character) == (character.isASCII && character.isLetter), "\(character.debugDescription)")
            #expect(NameRules.isLowercaseLetter(character) == (character.isASCII && character.isLowercase), "\(character.debugDescription)")
        }
    }
}
