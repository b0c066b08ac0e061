import ArgumentParser
import Foundation
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
    static let diagnosticFormat: ArgumentHelp = "How to print diagnostics: human, json or github."
    /// The help of `--strict`.
    static let strict: ArgumentHelp = "Treat warnings as errors."
}

extension DiagnosticOptions {
    /// Prints the diagnostics of one file to standard error (notes only when `includeNotes`, as `validate` does);
    /// returns whether they allow going on.
    func report(_ diagnostics: [Diagnostic], file: String, source: [UInt8], includeNotes: Bool = false) -> Bool {
        let shown = includeNotes ? diagnostics : diagnostics.filter { $0.severity != .note }
        if !shown.isEmpty {
            let colored = format == .human && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            let text = DiagnosticFormatter(format: format, colored: colored).format(shown, file: file, source: source)
            FileHandle.standardError.write(Data(text.utf8))
        }
        return !diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
    }
}

/// The values of `--format`. Both lists are written out, with the values argument-parser's defaults give them,
/// because those defaults are generic code (a key path, a dictionary) whose first use looks up conformances at run
/// time.
extension DiagnosticFormatter.Format: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }
    public static var allValueDescriptions: [String: String] { [:] }
}
