import ArgumentParser
import PGHAKit

/// `pgha validate`: report every problem of one or more specs without writing anything.
struct Validate: ParsableCommand {
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

    /// The values argument-parser read.
    var options: Options {
        Options(specs: specs, identityClientID: identityClientID, format: format, strict: strict)
    }

    func run() throws { try options.run() }

    /// The values of `validate`'s options, and its work.
    struct Options: CommandOptions, SpecSetOptions, Equatable {
        static let command: any ParsableCommand.Type = Validate.self

        var specs: [String]
        var identityClientID: String?
        var format: DiagnosticFormatter.Format
        var strict: Bool

        func run() throws {
            let specSet = try discoverSpecs()
            try reportSpecs(FleetRenderer.validate(specSet, options: Compiler.Options(identityClientID: identityClientID)),
                            of: specSet, includeNotes: true)
        }
    }
}

extension Validate.Options {
    /// The options a plain `validate` line may give.
    static let plainOptions: [PlainWords.Option] = PlainWords.Option.specSet

    /// The options of a plain `validate` command line (`PlainCommandLine`), with argument-parser's defaults; nil when
    /// argument-parser must read it.
    init?(plain words: ArraySlice<String>) {
        guard let line = PlainWords(words, options: Self.plainOptions), !line.positionals.isEmpty,
              let format = line.value("--format", default: DiagnosticFormatter.Format.human) else { return nil }
        self.init(specs: line.positionals, identityClientID: line.value("--identity-client-id"), format: format,
                  strict: line.flag("--strict"))
    }
}
