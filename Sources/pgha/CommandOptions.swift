import ArgumentParser

/// A command's option values and its work, apart from how its command line was read: argument-parser's command
/// (such as `Render`) or `PlainCommandLine` fills them, and `PGHA.main` runs them.
protocol CommandOptions {
    /// The command these are the options of, whose usage a `ValidationError` thrown by `run()` is reported with.
    static var command: any ParsableCommand.Type { get }
    /// Throws the `ValidationError` of values the command refuses (argument-parser reports it with the usage).
    func validate() throws
    func run() throws
}

extension CommandOptions {
    func validate() throws {}
}
