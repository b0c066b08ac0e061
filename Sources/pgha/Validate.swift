import ArgumentParser
import PGHAKit

/// `pgha validate`: report every problem of one or more specs without writing anything.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Check specs and report every problem, and notes such as parameters whose change restarts PostgreSQL; write nothing.")

    @Argument(help: "The spec files.")
    var specs: [String]

    @OptionGroup var diagnostics: DiagnosticOptions

    func run() throws {
        var valid = true
        for spec in specs {
            let source = try readSpec(spec)
            let result = Compiler.check(source)
            valid = diagnostics.report(result.diagnostics, file: spec, source: source, includeNotes: true) && valid
        }
        if !valid { throw ExitStatus.invalidSpec.exitCode }
    }
}
