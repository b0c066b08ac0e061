import ArgumentParser
import PGHAKit

/// `pgha validate`: report every problem of one or more specs without writing anything.
struct Validate: ParsableCommand, SpecSetOptions {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check specs and report every problem, and notes such as parameters whose change restarts PostgreSQL; write nothing.",
        discussion: """
        Takes the specs as render does: several specs, or a directory of specs, are checked as a fleet, with the \
        rules that span its specs.
        """
    )

    @Argument(help: .specs, completion: .specFiles) var specs: [String]
    @Option(help: .identityClientID) var identityClientID: String?
    @Option(help: .diagnosticFormat) var format: DiagnosticFormatter.Format = .human
    @Flag(help: .strict) var strict = false

    func run() throws {
        let specSet = try discoverSpecs()
        try reportSpecs(FleetRenderer.validate(specSet, options: Compiler.Options(identityClientID: identityClientID)),
                        of: specSet, includeNotes: true)
    }
}
