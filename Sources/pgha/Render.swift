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

/// `pgha render`: validate specs and write their manifests (and scripts).
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render specs into manifests (and scripts) in a directory, or as YAML on standard output.",
        discussion: """
        One spec file renders into DIR itself; `-` reads a spec from standard input. Several specs, or a directory of \
        specs, render as a fleet: each into DIR/<namespace>/<name>/, with DIR/kustomization.yaml listing those \
        folders. Nothing is written when any spec has errors. pgha replaces or deletes only the files it wrote \
        (listed in DIR/.pgha-files) and keeps everything else in DIR. Without -o, standard output carries the \
        steady-state manifests only, each naming its file; --include adds the one-off and operator objects.
        """
    )

    @Argument(help: .specs, completion: .specFiles) var specs: [String]
    @Option(help: .identityClientID) var identityClientID: String?
    @Option(help: .diagnosticFormat) var format: DiagnosticFormatter.Format = .human
    @Flag(help: .strict) var strict = false

    @Option(name: .shortAndLong, help: "The output directory; without it, the steady-state manifests go to standard output.",
            completion: .directory)
    var output: String?

    @Option(help: ArgumentHelp("Also print these objects on standard output (without -o): oneoff, operator.", valueName: "kinds"))
    var include: String?

    @Flag(help: "Let pgha replace files in the output directory that it did not write, where it renders a file of the same path.")
    var adopt = false

    @Flag(help: "Say how the output directory was written (swapped whole, or file by file and why).")
    var verbose = false

    /// The values argument-parser read.
    var options: Options {
        Options(specs: specs, identityClientID: identityClientID, format: format, strict: strict, output: output, include: include,
                adopt: adopt, verbose: verbose)
    }

    func validate() throws { try options.validate() }
    func run() throws { try options.run() }

    /// The values of `render`'s options, and its work.
    struct Options: CommandOptions, SpecSetOptions, Equatable {
        static let command: any ParsableCommand.Type = Render.self

        var specs: [String]
        var identityClientID: String?
        var format: DiagnosticFormatter.Format
        var strict: Bool
        var output: String?
        var include: String?
        var adopt: Bool
        var verbose: Bool

        /// The roles `--include` adds to standard output.
        private var includedRoles: Set<Artifact.Role> {
            get throws {
                guard let include else { return [] }
                let allowed: [String: Artifact.Role] = ["oneoff": .oneOff, "operator": .operatorSettings]
                return Set(try include.split(separator: ",", omittingEmptySubsequences: false).map { name in
                    guard let role = allowed[String(name)] else {
                        throw ValidationError("--include takes oneoff and operator, not '\(name)'")
                    }
                    return role
                })
            }
        }

        func validate() throws {
            try validateOutputOption(output)
            if output != nil && include != nil { throw ValidationError("--include applies to standard output; with -o, every file is written") }
            _ = try includedRoles
        }

        func run() throws {
            let specSet = try discoverSpecs()
            guard let output else {
                let artifacts = try renderSpecs(specSet) { $0 }.flatMap { $0 }.sorted { $0.path < $1.path }
                try Console.out(Renderer.stream(artifacts, including: try includedRoles))
                return
            }
            let adopt = adopt
            let staging = try handlingIOErrors { try OutputWriter.Staging(replacing: output, adopting: adopt) }
            let method: OutputWriter.Method
            do {
                _ = try renderSpecs(specSet, recordedSpec: staging.recordedSpec) { try staging.add($0) }
                method = try handlingIOErrors { try staging.commit() }
            } catch {
                staging.discard()
                throw error
            }
            guard verbose else { return }
            let written = switch method {
            case .unchanged: "wrote nothing to \(output): every file is already as rendered"
            case .swapped: "wrote \(output): swapped in whole"
            case .inPlace(let reason): "wrote \(output): file by file, because \(reason)"
            }
            // A line for people as it always was; a note object or annotation for tools, like every other message.
            try Console.error(format == .human ? written + "\n" : formatter.message(.note, written))
        }
    }
}

extension Render.Options {
    /// The options a plain `render` line may give.
    static let plainOptions: [PlainWords.Option] =
        PlainWords.Option.specSet + [.value("--output", short: "-o"), .value("--include"), .flag("--adopt"), .flag("--verbose")]

    /// The options of a plain `render` command line (`PlainCommandLine`), with argument-parser's defaults; nil when
    /// argument-parser must read it.
    init?(plain words: ArraySlice<String>) {
        guard let line = PlainWords(words, options: Self.plainOptions), !line.positionals.isEmpty,
              let format = line.value("--format", default: DiagnosticFormatter.Format.human) else { return nil }
        self.init(specs: line.positionals, identityClientID: line.value("--identity-client-id"), format: format,
                  strict: line.flag("--strict"), output: line.value("--output"), include: line.value("--include"),
                  adopt: line.flag("--adopt"), verbose: line.flag("--verbose"))
    }
}

/// The specs of `render`, `check` and `diff`, and how to compile them: the spec arguments and
/// `--identity-client-id`, which each of these commands declares with the help below (see `DiagnosticOptions`).
protocol SpecSetOptions: DiagnosticOptions {
    var specs: [String] { get }
    var identityClientID: String? { get }
}

extension ArgumentHelp {
    /// The help of the spec arguments.
    static let specs = ArgumentHelp(
        "Spec files, directories of specs, or - for standard input.",
        discussion: "A directory stands for the *.yaml and *.yml files directly inside it (not in subdirectories)."
    )
    /// The help of `--identity-client-id`.
    static let identityClientID: ArgumentHelp =
        "The managed identity's client ID, overriding azure.identity.clientID (deploy.sh passes it); one spec only."
}

extension CompletionKind {
    /// Spec files: YAML.
    static var specFiles: CompletionKind { .file(extensions: ["yaml", "yml"]) }
}

extension SpecSetOptions {
    /// The spec files the arguments name; throws the usage or I/O exit status when there are none to read.
    func discoverSpecs() throws -> SpecSet {
        let specSet: SpecSet
        do {
            specSet = try SpecSet.discover(specs)
        } catch {
            try printError(error.description)
            throw (error.isUsage ? ExitStatus.usage : ExitStatus.io).exitCode
        }
        if specSet.isFleet && identityClientID != nil {
            throw ValidationError("--identity-client-id applies to one spec, not to a fleet")
        }
        return specSet
    }

    /// Reads, compiles and renders the specs, handing each valid spec's files to `consume` as they are rendered, and
    /// reports their diagnostics; returns what `consume` returned, or throws the exit status unless every spec
    /// rendered (the caller then discards what `consume` made). `recordedSpec` reads the output directory's spec
    /// records, which the specs must not change in ways Kubernetes refuses (a volume that shrinks). Notes are not
    /// shown, so the reports do not keep them.
    func renderSpecs<Part: Sendable>(
        _ specSet: SpecSet, recordedSpec: (@Sendable (String) -> [UInt8]?)? = nil,
        consume: @escaping @Sendable ([Artifact]) throws -> Part
    ) throws -> [Part] {
        let options = Compiler.Options(identityClientID: identityClientID, recordedSpec: recordedSpec)
        let rendering = FleetRenderer.render(specSet, options: options, keepingNotes: false, consume: consume)
        try reportSpecs(rendering, of: specSet)
        return try handlingIOErrors { try rendering.parts.get() }
    }

    /// Reports the diagnostics of every spec (notes only when `includeNotes`) and the unreadable files; throws the
    /// exit status unless every spec was read and is valid.
    func reportSpecs<Part>(_ rendering: Rendering<Part>, of specSet: SpecSet, includeNotes: Bool = false) throws {
        var invalid = 0
        for file in rendering.reports where try !report(file.diagnostics, file: file.path, source: file.source, includeNotes: includeNotes) {
            invalid += 1
        }
        if !rendering.unreadable.isEmpty {
            for reason in rendering.unreadable { try printError(reason) }
            throw ExitStatus.io.exitCode
        }
        guard invalid == 0, rendering.succeeded else {
            if specSet.isFleet { try printError("\(invalid) of \(specSet.paths.count) specs have errors") }
            throw ExitStatus.invalidSpec.exitCode
        }
    }
}

/// Refuses an empty `-o`, which would otherwise name the current directory, and one starting with `~`, which the
/// shell left unexpanded (quoted, or after `--output=`): it would name a folder called `~` in the current directory.
func validateOutputOption(_ output: String?) throws {
    if output == "" { throw ValidationError("-o/--output needs a path; use -o . for the current directory") }
    if let output, output.utf8.first == UInt8(ascii: "~") {
        throw ValidationError("-o/--output starts with ~, which the shell did not expand (it was quoted, or came after --output=): write $HOME instead")
    }
}
