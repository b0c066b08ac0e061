import ArgumentParser
import Foundation
import PGHAKit

/// `pgha render`: validate specs and write their manifests (and scripts).
struct Render: ParsableCommand, SpecSetOptions {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render specs into manifests (and scripts) in a directory, or as YAML on standard output.",
        discussion: """
        One spec file renders into DIR itself. Several specs, or a directory of specs, render as a fleet: each into \
        DIR/<namespace>/<name>/, with DIR/kustomization.yaml listing those folders. Nothing is written when any spec \
        has errors; an existing directory is replaced atomically.
        """
    )

    @Argument(help: .specs, completion: .specFiles) var specs: [String]
    @Option(help: .identityClientID) var identityClientID: String?
    @Option(help: .diagnosticFormat) var format: DiagnosticFormatter.Format = .human
    @Flag(help: .strict) var strict = false

    @Option(name: .shortAndLong, help: "The output directory; without it, the manifests go to standard output.",
            completion: .directory)
    var output: String?

    func run() throws {
        let specSet = try discoverSpecs()
        guard let output else {
            let artifacts = try renderSpecs(specSet) { $0 }.flatMap { $0 }.sorted { $0.path < $1.path }
            FileHandle.standardOutput.write(Data(Renderer.stream(artifacts).utf8))
            return
        }
        let staging = try handlingOutputErrors { try OutputWriter.Staging(replacing: URL(fileURLWithPath: output)) }
        do {
            _ = try renderSpecs(specSet) { try staging.add($0) }
            try handlingOutputErrors { try staging.commit() }
        } catch {
            staging.discard()
            throw error
        }
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
        "Spec files, or directories of specs.",
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
            if error.isUsage { throw ValidationError(error.description) }
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitStatus.io.exitCode
        }
        if specSet.isFleet && identityClientID != nil {
            throw ValidationError("--identity-client-id applies to one spec, not to a fleet")
        }
        return specSet
    }

    /// Reads, compiles and renders the specs, handing each valid spec's files to `consume` as they are rendered, and
    /// reports their diagnostics; returns what `consume` returned, or throws the exit status unless every spec
    /// rendered (the caller then discards what `consume` made).
    func renderSpecs<Part: Sendable>(_ specSet: SpecSet, consume: @escaping @Sendable ([Artifact]) throws -> Part) throws -> [Part] {
        let rendering = FleetRenderer.render(specSet, options: Compiler.Options(identityClientID: identityClientID), consume: consume)
        try reportSpecs(rendering, of: specSet)
        return try handlingOutputErrors { try rendering.parts.get() }
    }

    /// Reports the diagnostics of every spec (notes only when `includeNotes`) and the unreadable files; throws the
    /// exit status unless every spec was read and is valid.
    func reportSpecs<Part>(_ rendering: Rendering<Part>, of specSet: SpecSet, includeNotes: Bool = false) throws {
        var invalid = 0
        for file in rendering.reports where !report(file.diagnostics, file: file.path, source: file.source, includeNotes: includeNotes) {
            invalid += 1
        }
        if !rendering.unreadable.isEmpty {
            FileHandle.standardError.write(Data(rendering.unreadable.map { "error: \($0)\n" }.joined().utf8))
            throw ExitStatus.io.exitCode
        }
        guard invalid == 0, rendering.succeeded else {
            if specSet.isFleet {
                let summary = "error: \(invalid) of \(specSet.paths.count) specs have errors\n"
                FileHandle.standardError.write(Data(summary.utf8))
            }
            throw ExitStatus.invalidSpec.exitCode
        }
    }
}

/// Runs a step that renders into, or compares with, an output directory; exits 3 when the directory cannot be read
/// or written.
func handlingOutputErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitStatus.io.exitCode
    }
}
