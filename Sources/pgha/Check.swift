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
        invalid or when DIR has drifted, listing each file that render would add, change or remove.
        """
    )

    @Argument(help: .specs, completion: .specFiles) var specs: [String]
    @Option(help: .identityClientID) var identityClientID: String?
    @Option(help: .diagnosticFormat) var format: DiagnosticFormatter.Format = .human
    @Flag(help: .strict) var strict = false

    @Option(name: .shortAndLong, help: "The output directory to check.", completion: .directory)
    var output: String

    func run() throws {
        let specSet = try discoverSpecs()
        let existing = try handlingOutputErrors { try OutputDirectory(output) }
        let parts = try renderSpecs(specSet) { try Drift.Part($0, against: existing) }
        let drift = try handlingOutputErrors { try Drift(parts, against: existing) }
        guard !drift.isEmpty else { return }
        FileHandle.standardOutput.write(Data(drift.listing(in: output).utf8))
        let summary = "error: \(output) differs from the specs (\(drift.summary)); run pgha render to update it\n"
        FileHandle.standardError.write(Data(summary.utf8))
        throw ExitStatus.drifted.exitCode
    }
}

extension ExitStatus {
    /// `check` and `diff` exit 1, like an invalid spec, when the output directory differs from the specs.
    static let drifted = ExitStatus.invalidSpec
}
