/// One thing a script does, in order.
public indirect enum Step: Sendable, Equatable {
    /// A progress heading, printed as `==> text`.
    case heading(ShellWord)
    /// A line of information for the reader.
    case note(ShellWord)
    /// Runs a command (prints it instead with `--dry-run`).
    case run(Command)
    /// Stores a command's output in a shell variable, failing when it prints nothing (a placeholder with `--dry-run`).
    case capture(variable: String, Command)
    /// Runs `then` when the probe finds what it looks for, `otherwise` when not (with `--dry-run`: not found).
    case when(Probe, then: [Step], otherwise: [Step])
    /// Runs `generator`, which prints a fresh secret (a password), and pipes its output into `command`: the secret is
    /// held in memory only, never an argument, a file or a log line.
    case pipeSecret(from: Command, into: Command)
    /// Hand-written bash that changes something: skipped with `--dry-run`, which prints `description` instead.
    case code(description: ShellWord, ShellCode)
    /// Hand-written bash that only reads and checks: runs with `--dry-run` too.
    case check(ShellCode)

    /// Runs `steps` unless the probe finds the resource, printing `= <exists>` then.
    public static func unlessExists(_ probe: Probe, exists: ShellWord, _ steps: [Step]) -> Step {
        .when(probe, then: [.note(ShellWord("= ") + exists)], otherwise: steps)
    }

    /// Adds the names of the variables the step reads to `names` (a captured variable is written, not read).
    func collectVariableNames(into names: inout Set<String>) {
        switch self {
        case .heading(let word), .note(let word):
            word.collectVariableNames(into: &names)
        case .run(let command), .capture(_, let command):
            command.collectVariableNames(into: &names)
        case .pipeSecret(let generator, let command):
            generator.collectVariableNames(into: &names)
            command.collectVariableNames(into: &names)
        case .when(let probe, let then, let otherwise):
            probe.command.collectVariableNames(into: &names)
            if case .prints(_, let expected) = probe { expected.collectVariableNames(into: &names) }
            for step in then { step.collectVariableNames(into: &names) }
            for step in otherwise { step.collectVariableNames(into: &names) }
        case .code(let description, let code):
            description.collectVariableNames(into: &names)
            code.collectVariableNames(into: &names)
        case .check(let code):
            code.collectVariableNames(into: &names)
        }
    }
}
