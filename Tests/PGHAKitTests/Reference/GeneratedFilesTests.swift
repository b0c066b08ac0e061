import Foundation
import Testing
import Yams
@testable import PGHAKit

/// Files generated from code stay current: the JSON Schema and the spec reference.
/// Regenerate with `PGHA_UPDATE_GOLDEN=1 swift test --filter GeneratedFiles`.
@Suite struct GeneratedFilesTests {
    static func check(_ relativePath: String, _ generated: String) throws {
        let url = TestSupport.repositoryRoot.appendingPathComponent(relativePath)
        if TestSupport.updatingGoldenFiles {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(generated.utf8).write(to: url)
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(committed == generated, "\(relativePath) is stale: run PGHA_UPDATE_GOLDEN=1 swift test")
    }

    @Test func jsonSchemaIsCurrent() throws {
        try Self.check("Schemas/pgha.schema.json", JSONSchemaGenerator.schema())
    }

    @Test func specReferenceIsCurrent() throws {
        try Self.check("Docs/spec.md", SpecDocumentation.markdown())
    }

    @Test(arguments: TestSupport.exampleNames)
    func everyExampleValidatesAgainstTheJSONSchema(example: String) throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(TestSupport.read("Schemas/pgha.schema.json"))) as? [String: Any])
        let spec = try #require(try Yams.load(yaml: String(decoding: TestSupport.read("Examples/\(example)"), as: UTF8.self)))
        #expect(CRDSchemaValidator(schema: schema).violations(of: spec) == [])
    }

    /// A spec that sets every field the schema names, each to a value of its type, passes both the schema
    /// and the parser's structure checks; a key the schema does not name, in any mapping, is refused by both.
    @Test func schemaAndParserAgreeOnTheFieldSet() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(TestSupport.read("Schemas/pgha.schema.json"))) as? [String: Any])
        let validator = CRDSchemaValidator(schema: schema)
        let samples = Self.samples(schema, path: [])
        #expect(samples.count > 60)
        var everything: [String: Any] = [:]
        for (path, sample) in samples { Self.set(&everything, path, sample) }
        let structural = SpecParser.parse(Array(try Yams.dump(object: everything).utf8)).diagnostics
        #expect(structural.isEmpty, "\(structural.map(TestSupport.summary))")
        #expect(validator.violations(of: everything) == [])
        for parent in Set(samples.map { $0.0.dropLast().joined(separator: ".") }).sorted() {
            var document = everything
            Self.set(&document, parent.split(separator: ".").map(String.init) + ["notAField"], "x")
            let codes = SpecParser.parse(Array(try Yams.dump(object: document).utf8)).diagnostics.map(\.code)
            #expect(codes == [.unknownKey], "\(parent).notAField")
            #expect(validator.violations(of: document).contains { $0.hasSuffix("notAField: unknown field") }, "\(parent)")
        }
    }

    /// A sample value for every leaf field of an object schema, by path.
    static func samples(_ schema: [String: Any], path: [String]) -> [([String], Any)] {
        let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
        return properties.sorted { $0.key < $1.key }.flatMap { key, property -> [([String], Any)] in
            let childPath = path + [key]
            if let values = property["enum"] as? [String] { return [(childPath, values[0])] }
            switch property["type"] as? String {
            case "object" where property["properties"] != nil: return samples(property, path: childPath)
            case "object":
                // A map of objects (roles, databases): one entry holding a sample of every field.
                guard let entry = property["additionalProperties"] as? [String: Any], entry["properties"] != nil else {
                    return [(childPath, ["key": "value"])]
                }
                var object: [String: Any] = [:]
                for (fieldPath, sample) in samples(entry, path: []) { set(&object, fieldPath, sample) }
                return [(childPath, ["key": object])]
            case "array": return [(childPath, ["1"])]
            case "integer": return [(childPath, property["minimum"] as? Int ?? 1)]
            case "boolean": return [(childPath, true)]
            default: return [(childPath, "1")]
            }
        }
    }

    static func set(_ document: inout [String: Any], _ path: some Collection<String>, _ value: Any) {
        guard let key = path.first else { return }
        if path.count == 1 {
            document[key] = value
        } else {
            var child = document[key] as? [String: Any] ?? [:]
            set(&child, path.dropFirst(), value)
            document[key] = child
        }
    }
}
