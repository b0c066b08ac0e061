import ArgumentParser
import PGHAKit

/// `pgha schema`: print the JSON Schema of the spec (the same as Schemas/pgha.schema.json).
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schema", abstract: "Print the JSON Schema of the spec format.")

    func run() throws {
        try Console.out(JSONSchemaGenerator.schema())
    }
}
