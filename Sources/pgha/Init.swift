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

/// `pgha init`: a commented starter spec that validates as written.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Write a commented starter spec that validates as written.")

    @Option(help: "The cluster's name: a DNS-1035 label of at most 50 characters, and short enough for the Azure names derived from it (init says when it is not).")
    var name = StarterSpec.defaultName

    @Option(name: .shortAndLong, help: "The file to write; without it, or with -, the spec goes to standard output.",
            completion: .specFiles)
    var output: String?

    @Flag(help: "Overwrite the output file if it exists.")
    var force = false

    func validate() throws {
        try validateOutputOption(output)
        guard StarterSpec.isValidName(name) else {
            throw ValidationError("--name '\(name)' is not a DNS-1035 label of at most 50 characters (lowercase letters, digits and '-', starting with a letter)")
        }
    }

    func run() throws {
        let text = StarterSpec.text(name: name)
        let checked = Compiler.check(Array(text.utf8))
        guard !checked.diagnostics.containsErrors else {
            try Console.error(DiagnosticFormatter(format: .human).format(checked.diagnostics, file: "<starter spec>", source: Array(text.utf8)))
            throw ValidationError("the starter spec for --name '\(name)' does not validate; choose a shorter name")
        }
        guard let output, output != SpecSet.standardInput else {
            try Console.out(text)
            return
        }
        if !force && access(output, F_OK) == 0 {
            try Console.error("error: \(output) exists; pass --force to overwrite it\n")
            throw ExitStatus.io.exitCode
        }
        guard Self.write(text, to: output) else {
            try Console.error("error: cannot write \(output): \(String(cString: strerror(errno)))\n")
            throw ExitStatus.io.exitCode
        }
    }

    /// Writes `text` to a temporary file beside `path` and renames it into place, so that a failure leaves no
    /// half-written spec; false (with `errno` set) on failure.
    private static func write(_ text: String, to path: String) -> Bool {
        let temporary = path + ".pgha-new"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return false }
        let written = Console.write(text, to: descriptor)
        let savedErrno = errno
        guard close(descriptor) == 0, written, rename(temporary, path) == 0 else {
            let reason = written ? errno : savedErrno
            unlink(temporary)
            errno = reason
            return false
        }
        return true
    }
}
