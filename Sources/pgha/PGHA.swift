import ArgumentParser
import Foundation
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

    /// Runs the command, mapping argument errors to exit code 2 (help and version exit 0).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.usage.rawValue)
        }
    }
}
