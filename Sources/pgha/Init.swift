import ArgumentParser
import Foundation
import PGHAKit

/// `pgha init`: a commented starter spec that validates as written.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Write a commented starter spec that validates as written.")

    @Option(help: "The cluster's name: a DNS-1035 label of at most 50 characters.")
    var name = StarterSpec.defaultName

    @Option(name: .shortAndLong, help: "The file to write; without it, the spec goes to standard output.",
            completion: .specFiles)
    var output: String?

    @Flag(help: "Overwrite the output file if it exists.")
    var force = false

    func validate() throws {
        guard StarterSpec.isValidName(name) else {
            throw ValidationError("--name '\(name)' is not a DNS-1035 label of at most 50 characters (lowercase letters, digits and '-', starting with a letter)")
        }
    }

    func run() throws {
        let text = StarterSpec.text(name: name)
        let checked = Compiler.check(Array(text.utf8))
        guard !checked.diagnostics.containsErrors else {
            let report = DiagnosticFormatter(format: .human).format(checked.diagnostics, file: "<starter spec>", source: Array(text.utf8))
            FileHandle.standardError.write(Data(report.utf8))
            throw ValidationError("the starter spec for --name '\(name)' does not validate; choose a shorter name")
        }
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        if !force && FileManager.default.fileExists(atPath: output) {
            FileHandle.standardError.write(Data("error: \(output) exists; pass --force to overwrite it\n".utf8))
            throw ExitStatus.io.exitCode
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            FileHandle.standardError.write(Data("error: cannot write \(output): \(error.localizedDescription)\n".utf8))
            throw ExitStatus.io.exitCode
        }
    }
}
