import ArgumentParser
import Foundation
import PGHAKit

/// `pgha schema`: print the JSON Schema of the spec (the same as Schemas/pgha.schema.json).
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schema", abstract: "Print the JSON Schema of the spec format.")

    func run() throws {
        FileHandle.standardOutput.write(Data(JSONSchemaGenerator.schema().utf8))
    }
}
