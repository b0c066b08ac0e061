import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import PGHAKit

/// `pgha check`: whether an output directory holds exactly what `render` would write (for CI).
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that a directory holds exactly what render would write there.",
        discussion: """
        Renders in memory and compares with DIR, writing nothing. Exits 0 when DIR is current, and 1 when a spec is \
        invalid or when DIR has drifted, listing each file that render would add, change or remove, after one \
        "impact:" line per operational consequence of the change (from the spec DIR records in .pgha/spec.json). \
        Files in DIR that pgha did not write are not compared: render keeps them.
        """
    )

    @Argument(help: .specs, completion: .specFiles) var specs: [String]
    @Option(help: .identityClientID) var identityClientID: String?
    @Option(help: .diagnosticFormat) var format: DiagnosticFormatter.Format = .human
    @Flag(help: .strict) var strict = false
    @Option(help: .failOn) var failOn: String?

    @Option(name: .shortAndLong, help: "The output directory to check.", completion: .directory)
    var output: String

    /// The values argument-parser read.
    var options: Options {
        Options(specs: specs, identityClientID: identityClientID, format: format, strict: strict, failOn: failOn, output: output)
    }

    func validate() throws { try options.validate() }
    func run() throws { try options.run() }

    /// The values of `check`'s options, and its work.
    struct Options: CommandOptions, SpecSetOptions, ImpactOptions, Equatable {
        static let command: any ParsableCommand.Type = Check.self

        var specs: [String]
        var identityClientID: String?
        var format: DiagnosticFormatter.Format
        var strict: Bool
        var failOn: String?
        var output: String

        func validate() throws {
            try validateOutputOption(output)
            _ = try failOnCategories()
        }

        func run() throws {
            let specSet = try discoverSpecs()
            let existing = try handlingIOErrors { try OutputDirectory(output) }
            let parts = try renderSpecs(specSet, recordedSpec: existing.recordedSpec) { try Drift.Part($0, against: existing) }
            let drift = try handlingIOErrors { try Drift(parts, against: existing) }
            // JSON is one document either way, so a bot can parse what it reads; text is silent when nothing differs.
            if format == .json {
                let files = drift.entries.map { "    {\"change\": \"\($0.change.rawValue)\", \"path\": \(jsonString($0.path(in: output)))}" }
                let list = files.isEmpty ? "[]" : "[\n" + files.joined(separator: ",\n") + "\n  ]"
                try Console.out("{\n  \"impact\": \(impactJSON(drift.impacts)),\n  \"files\": \(list)\n}\n")
            }
            guard !drift.isEmpty else { return }
            if format != .json {
                let formatter = formatter
                try Console.out(impactLines(drift.impacts) + drift.entries.map { formatter.change($0.change.rawValue, file: $0.path(in: output)) }.joined())
            }
            try refuseImpacts(drift.impacts)
            try printError("\(output) differs from the specs (\(drift.summary)); run pgha render to update it")
            throw ExitStatus.drifted.exitCode
        }
    }
}

extension Check.Options {
    /// The options a plain `check` line may give.
    static let plainOptions: [PlainWords.Option] =
        PlainWords.Option.specSet + [.failOn, .value("--output", short: "-o")]

    /// The options of a plain `check` command line (`PlainCommandLine`), with argument-parser's defaults; nil when
    /// argument-parser must read it.
    init?(plain words: ArraySlice<String>) {
        guard let line = PlainWords(words, options: Self.plainOptions), !line.positionals.isEmpty,
              let format = line.value("--format", default: DiagnosticFormatter.Format.human),
              let output = line.value("--output") else { return nil }
        self.init(specs: line.positionals, identityClientID: line.value("--identity-client-id"), format: format,
                  strict: line.flag("--strict"), failOn: line.value("--fail-on"), output: output)
    }
}

extension ExitStatus {
    /// `check` and `diff` exit 1, like an invalid spec, when the output directory differs from the specs.
    static let drifted = ExitStatus.invalidSpec
}
