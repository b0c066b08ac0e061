@testable import PGHAKit

extension TestSupport {
    /// The diagnostics of `TestSupport.spec(extra)` with one of `codes`, as `line:col severity[code] path: message`.
    static func diagnostics(_ yaml: String, codes: DiagnosticCode...) -> [String] {
        Compiler.check(Array(yaml.utf8)).diagnostics.filter { codes.contains($0.code) }.map(summary)
    }

    /// The hint of the only diagnostic with `code`.
    static func hint(_ yaml: String, code: DiagnosticCode) -> String? {
        let matching = Compiler.check(Array(yaml.utf8)).diagnostics.filter { $0.code == code }
        return matching.count == 1 ? matching[0].hint : nil
    }

    /// The errors of spec text.
    static func errors(_ yaml: String) -> [String] {
        Compiler.check(Array(yaml.utf8)).diagnostics.filter { $0.severity == .error }.map(summary)
    }

    /// The errors of the minimal spec with `extra` added.
    static func errors(adding extra: String) -> [String] {
        errors(spec(extra))
    }
}
