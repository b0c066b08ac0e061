import Foundation
import Testing
import Yams
@testable import PGHAKit

/// `ManifestYAML` writes byte for byte what Yams' `YAMLEncoder` writes, or declines, except where Yams' output
/// would be misread: mapping keys and YAML 1.1's one-letter booleans (`y`, `n`) are quoted whenever a YAML reader
/// (kubectl's is YAML 1.1) could take them for something other than a string.
@Suite struct ManifestYAMLTests {
    static func yams(_ value: some Encodable) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options = YAMLEncoder.Options(indent: 2, width: -1, allowUnicode: true)
        return try encoder.encode(value)
    }

    /// Strings that exercise libyaml's plain-scalar rules and Yams' type resolution.
    static let strings = [
        "plain", "with space", "a:b", "a: b", "a:", ":a", ": a", "?a", "? a", "a?", "-a", "- a", "-", "--", "---", "---a",
        "...", "..a", ".a", "#a", "a#b", "a #b", "a# b", ",a", "a,b", "[a", "a]", "{a", "a}", "&a", "*a", "!a", "|a", ">a",
        "'a", "a'b", "\"a", "a\"b", "%a", "@a", "`a", " a", "a ", "a  b", "yes", "Yes", "YES", "no", "on", "Off", "true",
        "False", "null", "Null", "NULL", "nulls", "y", "n", "~", "=", "<<", "1", "-1", "+1", "0x1F", "0o17", "017", "0b101",
        "1_000", "1.5", "1e3", "1.5e-3", ".5", ".inf", "-.Inf", ".nan", "1:30", "190:20:30", "2024-01-01",
        "2001-12-14t21:59:43.10-05:00", "8Gi", "0 15 * ? * *", "203.0.113.7/32", "16-system-trixie",
        "https://a.blob.core.windows.net/b", "hostssl all all all scram-sha-256", "a\tb", "é", "multi\nline", "",
        String(repeating: "x", count: 128), String(repeating: "x", count: 129),
    ]

    struct Holder: Encodable {
        var values: SortedMap
        var strings: [String]
        var texts: [YAMLString]
    }

    /// Words YAML 1.1 readers take for booleans that Yams' own resolver writes plain.
    static let yamlOneOneBooleans: Set<String> = ["y", "Y", "n", "N"]

    /// Printable one-line ASCII of at most 128 bytes, which ManifestYAML writes exactly as Yams does.
    static func isShortPrintableASCII(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 128 && text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }

    @Test(arguments: strings)
    func stringValuesMatchYamsOrDecline(text: String) throws {
        guard !Self.yamlOneOneBooleans.contains(text), Self.isShortPrintableASCII(text) else { return }
        let holder = Holder(values: SortedMap(["key": text]), strings: [text], texts: [YAMLString(text)])
        if let fast = ManifestYAML.encode(holder) { #expect(fast == (try Self.yams(holder))) }
    }

    @Test(arguments: strings)
    func keysAndValuesReadBackAsTheSameStrings(text: String) throws {
        let plain = ["value": text, text: "value"]
        guard let fast = ManifestYAML.encode(plain) else { return }
        #expect(try Yams.load(yaml: fast) as? [String: String] == plain, "\(fast)")
        if Self.yamlOneOneBooleans.contains(text) || ScalarKind.classifyPlain(text) != .string {
            #expect(fast.contains("'\(text)':") || fast.contains("\"\(text)\":"), "the key '\(text)' must be quoted: \(fast)")
        }
    }

    @Test func everyStringIsCovered() {
        for text in Self.strings + ["\u{1B}[31m", "tab\there", "\u{2028}", "naïve \"quoted\" \\ back"] {
            let fast = ManifestYAML.encode(["key": text])
            #expect(fast != nil, "\(text)")
            #expect((try? Yams.load(yaml: fast ?? "")) as? [String: String] == ["key": text], "\(text.debugDescription)")
        }
    }

    struct Nested: Encodable {
        struct Item: Encodable {
            var name: String
            var port: Int
            var tags: [String]
            var nothing: String?
            var empty: [String: String]
        }
        var items: [Item]
        var flags: [Bool]
        var empty: [Int]
        var emptyMap: [String: Int]
        var inner: [String: [String: [Int]]]
        var optional: Int?
        var absent: Int?

        enum CodingKeys: String, CodingKey {
            case items, flags, empty, emptyMap, inner, optional, absent
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(items, forKey: .items)
            try container.encode(flags, forKey: .flags)
            try container.encode(empty, forKey: .empty)
            try container.encode(emptyMap, forKey: .emptyMap)
            try container.encode(inner, forKey: .inner)
            try container.encodeIfPresent(optional, forKey: .optional)
            try container.encodeNil(forKey: .absent)
        }
    }

    @Test func structureMatchesYams() throws {
        let value = Nested(
            items: [
                .init(name: "rw", port: 5432, tags: ["a", "b"], nothing: nil, empty: [:]),
                .init(name: "ro", port: -1, tags: [], nothing: nil, empty: [:]),
            ],
            flags: [true, false], empty: [], emptyMap: [:], inner: ["outer": ["list": [1, 2]]], optional: nil, absent: nil
        )
        let fast = try #require(ManifestYAML.encode(value))
        #expect(fast == (try Self.yams(value)))
    }

    @Test func unsupportedValuesAreDeclined() {
        #expect(ManifestYAML.encode(["ratio": 0.5]) == nil)
        #expect(ManifestYAML.encode(["nested": [[1]]]) == nil)
        #expect(ManifestYAML.encode([String: String]()) == nil)
        #expect(ManifestYAML.encode(["small": Int8(1)]) == nil)
    }

    @Test func everyManifestOfTheExamplesTakesTheFastPathAndMatchesYams() throws {
        var specs = try TestSupport.exampleNames.map { try TestSupport.read("Examples/\($0)") }
        specs += [Array(StarterSpec.text(name: "orders").utf8)]
        for bytes in specs {
            let spec = try #require(Compiler.check(bytes).spec)
            for resource in Translator.translate(spec) {
                guard case .manifest(let object) = resource.content else { continue }
                let fast = ManifestYAML.encode(object)
                #expect(fast != nil, "\(resource.path) fell back to Yams")
                #expect(fast == (try Self.yams(object)), "\(resource.path)")
            }
        }
    }

    @Test func theTypesLeftToYamsAreYamsOwnLeafTypes() throws {
        let leaves: [Any] = [Int8(1), Int16(1), Int32(1), Int64(1), UInt(1), UInt8(1), UInt16(1), UInt32(1), UInt64(1),
                             1.5, Float(1.5), Decimal(1), Date(), Data(), URL(fileURLWithPath: "/"), UUID()]
        #expect(leaves.allSatisfy { $0 is YAMLEncodable })
        #expect(Set(leaves.map { ObjectIdentifier(type(of: $0)) }) == ManifestYAML.typesYamsWritesItself)
    }

    /// ManifestYAML writes `YAMLString` itself; a new `YAMLEncodable` type in pgha would need the same.
    @Test func yamlStringIsPghasOnlyYAMLEncodableType() throws {
        let sources = TestSupport.repositoryRoot.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        var conformers: [String] = []
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("YAMLEncodable") && (line.contains("struct ") || line.contains("extension ") || line.contains("enum ") || line.contains("class ")) {
                conformers.append(String(line.split(separator: ":")[0].split(separator: " ").last ?? ""))
            }
        }
        #expect(conformers == ["YAMLString"])
    }
}
