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
}
