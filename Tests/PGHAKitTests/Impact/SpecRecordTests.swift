import Foundation
import Testing
@testable import PGHAKit

/// The record of the rendered spec that `check` and `diff` classify changes against.
@Suite struct SpecRecordTests {
    /// The schema's fields missing from `object`, by spec path.
    static func missing(_ fields: [FieldSchema], in object: [String: Any], prefix: String = "") -> [String] {
        fields.flatMap { field -> [String] in
            let path = prefix + field.name
            guard let value = object[field.name] else { return [path] }
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

    @Test func onlyAJSONObjectIsARecord() throws {
        #expect(SpecRecord.fields(Array("not json".utf8)) == nil)
        #expect(SpecRecord.fields(Array("[1, 2]".utf8)) == nil)
        #expect(SpecRecord.fields([0xff, 0xfe]) == nil)
        #expect(SpecRecord.fields(Array("{\"a\": {\"b\": \"1\"}, \"c\": [\"x\", \"y\"]}".utf8)) ==
            SpecFields(values: ["a.b": .scalar("1"), "c": .list(["x", "y"])]))
    }
}
