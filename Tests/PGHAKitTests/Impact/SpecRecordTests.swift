import Foundation
import Testing
@testable import PGHAKit

/// The record of the rendered spec that `check` and `diff` classify changes against.
@Suite struct SpecRecordTests {
    /// The schema's fields missing from `object`, by spec path. An optional field without a default is recorded only
    /// when the spec sets it (the other test shows those the example leaves unset are recorded when set).
    static func missing(_ fields: [FieldSchema], in object: [String: Any], prefix: String = "") -> [String] {
        fields.flatMap { field -> [String] in
            let path = prefix + field.name
            guard let value = object[field.name] else { return field.defaultValue == nil && !field.isRequired ? [] : [path] }
            guard case .object(let children) = field.type else { return [] }
            guard let child = value as? [String: Any] else { return [path] }
            return missing(children, in: child, prefix: path + ".")
        }
    }

    /// A new spec field that the record leaves out would change without any impact line: this catches it.
    @Test func theRecordOfASpecWithEverySectionHoldsEveryFieldOfTheSchema() throws {
        let result = Compiler.compile(try TestSupport.read("Examples/aks-ha.yaml"))
        let record = try #require(result.artifacts.first { $0.path == SpecRecord.path })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(record.contents.utf8)) as? [String: Any])
        #expect(Self.missing(SpecSchema.root, in: object) == [])
    }

    @Test func optionalFieldsWithoutDefaultsAreRecordedWhenSet() throws {
        let spec = TestSupport.spec("""
        postgres:
          imageCatalog:
            name: images
        backup:
          storageAccount: pgtestbackups
          dataCompression: gzip
        recovery:
          targetTime: "2026-11-29T18:30:00Z"
        """).replacingOccurrences(of: "  location: westus3\n", with: "  location: westus3\n  subscription: 00000000-0000-0000-0000-000000000001\n  identity:\n    clientID: 3f2a7c1e-5b8d-4e9a-9c6f-1d2e3f4a5b6c\n")
        let result = Compiler.compile(Array(spec.utf8))
        #expect(result.succeeded, "\(result.diagnostics.map(TestSupport.summary))")
        let record = try #require(result.artifacts.first { $0.path == SpecRecord.path })
        let fields = try #require(SpecRecord.fields(Array(record.contents.utf8)))
        for path in ["postgres.imageCatalog.name", "backup.dataCompression", "recovery.targetTime", "azure.subscription", "azure.identity.clientID"] {
            #expect(fields.values[path] != nil, "\(path)")
        }
    }

    @Test func onlyAJSONObjectIsARecord() throws {
        #expect(SpecRecord.fields(Array("not json".utf8)) == nil)
        #expect(SpecRecord.fields(Array("[1, 2]".utf8)) == nil)
        #expect(SpecRecord.fields([0xff, 0xfe]) == nil)
        #expect(SpecRecord.fields(Array("{\"a\": {\"b\": \"1\"}, \"c\": [\"x\", \"y\"]}".utf8)) ==
            SpecFields(values: ["a.b": .scalar("1"), "c": .list(["x", "y"])]))
    }

    /// The flattening as a YAML reader sees a JSON record, which `SpecRecord.fields` did before it read JSON itself.
    static func composedFields(_ text: String) throws -> SpecFields? {
        guard let root = try YAMLComposer(text).nextRoot(), root.mapping != nil else { return nil }
        var values: [String: SpecFields.Value] = [:]
        func flatten(_ node: YAMLNode, path: String) {
            switch node.content {
            case .scalar(let scalar): values[path] = .scalar(scalar.string)
            case .sequence(let nodes): values[path] = .list(nodes.map { $0.scalar?.string ?? "" })
            case .mapping(let pairs):
                for (key, value) in pairs {
                    let name = key.scalar?.string ?? ""
                    flatten(value, path: path.isEmpty ? name : path + "." + name)
                }
            }
        }
        flatten(root, path: "")
        return SpecFields(values: values)
    }

    @Test func everyGoldenRecordReadsAsAYAMLReaderReadsIt() throws {
        let golden = TestSupport.repositoryRoot.appendingPathComponent("Tests/PGHAKitTests/Golden")
        let records = try #require(FileManager.default.enumerator(atPath: golden.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(SpecRecord.path) }
        #expect(records.count >= 9)
        for record in records {
            let bytes = try TestSupport.read("Tests/PGHAKitTests/Golden/" + record)
            let fields = try #require(SpecRecord.fields(bytes), "\(record)")
            #expect(fields == (try Self.composedFields(String(decoding: bytes, as: UTF8.self))), "\(record)")
        }
    }

    /// Seeded random JSON objects (nesting, arrays of scalars and collections, escapes, non-ASCII text, numbers,
    /// literals) read as a YAML reader reads them.
    @Test func generatedJSONReadsAsAYAMLReaderReadsIt() throws {
        var generator = TestSupport.SeededGenerator(state: 42)
        let pieces = ["a", "b.c", "é", "😀", " ", "\\\"", "\\\\", "\\n", "\\t", "\\u00e9", "\\u0001", "\\/", "'", "#", ":"]
        func string() -> String {
            "\"" + (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() + "\""
        }
        func scalar() -> String {
            [string(), "0", "-12", "3.25", "1e3", "-0.5E-2", "true", "false", "null"].randomElement(using: &generator)!
        }
        func value(_ depth: Int) -> String {
            switch Int.random(in: 0..<(depth < 3 ? 4 : 2), using: &generator) {
            case 0, 1: return scalar()
            case 2: return object(depth + 1)
            default: return "[" + (0..<Int.random(in: 0...3, using: &generator)).map { _ in value(depth + 1) }.joined(separator: ", ") + "]"
            }
        }
        func object(_ depth: Int) -> String {
            "{" + (0..<Int.random(in: 0...4, using: &generator)).map { index in
                "\"\(index)" + string().dropFirst() + ": " + value(depth)
            }.joined(separator: ",\n ") + "}"
        }
        for _ in 0..<2_000 {
            let text = object(0)
            let fields = SpecRecord.fields(Array(text.utf8))
            #expect(fields == (try Self.composedFields(text)), "\(text)")
            // Keeping some paths reads the same document, keeps those fields and drops the others.
            let kept: Set<String> = ["0", "1", "0.0", "0.1.2", "2.0", "3.1"]
            #expect(FlatJSONReader.fields(Array(text.utf8), keeping: kept) == fields.map { fields in
                SpecFields(values: fields.values.filter { kept.contains($0.key) })
            }, "\(text)")
        }
    }

    /// YAML readers refuse escaped surrogates; JSON writes a scalar beyond the BMP as a pair.
    @Test func anEscapedSurrogatePairIsOneScalar() {
        #expect(SpecRecord.fields(Array("{\"a\": \"x\\ud83d\\ude00y\"}".utf8)) == SpecFields(values: ["a": .scalar("x😀y")]))
    }

    /// A record saved by an editor that adds a byte-order mark reads as the record (RFC 8259 lets a reader ignore it).
    @Test func aByteOrderMarkBeforeTheRecordIsIgnored() {
        let record = Array("{\"storage\": {\"size\": \"64Gi\"}}\n".utf8)
        #expect(SpecRecord.fields([0xEF, 0xBB, 0xBF] + record) == SpecRecord.fields(record))
        #expect(SpecRecord.fields(record) == SpecFields(values: ["storage.size": .scalar("64Gi")]))
    }

    /// Keys that are empty or dotted make the same paths in a kept read as in the whole read: a member of key `""`
    /// at the root flattens into the root, `"storage.wal"` and `"size"` make `storage.wal.size`.
    @Test func keptFieldsAreFoundUnderEmptyAndDottedKeys() {
        let kept: Set<String> = ["namespace", "storage.size", "storage.wal.size"]
        for text in ["{\"\": {\"namespace\": \"a\", \"storage\": {\"size\": \"64Gi\"}}}",
                     "{\"\": {\"\": {\"namespace\": \"a\"}}, \"storage.wal\": {\"size\": \"8Gi\"}}",
                     "{\"storage\": {\"\": {\"size\": \"1Gi\"}, \"wal.size\": \"2Gi\"}, \"storage.size\": \"3Gi\"}"] {
            let whole = SpecRecord.fields(Array(text.utf8))
            #expect(whole != nil)
            #expect(FlatJSONReader.fields(Array(text.utf8), keeping: kept) == whole.map { whole in
                SpecFields(values: whole.values.filter { kept.contains($0.key) })
            }, "\(text)")
        }
    }

    /// Objects and arrays nested deeper than `FlatJSONReader.maximumDepth` are refused like malformed JSON, by the
    /// whole read and the kept read; before, a record nested 200,000 deep overflowed the stack (render, check and diff
    /// crashed on it).
    @Test func aRecordNestedTooDeeplyIsNoRecord() {
        func nested(_ arrays: Int) -> [UInt8] {
            Array(("{\"a\": " + String(repeating: "[", count: arrays) + String(repeating: "]", count: arrays) + ", \"k\": 1}").utf8)
        }
        let deepest = FlatJSONReader.maximumDepth - 1 // the arrays inside the root object
        #expect(SpecRecord.fields(nested(deepest)) == SpecFields(values: ["a": .list([""]), "k": .scalar("1")]))
        #expect(FlatJSONReader.fields(nested(deepest), keeping: ["k"]) == SpecFields(values: ["k": .scalar("1")]))
        for arrays in [deepest + 1, 200_000] {
            #expect(SpecRecord.fields(nested(arrays)) == nil, "\(arrays)")
            #expect(FlatJSONReader.fields(nested(arrays), keeping: ["k"]) == nil, "\(arrays)")
            #expect(RecordedVolumes(record: nested(arrays)) == nil, "\(arrays)")
        }
    }

    @Test func malformedJSONIsNoRecord() {
        #expect(FlatJSONReader.fields(Array("{\"a\": {\"b\": [{\"c\": 01}]}, \"k\": 1}".utf8), keeping: ["k"]) == nil)
        #expect(FlatJSONReader.fields(Array("{\"a\": \"x".utf8) + [0xFF] + Array("\", \"k\": 1}".utf8), keeping: ["k"]) == nil)
        for text in ["", "{", "{\"a\": }", "{\"a\": 1,}", "{\"a\" 1}", "{a: 1}", "{\"a\": 01}", "{\"a\": 1.}", "{\"a\": -}",
                     "{\"a\": tru}", "{\"a\": \"\\x\"}", "{\"a\": \"\\ud800\"}", "{\"a\": \"tab\there\"}", "{\"a\": [1 2]}",
                     "{\"a\": 1} {}", "{\"a\": \"\u{FFFD}\"} x"] {
            #expect(SpecRecord.fields(Array(text.utf8)) == nil, "\(text.debugDescription)")
            // A kept read refuses it alike, although it makes no text of the values it does not keep.
            #expect(FlatJSONReader.fields(Array(text.utf8), keeping: ["k"]) == nil, "\(text.debugDescription)")
        }
        // A control character; a key, then values, that are not UTF-8 (before and after an escape): refused by the
        // whole read and by a kept read that keeps none of them.
        for bytes in [Array("{\"a\": \"\u{1}\"}".utf8),
                      [UInt8(ascii: "{"), UInt8(ascii: "\""), 0xC3, UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: "1"), UInt8(ascii: "}")],
                      Array("{\"a\": \"x".utf8) + [0xFF] + Array("\"}".utf8),
                      Array("{\"a\": \"x\\ny".utf8) + [0xC3, 0x28] + Array("\"}".utf8)] {
            #expect(SpecRecord.fields(bytes) == nil, "\(bytes)")
            #expect(FlatJSONReader.fields(bytes, keeping: ["k"]) == nil, "\(bytes)")
        }
        #expect(SpecRecord.fields(Array("{\"a\": \"x\\ny".utf8) + [0xC3, 0xA9] + Array("\"}".utf8)) == SpecFields(values: ["a": .scalar("x\nyé")]))
    }
}
