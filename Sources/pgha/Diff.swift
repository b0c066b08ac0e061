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

/// `pgha diff`: the unified diff of what `render` would change in an output directory, for reviewers.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show, as a unified diff, what render would change in a directory.",
        discussion: """
        a/ is DIR as it is, b/ what render would write. Writes nothing. Above the diff, one "impact:" line per \
        operational consequence of the change (from the spec DIR records in .pgha/spec.json). Exits 0 when there is \
        no difference, and 1 when a spec is invalid or when there are differences.
        """
    )

    @Argument(help: .specs, completion: .specFiles) var specs: [String]
    @Option(help: .identityClientID) var identityClientID: String?
    @Option(help: .diagnosticFormat) var format: DiagnosticFormatter.Format = .human
    @Flag(help: .strict) var strict = false
    @Option(help: .failOn) var failOn: String?

    @Option(name: .shortAndLong, help: "The output directory to compare with.", completion: .directory)
    var output: String

    @Option(name: [.customShort("U"), .long], parsing: .unconditional, help: "Lines of context around each change (-U3 as diff writes it works too).")
    var context = 3

    /// The values argument-parser read.
    var options: Options {
        Options(specs: specs, identityClientID: identityClientID, format: format, strict: strict, failOn: failOn, output: output,
                context: context)
    }

    func validate() throws { try options.validate() }
    func run() throws { try options.run() }

    /// The values of `diff`'s options, and its work.
    struct Options: CommandOptions, SpecSetOptions, ImpactOptions, Equatable {
        static let command: any ParsableCommand.Type = Diff.self

        var specs: [String]
        var identityClientID: String?
        var format: DiagnosticFormatter.Format
        var strict: Bool
        var failOn: String?
        var output: String
        var context: Int

        func validate() throws {
            try validateOutputOption(output)
            guard context >= 0 else { throw ValidationError("-U/--context takes a number of lines, 0 or more, not \(context)") }
            _ = try failOnCategories()
        }

        func run() throws {
            let specSet = try discoverSpecs()
            let directory = try handlingIOErrors { try OutputDirectory(output) }
            let context = context
            let parts = try renderSpecs(specSet, recordedSpec: directory.recordedSpec) { try Drift.Part($0, against: directory, diffContext: context) }
            let drift = try handlingIOErrors { try Drift(parts, against: directory, diffContext: context) }
            // JSON is one document either way, so a bot can parse what it reads; text is silent when nothing differs.
            if format == .json {
                try Console.out("{\n  \"impact\": \(impactJSON(drift.impacts)),\n  \"patch\": \(jsonString(drift.patch))\n}\n")
            }
            guard !drift.isEmpty else { return }
            if format != .json {
                let impacts = impactLines(drift.impacts)
                try Console.out(impacts + (impacts.isEmpty ? "" : "\n") + drift.patch)
            }
            let formatter = formatter
            for note in PostgresImage.changeNotes(inPatch: drift.patch) {
                try Console.error(formatter.message(.note, note))
            }
            try refuseImpacts(drift.impacts)
            throw ExitStatus.drifted.exitCode
        }
    }
}

extension Diff.Options {
    /// The options a plain `diff` line may give.
    static let plainOptions: [PlainWords.Option] =
        PlainWords.Option.specSet + [.failOn, .value("--output", short: "-o"), .value("--context", short: "-U")]

    /// The options of a plain `diff` command line (`PlainCommandLine`), with argument-parser's defaults; nil when
    /// argument-parser must read it (`-U3`, which `PGHA.main` splits for argument-parser, among others).
    init?(plain words: ArraySlice<String>) {
        guard let line = PlainWords(words, options: Self.plainOptions), !line.positionals.isEmpty,
              let format = line.value("--format", default: DiagnosticFormatter.Format.human),
              let output = line.value("--output"), let context = line.value("--context", default: 3) else { return nil }
        self.init(specs: line.positionals, identityClientID: line.value("--identity-client-id"), format: format,
                  strict: line.flag("--strict"), failOn: line.value("--fail-on"), output: output, context: context)
    }
}
