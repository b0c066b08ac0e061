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
        HBARules.check,
        RecoveryTargetRules.check,
        ReplicationRules.check,
        SchedulingRules.check,
        StorageRules.check,
        PoolerRules.check,
        AlertRules.check,
        RoleRules.check,
        ParameterRules.check,
        BackupRules.check,
        BackupMethodRules.check,
        AzureRules.check,
        OwnershipTagRules.check,
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

    /// Whether the cluster name is valid and short enough for the Azure names derived from it; defaults derived
    /// from it (`<name>-identity`…) are checked only then, so one bad name is reported once.
    let nameIsValid: Bool
    /// The longest cluster name the derived Azure names leave room for, and the name that sets it.
    let nameBound: (length: Int, limitedBy: String?)

    init(spec: Spec) {
        self.spec = spec
        nameBound = DerivedNames.clusterNameBound(spec)
        nameIsValid = NameRules.isDNS1035Label(spec.name, maxLength: nameBound.length)
    }

    /// Whether to check the value at `path`: always when the user wrote it, and for a default only when the
    /// name it derives from is valid.
    func checksValue(at path: String) -> Bool {
        nameIsValid || spec.sourceMap.contains(path)
    }

    /// " (default)" when the user wrote none of `paths`, for messages that quote a value taken from them.
    func defaultMarker(unlessWritten paths: String...) -> String {
        paths.contains(where: spec.sourceMap.contains) ? "" : " (default)"
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

    mutating func error(_ code: DiagnosticCode, _ message: String, at path: String, onKey: Bool = false, hint: String? = nil) {
        report(.error, code, message, at: path, onKey: onKey, hint: hint)
    }

    mutating func warning(_ code: DiagnosticCode, _ message: String, at path: String, hint: String? = nil) {
        report(.warning, code, message, at: path, hint: hint)
    }

    /// Reports at `path`, located at its nearest written ancestor when the user did not write it (a default).
    /// `onKey` points at the field's key rather than its value, for problems with the key itself.
    mutating func report(_ severity: Diagnostic.Severity, _ code: DiagnosticCode, _ message: String,
                         at path: String, onKey: Bool = false, hint: String? = nil) {
        if severity == .error { errorPaths.insert(path) }
        let written = spec.sourceMap.nearestWrittenPath(to: path)
        let location = onKey ? spec.sourceMap.keyLocation(of: written) : spec.sourceMap.location(of: written)
        diagnostics.append(Diagnostic(severity, code, message, path: path, at: location, hint: hint))
    }
}
