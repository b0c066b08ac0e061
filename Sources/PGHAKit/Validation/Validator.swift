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
        ReplicationRules.check,
        SchedulingRules.check,
        StorageRules.check,
        PoolerRules.check,
        AlertRules.check,
        RoleRules.check,
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
    private var errorPaths: Set<String> = []
    /// Did-you-mean searches left: each costs a pass over a catalog, so hostile input cannot make validation slow.
    private var suggestionBudget = 64

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
        errorPaths.contains(path)
    }

    /// Whether to look for a suggestion for `word` (short enough, and within the budget).
    mutating func spendSuggestion(on word: String) -> Bool {
        guard word.count <= 64, suggestionBudget > 0 else { return false }
        suggestionBudget -= 1
        return true
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at path: String, hint: String? = nil) {
        report(.error, code, message, at: path, hint: hint)
    }

    mutating func warning(_ code: DiagnosticCode, _ message: String, at path: String, hint: String? = nil) {
        report(.warning, code, message, at: path, hint: hint)
    }

    mutating func report(_ severity: Diagnostic.Severity, _ code: DiagnosticCode, _ message: String,
                         at path: String, hint: String? = nil) {
        if severity == .error { errorPaths.insert(path) }
        diagnostics.append(Diagnostic(severity, code, message, path: path, at: spec.sourceMap.location(of: path), hint: hint))
    }
}
