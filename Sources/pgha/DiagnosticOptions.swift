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

/// The options of the commands that report diagnostics, `--format` and `--strict`.
///
/// Each command declares them itself, with the help below, instead of sharing an `@OptionGroup`: for every option
/// group of the command it runs, argument-parser reflects the group's type and looks up four of its protocol
/// conformances at run time, and a first lookup scans all of the binary's ~5,800 conformance records.
protocol DiagnosticOptions {
    var format: DiagnosticFormatter.Format { get }
    var strict: Bool { get }
}

extension ArgumentHelp {
    /// The help of `--format`.
    static let diagnosticFormat: ArgumentHelp = "How to print diagnostics and every other message: human, json or github."
    /// The help of `--strict`.
    static let strict: ArgumentHelp = "Treat warnings as errors."
}

extension DiagnosticOptions {
    /// The formatter of this command's messages, coloured only on a terminal that allows it.
    var formatter: DiagnosticFormatter {
        let colored = format == .human && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        return DiagnosticFormatter(format: format, colored: colored)
    }

    /// Prints the diagnostics of one file to standard error (notes only when `includeNotes`, as `validate` does);
    /// returns whether they allow going on.
    func report(_ diagnostics: [Diagnostic], file: String, source: [UInt8], includeNotes: Bool = false) throws -> Bool {
        let shown = includeNotes ? diagnostics : diagnostics.filter { $0.severity != .note }
        if !shown.isEmpty {
            try Console.error(formatter.format(shown, file: file, source: source))
        }
        return !diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
    }

    /// Prints an error that is not about a spec's content, in the chosen format.
    func printError(_ message: String, file: String? = nil) throws {
        try Console.error(formatter.message(.error, message, file: file))
    }

    /// Runs a step that reads or writes files; on failure prints why and exits 3.
    func handlingIOErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            try printError("\(error)")
            throw ExitStatus.io.exitCode
        }
    }
}

/// The values of `--format`. Both lists are written out, with the values argument-parser's defaults give them,
/// because those defaults are generic code (a key path, a dictionary) whose first use looks up conformances at run
/// time.
extension DiagnosticFormatter.Format: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }
    public static var allValueDescriptions: [String: String] { [:] }
}
