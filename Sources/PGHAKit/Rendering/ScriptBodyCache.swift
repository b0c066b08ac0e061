/// Rendered script bodies (`BashRenderer.Body`: what follows a script's usage text) kept for one fleet render, so that
/// specs from one template, whose scripts differ only in spec values, render each script's steps once. A body is found
/// by the script's file name, then by full equality of everything it is rendered from; at most `limit` bodies are kept
/// per file name (the first ones rendered), so a script that differs in every spec costs at most `limit` comparisons,
/// each stopping at the first difference. Safe to use from the threads rendering a fleet's specs.
final class ScriptBodyCache: Sendable {
    /// What a body is rendered from: the script without its file name, purpose, spec file name, environment and
    /// variables, which only the part before the body shows.
    private struct Key: Equatable {
        var options: [Script.Option]
        var tools: [ShellWord]
        var functions: [String]
        var failureNote: String?
        var steps: [Step]

        init(_ script: Script) {
            options = script.options
            tools = script.tools
            functions = script.functions
            failureNote = script.failureNote
            steps = script.steps
        }
    }

    private let memo: BoundedMemo<Key, BashRenderer.Body>

    init(limit: Int = 4) {
        memo = BoundedMemo(limit: limit)
    }

    /// How many bodies are kept per script file name.
    var limit: Int { memo.limit }

    /// How many lookups found a body, and how many rendered one.
    var lookups: (hits: Int, misses: Int) { memo.lookups }

    /// The script's body: a kept one rendered from an equal script, or rendered now (and kept while there is room).
    func body(of script: Script) -> BashRenderer.Body {
        memo.value(script.fileName, Key(script)) { BashRenderer.Body(script) }
    }
}
