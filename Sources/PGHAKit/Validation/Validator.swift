/// Checks a parsed spec against every rule pgha knows, returning all problems at once.
public enum Validator {
    public static func validate(_ spec: Spec) -> [Diagnostic] {
        var context = ValidationContext(spec: spec)
        for rule in rules { rule(&context) }
        return context.diagnostics
    }

    /// The rule sets, each in a file of its own.
    static let rules: [@Sendable (inout ValidationContext) -> Void] = [
        ClusterRules.check,
        ParameterRules.check,
        BackupRules.check,
        AzureRules.check,
        OperatorRules.check,
        SanityRules.check,
    ]
}

/// What a rule sees: the spec, and where to report.
struct ValidationContext {
    let spec: Spec
    private(set) var diagnostics: [Diagnostic] = []

    /// Whether the cluster name is valid; defaults derived from it (`<name>-identity`…) are checked only then,
    /// so one bad name is reported once.
    let nameIsValid: Bool

    init(spec: Spec) {
        self.spec = spec
        nameIsValid = NameRules.isDNS1035Label(spec.name, maxLength: 50)
    }

    /// Whether to check the value at `path`: always when the user wrote it, and for a default only when the
    /// name it derives from is valid.
    func checksValue(at path: String) -> Bool {
        nameIsValid || spec.sourceMap.contains(path)
    }

    /// Whether an error was already reported at `path` (so later rules do not repeat it).
    func hasError(at path: String) -> Bool {
        diagnostics.contains { $0.severity == .error && $0.path == path }
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at path: String, hint: String? = nil) {
        report(.error, code, message, at: path, hint: hint)
    }

    mutating func warning(_ code: DiagnosticCode, _ message: String, at path: String, hint: String? = nil) {
        report(.warning, code, message, at: path, hint: hint)
    }

    mutating func report(_ severity: Diagnostic.Severity, _ code: DiagnosticCode, _ message: String,
                         at path: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(severity, code, message, path: path, at: spec.sourceMap.location(of: path), hint: hint))
    }
}
