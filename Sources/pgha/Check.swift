import ArgumentParser
import Foundation
import PGHAKit

/// `pgha check`: whether an output directory holds exactly what `render` would write (for CI).
struct Check: ParsableCommand, SpecSetOptions {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that a directory holds exactly what render would write there.",
        discussion: """
        Renders in memory and compares with DIR, writing nothing. Exits 0 when DIR is current, and 1 when a spec is \
        invalid or when DIR has drifted, listing each file that render would add, change or remove. Files in DIR that \
        pgha did not write are not compared: render keeps them.
        """
    )

    @Argument(help: .specs, completion: .specFiles) var specs: [String]
    @Option(help: .identityClientID) var identityClientID: String?
    @Option(help: .diagnosticFormat) var format: DiagnosticFormatter.Format = .human
    @Flag(help: .strict) var strict = false

    @Option(name: .shortAndLong, help: "The output directory to check.", completion: .directory)
    var output: String

    func validate() throws {
        try validateOutputOption(output)
    }

    func run() throws {
        let specSet = try discoverSpecs()
        let existing = try handlingIOErrors { try OutputDirectory(output) }
        let parts = try renderSpecs(specSet) { try Drift.Part($0, against: existing) }
        let drift = try handlingIOErrors { try Drift(parts, against: existing) }
        guard !drift.isEmpty else { return }
        let formatter = formatter
        try Console.out(drift.entries.map { formatter.change($0.change.rawValue, file: $0.path(in: output)) }.joined())
        try printError("\(output) differs from the specs (\(drift.summary)); run pgha render to update it")
        throw ExitStatus.drifted.exitCode
    }
}

extension ExitStatus {
    /// `check` and `diff` exit 1, like an invalid spec, when the output directory differs from the specs.
    static let drifted = ExitStatus.invalidSpec
}
