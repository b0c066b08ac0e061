import ArgumentParser

/// pgha's documented exit codes.
enum ExitStatus: Int32 {
    case success = 0
    case invalidSpec = 1
    case usage = 2
    case io = 3
    /// `check` or `diff` found a change in a category `--fail-on` names.
    case impactRefused = 4

    var exitCode: ExitCode { ExitCode(rawValue) }
}
