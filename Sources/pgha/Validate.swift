import ArgumentParser
import PGHAKit

/// `pgha validate`: report every problem of one or more specs without writing anything.
struct Validate: ParsableCommand, DiagnosticOptions {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Check specs and report every problem, and notes such as parameters whose change restarts PostgreSQL; write nothing.")

    @Argument(help: "The spec files.")
    var specs: [String]

    @Option(help: .diagnosticFormat) var format: DiagnosticFormatter.Format = .human
    @Flag(help: .strict) var strict = false

    func run() throws {
        var valid = true
        for spec in specs {
            let source = try readSpec(spec)
            let result = Compiler.check(source)
            valid = report(result.diagnostics, file: spec, source: source, includeNotes: true) && valid
        }
        if !valid { throw ExitStatus.invalidSpec.exitCode }
    }
}
