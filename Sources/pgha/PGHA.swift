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

/// The pgha command line: a thin layer over PGHAKit.
@main
struct PGHA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pgha",
        abstract: "Compile a PostgresCluster spec into CloudNativePG manifests and Azure deployment scripts for AKS.",
        discussion: """
        Exit codes: 0 success, 1 invalid spec (or drift, for check and diff), 2 usage error, 3 I/O error, 4 a change in a \
        category that --fail-on names (check, diff).
        """,
        version: PGHAVersion.current,
        subcommands: [Render.self, Check.self, Diff.self, Validate.self, Init.self, Schema.self]
    )

    /// The arguments with diff's attached form `-U3` split into `-U 3`, which argument-parser does not read.
    static func splittingAttachedContext(_ arguments: [String]) -> [String] {
        arguments.flatMap { argument -> [String] in
            guard argument.hasPrefix("-U"), argument.count > 2, Int(argument.dropFirst(2)) != nil else { return [argument] }
            return ["-U", String(argument.dropFirst(2))]
        }
    }

    /// Runs the command, mapping argument errors to exit code 2 (help and version exit 0). A plain command line is
    /// read without argument-parser (`PlainCommandLine`), which then starts only for the others.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var running: (any ParsableCommand.Type)?
        do {
            if let command = PlainCommandLine.command(arguments) {
                running = type(of: command).command
                try command.run()
            } else {
                var command = try parseAsRoot(Self.splittingAttachedContext(arguments))
                running = type(of: command)
                try command.run()
            }
        } catch let requested as ExitCode {
            terminate(requested.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                terminate(Console.write(fullMessage(for: error) + "\n", to: STDOUT_FILENO) ? 0 : ExitStatus.io.rawValue)
            }
            var message = fullMessage(for: error)
            if let running, running != PGHA.self, let refusal = error as? ValidationError {
                message = usageError(refusal, of: running)
            } else if let word = CommandLine.arguments.dropFirst().first, !word.hasPrefix("-"),
               !configuration.subcommands.contains(where: { $0.configuration.commandName == word }),
               let suggestion = Suggestion.closest(to: word, in: configuration.subcommands.compactMap { $0.configuration.commandName }) {
                message += "\nhint: did you mean '\(suggestion)'?"
            }
            _ = Console.write(message + "\n", to: STDERR_FILENO)
            terminate(ExitStatus.usage.rawValue)
        }
    }
}

extension PGHA {
    /// How a command's `run()` reports a `ValidationError` (a usage error found only after the command started, such
    /// as an option that does not apply to a fleet): as argument-parser reports one from `validate()`, with the
    /// command's usage rather than pgha's.
    static func usageError(_ refusal: ValidationError, of command: any ParsableCommand.Type) -> String {
        let name = command.configuration.commandName ?? ""
        return "Error: \(refusal.message)\nUsage: \(usageString(for: command))\n  See 'pgha \(name) --help' for more information."
    }
}

/// Ends the process with `status`: the C library's `exit`, which `ParsableCommand`'s own `exit` hides inside a command.
private func terminate(_ status: Int32) -> Never {
    exit(status)
}
