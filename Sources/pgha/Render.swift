import ArgumentParser
import Foundation
import PGHAKit

/// `pgha render`: validate a spec and write its manifests and scripts.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a spec into manifests (and scripts) in a directory, or as YAML on standard output.",
        discussion: "Nothing is written when the spec has errors; an existing directory is replaced atomically."
    )

    @Argument(help: "The spec file.")
    var spec: String

    @Option(name: .shortAndLong, help: "The output directory; without it, the manifests go to standard output.")
    var output: String?

    @Option(help: "The managed identity's client ID, overriding azure.identity.clientID (deploy.sh passes it).")
    var identityClientID: String?

    @OptionGroup var diagnostics: DiagnosticOptions

    func run() throws {
        let source = try readSpec(spec)
        let result = Compiler.compile(source, options: Compiler.Options(identityClientID: identityClientID))
        guard diagnostics.report(result.diagnostics, file: spec, source: source), result.succeeded else {
            throw ExitStatus.invalidSpec.exitCode
        }
        guard let output else {
            FileHandle.standardOutput.write(Data(Renderer.stream(result.artifacts).utf8))
            return
        }
        do {
            try OutputWriter.write(result.artifacts, to: URL(fileURLWithPath: output))
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitStatus.io.exitCode
        }
    }
}
