import Foundation
import Testing
import Yams
@testable import PGHAKit

/// `ManifestYAML` writes byte for byte what Yams' serializer writes for the same tree, except where Yams' output
/// would be misread: YAML 1.1's one-letter booleans (`y`, `n`) and signed fractions (`-.5`) are quoted, and text
/// that is not printable one-line ASCII is double-quoted with JSON-style escapes.
@Suite struct ManifestYAMLTests {
    /// The tree Yams' `YAMLEncoder` builds for the same values: strings through Yams' own representation (quoted
    /// when its resolver reads them as another type), `YAMLString`s as they always boxed themselves.
    static func yamsNode(_ node: ManifestNode) -> Node {
        switch node {
        case .string(let text): return .scalar(text.represented())
        case .word(let text): return .scalar(Node.Scalar(text, Tag(.str), ManifestYAML.wordNeedsQuotes(text) ? .singleQuoted : .plain))
        case .integer(let value): return .scalar(value.represented())
        case .boolean(let value): return .scalar(value.represented())
        case .mapping(let entries): return .mapping(Node.Mapping(entries.map { (.scalar($0.key.represented()), yamsNode($0.value)) }))
        case .sequence(let items): return .sequence(Node.Sequence(items.map(yamsNode)))
        }
    }

    /// The text of the document `ManifestYAML` writes for `node`.
    static func document(_ node: ManifestNode) -> String {
        String(decoding: ManifestYAML.document(node), as: UTF8.self)
    }

    /// `test` of `text`'s UTF-8 buffer.
    static func inUTF8(_ text: String, _ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        var text = text
        return text.withUTF8(test)
    }

    static func yams(_ node: ManifestNode) throws -> String {
        try Yams.serialize(node: yamsNode(node), indent: 2, width: -1, allowUnicode: true)
    }

    /// Strings that exercise libyaml's plain-scalar rules and Yams' type resolution.
    static let strings = [
        "plain", "with space", "a:b", "a: b", "a:", ":a", ": a", "?a", "? a", "a?", "-a", "- a", "-", "--", "---", "---a",
        "...", "..a", ".a", "#a", "a#b", "a #b", "a# b", ",a", "a,b", "[a", "a]", "{a", "a}", "&a", "*a", "!a", "|a", ">a",
        "'a", "a'b", "\"a", "a\"b", "%a", "@a", "`a", " a", "a ", "a  b", "yes", "Yes", "YES", "no", "on", "Off", "true",
        "False", "null", "Null", "NULL", "nulls", "y", "n", "~", "=", "<<", "1", "-1", "+1", "0x1F", "0o17", "017", "0b101",
        "1_000", "1.5", "1e3", "1.5e-3", ".5", ".inf", "-.Inf", ".nan", "1:30", "190:20:30", "2024-01-01",
        "2001-12-14t21:59:43.10-05:00", "2001-1-4 1:59:43", "2001-12-14 21:59:43 Z", "8Gi", "0 15 * ? * *",
        "203.0.113.7/32", "16-system-trixie", "https://a.blob.core.windows.net/b", "hostssl all all all scram-sha-256",
        "a\tb", "é", "multi\nline", "", String(repeating: "x", count: 128), String(repeating: "x", count: 129),
    ]

    static func allStringsAreShortPrintableASCII(_ node: ManifestNode) -> Bool {
        switch node {
        case .string(let text), .word(let text): return isShortPrintableASCII(text)
        case .integer, .boolean: return true
        case .mapping(let entries): return entries.allSatisfy { allStringsAreShortPrintableASCII($0.value) }
        case .sequence(let items): return items.allSatisfy(allStringsAreShortPrintableASCII)
        }
    }

    /// Words YAML 1.1 readers take for booleans that Yams' own resolver writes plain.
    static let yamlOneOneBooleans: Set<String> = ["y", "Y", "n", "N"]

    /// Printable one-line ASCII of at most 128 bytes, which ManifestYAML writes exactly as Yams does.
    static func isShortPrintableASCII(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 128 && text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }

    @Test(arguments: strings)
    func stringsMatchYams(text: String) throws {
        guard !Self.yamlOneOneBooleans.contains(text), Self.isShortPrintableASCII(text) else { return }
        let node = ManifestNode.object {
            $0.field("values", SortedMap([text: text]))
            $0.field("strings", [text])
            $0.field("texts", [YAMLString(text)])
        }
        #expect(Self.document(node) == (try Self.yams(node)))
    }

    /// Seeded strings of the bytes libyaml's plain-scalar rules look at after the first (`:` before a space or at
    /// the end, `#` after a space), wherever they fall: written as Yams writes them.
    @Test func colonsAndHashesAnywhereMatchYams() throws {
        var generator = TestSupport.SeededGenerator(state: 0x3A23)
        for _ in 0..<400 {
            let text = String((0..<Int.random(in: 1...12, using: &generator)).map { _ in "ab:# ".randomElement(using: &generator)! })
            let node = ManifestNode.object { $0.field("value", text) }
            #expect(Self.document(node) == (try Self.yams(node)), "\(text.debugDescription)")
        }
    }

    @Test(arguments: strings)
    func keysAndValuesReadBackAsTheSameStrings(text: String) throws {
        let node = ManifestNode.mapping([.init("value", .string(text)), .init(text, .string("value"))])
        let yaml = Self.document(node)
        #expect(try Yams.load(yaml: yaml) as? [String: String] == ["value": text, text: "value"], "\(yaml)")
        if Self.yamlOneOneBooleans.contains(text) || ScalarKind.classifyPlain(text) != .string {
            #expect(yaml.contains("'\(text)':") || yaml.contains("\"\(text)\":"), "the key '\(text)' must be quoted: \(yaml)")
        }
    }

    @Test func unusualStringsReadBackAsWritten() throws {
        for text in Self.strings + ["\u{1B}[31m", "tab\there", "\u{2028}", "naïve \"quoted\" \\ back", "\u{7F}", "\u{85}",
                                  "\u{2029}", "\u{9F}", "a\u{1}b", "\u{A0}", "\u{2027}", "\u{FEFE}", "😀\u{80}"] {
            let yaml = Self.document(.mapping([.init("key", .string(text)), .init("word", .word(text))]))
            #expect((try? Yams.load(yaml: yaml)) as? [String: String] == ["key": text, "word": text], "\(text.debugDescription)")
        }
    }

    @Test func controlsAndLineSeparatorsAreEscapedOtherTextIsCopied() {
        #expect(Self.document(.mapping([.init("k", .string("a\u{85}\u{2028}\u{FEFF}\u{7F}\u{1}\"\\é\u{A0}😀"))]))
            == "k: \"a\\u0085\\u2028\\uFEFF\\u007F\\u0001\\\"\\\\é\u{A0}😀\"\n")
    }

    @Test func anObjectKeepsItsFieldsInOrderAndLeavesOutNilOnes() {
        let names = (1...12).map { "field\($0)" }
        let node = ManifestNode.object { fields in
            fields.field("metadata", ObjectMeta(name: "pg", labels: ["b": "2", "a": "1"]))
            fields.field("absent", SortedMap?.none)
            for (index, name) in names.enumerated() { fields.field(name, index.isMultiple(of: 3) ? nil : index) }
            fields.field("last", true)
        }
        let metadata = ManifestNode.mapping([
            .init("name", .string("pg")), .init("labels", .mapping([.init("a", .word("1")), .init("b", .word("2"))])),
        ])
        let numbered = names.enumerated().filter { !$0.offset.isMultiple(of: 3) }.map { ManifestNode.Entry($0.element, .integer($0.offset)) }
        #expect(node == .mapping([.init("metadata", metadata)] + numbered + [.init("last", .boolean(true))]))
    }

    @Test func structureMatchesYams() throws {
        let node = ManifestNode.mapping([
            .init("items", .sequence([
                .object {
                    $0.field("name", "rw")
                    $0.field("port", 5432)
                    $0.field("tags", ["a", "b"])
                    $0.field("nothing", String?.none)
                    $0.field("empty", SortedMap())
                },
                .object {
                    $0.field("name", "ro")
                    $0.field("port", -1)
                    $0.field("tags", [String]())
                },
            ])),
            .init("flags", [true, false].manifestNode),
            .init("empty", .sequence([])),
            .init("emptyMap", .mapping([])),
            .init("inner", .mapping([.init("outer", .mapping([.init("list", [1, 2].manifestNode)]))])),
            .init("nested", .sequence([.sequence([.integer(1), .sequence([.string("deep")])]), .sequence([]), .mapping([])])),
            .init("mappingInNestedSequence", .sequence([.sequence([.object { $0.field("a", 1); $0.field("b", ["c"]) }])])),
        ])
        #expect(Self.document(node) == (try Self.yams(node)))
    }

    @Test func everyManifestOfTheExamplesMatchesYams() throws {
        var specs = try TestSupport.exampleNames.map { try TestSupport.read("Examples/\($0)") }
        specs += [Array(StarterSpec.text(name: "orders").utf8)]
        for bytes in specs {
            let spec = try #require(Compiler.check(bytes).spec)
            for resource in Translator.translate(spec) {
                guard case .manifest(let object) = resource.content else { continue }
                let written = Self.document(object.manifestNode), serialized = try Self.yams(object.manifestNode)
                if Self.allStringsAreShortPrintableASCII(object.manifestNode) {
                    #expect(written == serialized, "\(resource.path)")
                } else {
                    // Longer text (alert expressions) is double-quoted, so only the trees read back can agree.
                    let readBack = try #require(try Yams.load(yaml: written) as? NSDictionary)
                    #expect(readBack.isEqual(try Yams.load(yaml: serialized) as? NSDictionary), "\(resource.path)")
                }
            }
        }
    }

    /// The hand-written resolver agrees with Yams' regular expressions (see `ScalarKindTests.samples`); it also
    /// quotes signed texts such as `-.5`, which YAML 1.1 readers take for floats and Yams does not.
    @Test func resolutionMatchesYamsDefaultResolver() {
        for text in ScalarKindTests.samples where Self.isShortPrintableASCII(text) && !Self.yamlOneOneBooleans.contains(text) {
            let yams = Resolver.default.resolveTag(of: Node(text)) != .str
            let signedFraction = text.hasPrefix("-.") || text.hasPrefix("+.")
            #expect(Self.inUTF8(text, ManifestYAML.Scalar.resolvesToOtherType) == yams || signedFraction, "\(text.debugDescription): Yams says \(yams)")
        }
    }

    /// The words Yams' default resolver reads as booleans or null, and YAML 1.1's one-letter booleans, as listed
    /// before `isReservedWord` compared them as numbers.
    static let reservedWords: Set<String> = [
        "y", "Y", "n", "N",
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
    ]

    @Test func reservedWordsAreExactlyTheListedSpellings() {
        var texts = Self.strings + ScalarKindTests.samples + ["nul", "nulls", "ye", "yess", "of", "tru", "fals", "o", "yn", "NuLL", "nULL"]
        for word in ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "x", "ok", "nil"] {
            let letters = Array(word.utf8)
            for mask in 0..<(1 << letters.count) {
                let variant = letters.indices.map { mask >> $0 & 1 == 1 ? letters[$0] & ~0x20 : letters[$0] }
                texts.append(String(decoding: variant, as: UTF8.self))
            }
        }
        for text in texts where text.utf8.count <= 5 {
            #expect(Self.inUTF8(text, ManifestYAML.Scalar.isReservedWord) == Self.reservedWords.contains(text), "\(text.debugDescription)")
        }
    }

    /// The double-quoted form, scalar by scalar: `"` and `\` after a backslash, `\n`, `\t`, `\r`, the other
    /// controls (C0, DEL, C1), U+2028, U+2029 and U+FEFF as `\uXXXX`, every other scalar as it is.
    static func doubleQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\": result += "\\" + String(scalar)
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}", "\u{FEFF}":
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    @Test func doubleQuotedTextEscapesExactlyTheControlsAndCopiesTheRest() {
        let alphabet: [Unicode.Scalar] = ["a", " ", "\"", "\\", "\n", "\t", "\r", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\u{80}",
                                          "\u{85}", "\u{9F}", "\u{A0}", "é", "\u{2027}", "\u{2028}", "\u{2029}", "\u{202A}", "\u{FEFE}",
                                          "\u{FEFF}", "\u{FFFF}", "😀", "\u{10FFFF}"]
        var generator = TestSupport.SeededGenerator(state: 0xD0_0B1E)
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &generator) { text.append(alphabet.randomElement(using: &generator)!) }
            var output: [UInt8] = []
            ManifestYAML.Scalar.appendDoubleQuoted(String(text), to: &output)
            #expect(String(decoding: output, as: UTF8.self) == Self.doubleQuoted(String(text)), "\(String(text).debugDescription)")
        }
    }

    @Test func anASCIISetHoldsExactlyItsBytes() {
        let members = "#,[]{}&*!|>'\"%@`\t~"
        let set = ASCIISet("#,[]{}&*!|>'\"%@`\t~")
        for byte in UInt8.min...UInt8.max {
            #expect(set.contains(byte) == members.utf8.contains(byte), "\(byte)")
        }
    }
}
