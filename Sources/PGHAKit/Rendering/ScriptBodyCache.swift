/// Rendered script bodies (`BashRenderer.Body`: what follows a script's usage text) kept for one fleet render, so that
/// specs from one template, whose scripts differ only in spec values, render each script's steps once, and a script
/// whose steps name spec-derived files (restore-drill.sh) renders only those steps. A body is kept per file name and
/// shape: the script's options, tools, functions, failure note and number of steps, at most `limit` shapes per name
/// (the first ones rendered). A script of a kept shape is compared with that body's script step by step: equal steps
/// take the body whole, otherwise only the steps that differ (and the helpers, when those steps use others) are
/// rendered, the other steps' text copied from the kept body. Safe to use from the threads rendering a fleet's specs;
/// two threads that render one shape at once both render it, and the first kept stays.
final class ScriptBodyCache: @unchecked Sendable {
    /// What a body's text before its steps is rendered from, besides the helpers the steps use: the script without
    /// its file name, purpose, spec file name, environment, variables (which only the part before the body shows)
    /// and steps.
    private struct Head: Equatable {
        var options: [Script.Option]
        var tools: [ShellWord]
        var functions: [String]
        var failureNote: String?

        init(_ script: Script) {
            options = script.options
            tools = script.tools
            functions = script.functions
            failureNote = script.failureNote
        }
    }

    /// A body and what it was rendered from.
    private struct Kept {
        let head: Head
        let steps: [Step]
        let body: BashRenderer.Body

        func hasShape(of script: Script, _ head: Head) -> Bool {
            steps.count == script.steps.count && self.head == head
        }
    }

    /// How many shapes are kept per script file name.
    let limit: Int
    private let lock = Lock()
    private var kept: [String: [Kept]] = [:]
    private var hitCount = 0
    private var partialCount = 0
    private var missCount = 0

    init(limit: Int = 4) {
        self.limit = limit
    }

    /// How many lookups found a body equal to the script's, and how many rendered one whole. Those that rendered
    /// some of its steps are `partials`.
    var lookups: (hits: Int, misses: Int) { lock.withLock { (hitCount, missCount) } }

    /// How many lookups rendered a body from a kept one's steps, rendering only those that differ.
    var partials: Int { lock.withLock { partialCount } }

    /// The script's body: a kept one when the script's shape and steps equal its script's, made from a kept one of
    /// the same shape, or rendered now (and kept while there is room for its shape).
    func body(of script: Script) -> BashRenderer.Body {
        let head = Head(script)
        let candidates = lock.withLock { kept[script.fileName] ?? [] }
        if let like = candidates.first(where: { $0.hasShape(of: script, head) }) {
            let made = BashRenderer.Body.reusing(like.body, renderedFrom: like.steps, for: script)
            lock.withLock {
                if made.whole { hitCount += 1 } else { partialCount += 1 }
            }
            return made.body
        }
        let body = BashRenderer.Body(script)
        lock.withLock {
            missCount += 1
            let kept = self.kept[script.fileName, default: []]
            if kept.count < limit && !kept.contains(where: { $0.hasShape(of: script, head) }) {
                self.kept[script.fileName, default: []].append(Kept(head: head, steps: script.steps, body: body))
            }
        }
        return body
    }
}
