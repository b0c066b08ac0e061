/// One command and its arguments, as an argv array: the renderer quotes each argument on its own.
public struct Command: Sendable, Equatable {
    public var arguments: [ShellWord]

    public init(_ arguments: [ShellWord]) {
        self.arguments = arguments
    }

    public init(_ arguments: ShellWord...) {
        self.arguments = arguments
    }

    /// Whether the command only reads (`az ... show`, `list`, `get-versions` or `check-name`, `az rest --method get`,
    /// `kubectl get`), so `--dry-run` may run it too.
    public var isReadOnly: Bool {
        switch literal(at: 0) {
        case "az":
            if literal(at: 1) == "rest" && literal(at: 2) == "--method" && literal(at: 3) == "get" { return true }
            return arguments.indices.contains { index in
                switch literal(at: index) {
                case "show", "list", "list-locations", "get-versions", "check-name": true
                default: false
                }
            }
        case "kubectl":
            return literal(at: 1) == "get"
        case "helm":
            return literal(at: 1) == "version"
        default:
            return false
        }
    }

    /// The argument at `index` when it is one literal text.
    private func literal(at index: Int) -> String? {
        guard index < arguments.count, arguments[index].parts.count == 1, case .literal(let text) = arguments[index].parts[0] else {
            return nil
        }
        return text
    }

    /// Adds the names of the variables the arguments read to `names`.
    func collectVariableNames(into names: inout Set<String>) {
        for argument in arguments { argument.collectVariableNames(into: &names) }
    }
}

/// How a script tells whether something already exists. Rendered as a call of the script's `probe` function
/// (`ExistenceCheck`): only a "not found" failure of the command means absent, any other failure stops the script.
public enum Probe: Sendable, Equatable {
    /// The command succeeds (such as `az group show`); with `--dry-run`, assumed not to (to show what would be created).
    case succeeds(Command)
    /// The command succeeds; with `--dry-run`, assumed to (to show what would be deleted).
    case stillExists(Command)
    /// The command succeeds and prints something (such as `az role assignment list --query [].id`).
    case printsSomething(Command)
    /// The command succeeds and prints exactly this word's value (such as `true`, or `"$OIDC_ISSUER"`).
    case prints(Command, ShellWord)

    /// The command the probe runs.
    public var command: Command {
        switch self {
        case .succeeds(let command), .stillExists(let command), .printsSomething(let command), .prints(let command, _): command
        }
    }
}
