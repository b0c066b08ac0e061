import Dispatch
import Testing
@testable import PGHAKit

@Suite struct ScriptBodyCacheTests {
    /// The scripts of the minimal spec named `name`, by file name.
    private func scripts(name: String) throws -> [String: Script] {
        let parsed = SpecParser.parse(Array(TestSupport.spec(name: name).utf8))
        let spec = try #require(parsed.spec)
        return Dictionary(uniqueKeysWithValues: ScriptTranslation.scripts(spec, specFileName: "\(name).yaml").map { ($0.fileName, $0) })
    }

    /// The text of a script's bytes, which `render(_:)` gives for the same script without a cache.
    private static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    @Test func aScriptWithOtherSpecValuesHitsAndRendersItsOwnValues() throws {
        let first = try #require(try scripts(name: "pg-one")["deploy.sh"])
        let second = try #require(try scripts(name: "pg-two")["deploy.sh"])
        #expect(first.steps == second.steps && first.variables != second.variables)
        let cache = ScriptBodyCache()
        #expect(Self.text(BashRenderer.bytes(first, cache: cache)) == BashRenderer.render(first))
        let rendered = Self.text(BashRenderer.bytes(second, cache: cache))
        #expect(cache.lookups == (hits: 1, misses: 1))
        #expect(rendered == BashRenderer.render(second))
        #expect(rendered.contains("CLUSTER_NAME='pg-two'\n") && !rendered.contains("pg-one"))
    }

    @Test func aScriptDifferingInOneStepRendersOnlyThatStep() throws {
        let script = try #require(try scripts(name: "pg-one")["cleanup.sh"])
        var changed = script
        let index = try #require(changed.steps.firstIndex { if case .heading = $0 { true } else { false } })
        changed.steps[index] = .heading("Another heading")
        let cache = ScriptBodyCache()
        _ = BashRenderer.bytes(script, cache: cache)
        let rendered = Self.text(BashRenderer.bytes(changed, cache: cache))
        #expect(cache.lookups == (hits: 0, misses: 1) && cache.partials == 1)
        #expect(rendered == BashRenderer.render(changed))
        #expect(rendered.contains("heading 'Another heading'\n"))
        #expect(Self.text(BashRenderer.bytes(script, cache: cache)) == BashRenderer.render(script))
        #expect(cache.lookups == (hits: 1, misses: 1) && cache.partials == 1)
    }

    @Test func aStepThatReadsOtherVariablesChangesTheVariablesBlock() throws {
        let script = try #require(try scripts(name: "pg-one")["deploy.sh"])
        let unread = try #require(Self.unreadVariable(script))
        var changed = script
        changed.steps[script.steps.count / 2] = .heading(ShellWord("Reading ") + .variable(unread))
        #expect(BashRenderer.render(changed).contains("\n\(unread)="))
        for (first, second) in [(script, changed), (changed, script)] {
            let cache = ScriptBodyCache()
            _ = BashRenderer.bytes(first, cache: cache)
            #expect(Self.text(BashRenderer.bytes(second, cache: cache)) == BashRenderer.render(second))
            #expect(cache.lookups == (hits: 0, misses: 1) && cache.partials == 1)
        }
    }

    /// A variable of the script that its variables block leaves out, as no step reads it.
    private static func unreadVariable(_ script: Script) -> String? {
        let rendered = BashRenderer.render(script)
        return script.variables.first { !rendered.contains("\n\($0.name)=") }?.name
    }

    @Test func everyScriptRendersAsWithoutACacheWhateverWasRenderedBefore() throws {
        let scripts = try variedScripts()
        var generator = TestSupport.SeededGenerator(state: 15)
        let orders = [Array(scripts.indices), scripts.indices.reversed(), scripts.indices.shuffled(using: &generator)]
        let expected = scripts.map { Array(BashRenderer.render($0).utf8) }
        for limit in [1, 4] {
            for order in orders {
                let cache = ScriptBodyCache(limit: limit)
                for index in order {
                    #expect(BashRenderer.bytes(scripts[index], cache: cache) == expected[index], "\(scripts[index].fileName) #\(index)")
                }
                let lookups = cache.lookups
                #expect(lookups.hits > 0 && lookups.misses > 0 && cache.partials > 0)
                #expect(lookups.hits + lookups.misses + cache.partials == scripts.count)
            }
        }
    }

    /// Every script of the reference specs and of copies of them under other names (restore-drill.sh names files
    /// after the cluster, some long enough to wrap other lines), and copies of those with a step changed, with every
    /// step a note (so the body needs none of the helpers that run commands), with a step that reads a variable no
    /// other step reads, and with a step more.
    private func variedScripts() throws -> [Script] {
        var scripts: [Script] = []
        for path in TestSupport.referenceSpecs {
            let text = String(decoding: try TestSupport.read(path), as: UTF8.self)
            let name = try #require(text.split(separator: "\n").first { $0.hasPrefix("name: ") })
            for other in [name.dropFirst(6), "pg-other", "pg-a-cluster-whose-name-is-long-enough-to-wrap-the-commands-naming-it"] {
                let source = text.replacingEvery("\n\(name)\n", with: "\nname: \(other)\n")
                let spec = try #require(SpecParser.parse(Array(source.utf8)).spec, "\(path) as \(other)")
                scripts += ScriptTranslation.scripts(spec, specFileName: "\(other).yaml")
            }
        }
        #expect(Set(scripts.map(\.fileName)).count == 4)
        var changed: [Script] = []
        for script in scripts where script.steps.count > 1 {
            var heading = script
            heading.steps[script.steps.count / 2] = .heading(ShellWord("Another heading for ") + .variable("CLUSTER_NAME"))
            var notes = script
            notes.steps = script.steps.map { _ in .note("a step that runs nothing") }
            var longer = script
            longer.steps.append(.note("one more step"))
            changed += [heading, notes, longer]
            if let unread = Self.unreadVariable(script) {
                var reading = script
                reading.steps[script.steps.count - 1] = .note(ShellWord("Reading ") + .variable(unread))
                changed.append(reading)
            }
        }
        return scripts + changed
    }

    @Test func aScriptWithAnotherOptionMisses() throws {
        let script = try #require(try scripts(name: "pg-one")["cleanup.sh"])
        var changed = script
        changed.options.append(Script.Option(flag: "--extra", variable: "EXTRA", initialValue: "0", help: "An extra switch."))
        let cache = ScriptBodyCache()
        _ = BashRenderer.bytes(script, cache: cache)
        #expect(Self.text(BashRenderer.bytes(changed, cache: cache)) == BashRenderer.render(changed))
        #expect(cache.lookups == (hits: 0, misses: 2))
    }

    @Test func keepsAtMostItsLimitOfBodiesPerScript() throws {
        let script = try #require(try scripts(name: "pg-one")["deploy.sh"])
        var changed = script
        changed.steps.append(.note("one more step"))
        let cache = ScriptBodyCache(limit: 1)
        _ = BashRenderer.bytes(script, cache: cache)
        _ = BashRenderer.bytes(changed, cache: cache)
        #expect(Self.text(BashRenderer.bytes(changed, cache: cache)) == BashRenderer.render(changed))
        #expect(cache.lookups == (hits: 0, misses: 3))
        _ = BashRenderer.bytes(script, cache: cache)
        #expect(cache.lookups == (hits: 1, misses: 3))
    }

    @Test func specsRenderingInParallelShareOneCache() throws {
        let fleets = try (0..<8).map { try scripts(name: "pg-\($0)").values.sorted { $0.fileName < $1.fileName } }
        let expected = fleets.map { $0.map { BashRenderer.render($0) } }
        let cache = ScriptBodyCache()
        let results = Results(count: fleets.count)
        DispatchQueue.concurrentPerform(iterations: fleets.count) { index in
            results.set(fleets[index].map { Self.text(BashRenderer.bytes($0, cache: cache)) }, at: index)
        }
        #expect(results.values == expected)
        let lookups = cache.lookups
        #expect(lookups.hits + lookups.misses + cache.partials == fleets.count * fleets[0].count)
        let another = try scripts(name: "pg-another").values.sorted { $0.fileName < $1.fileName }
        #expect(another.map { Self.text(BashRenderer.bytes($0, cache: cache)) } == another.map { BashRenderer.render($0) })
        #expect(cache.lookups.hits == lookups.hits + another.count)
    }

    @Test func aFleetRendersTheSameFilesAsEachSpecAlone() throws {
        let sources = ["pg-one", "pg-two", "pg-three"].map { SpecSource(path: "\($0).yaml", bytes: Array(TestSupport.spec(name: $0).utf8)) }
        let rendering = FleetRenderer.render(sources, fleet: true) { $0 }
        let files = try rendering.parts.get().flatMap { $0 }.filter { $0.role == .script }
        var compared = 0
        for source in sources {
            let name = source.path.replacingEvery(".yaml", with: "")
            let alone = Compiler.compile(source.bytes, options: Compiler.Options(specFileName: source.path)).artifacts.filter { $0.role == .script }
            #expect(alone.count >= 2)
            for artifact in alone {
                #expect(files.first { $0.path.hasSuffix("/\(name)/\(artifact.path)") }?.contents == artifact.contents)
                compared += 1
            }
        }
        #expect(compared == files.count)
    }

    /// Each parallel iteration's rendered texts.
    private final class Results: @unchecked Sendable {
        private let lock = Lock()
        private var texts: [[String]]

        init(count: Int) { texts = Array(repeating: [], count: count) }

        var values: [[String]] {
            lock.lock()
            defer { lock.unlock() }
            return texts
        }

        func set(_ value: [String], at index: Int) {
            lock.lock()
            texts[index] = value
            lock.unlock()
        }
    }
}
