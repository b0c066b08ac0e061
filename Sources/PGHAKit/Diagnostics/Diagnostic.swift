/// One problem found in a spec: where it is, what is wrong, and how to fix it.
public struct Diagnostic: Hashable, Sendable {
    /// How serious a problem is: errors stop a render, warnings do not (unless `--strict`).
    public enum Severity: String, Sendable, Comparable {
        case note
        case warning
        case error

        private var rank: Int {
            switch self {
            case .note: return 0
            case .warning: return 1
            case .error: return 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    /// The path of the offending field in the spec, such as `backup.schedule` (empty for the whole document).
    public var path: String
    public var location: SourceLocation
    public var hint: String?

    public init(
        _ severity: Severity,
        _ code: DiagnosticCode,
        _ message: String,
        path: String,
        at location: SourceLocation,
        hint: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.path = path
        self.location = location
        self.hint = hint
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }

    /// The diagnostics in reading order (by location, then code), so output is stable.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { ($0.location, $0.code.rawValue, $0.path, $0.message) < ($1.location, $1.code.rawValue, $1.path, $1.message) }
    }
}
