import Dispatch
import Testing
@testable import PGHAKit

/// `ScriptInputs`, what the scripts' steps are built from, and the scripts a fleet render builds once per distinct
/// inputs (`BuiltScripts`): a script taken from the cache is the script built for the spec itself.
@Suite struct ScriptInputsTests {
    private func spec(_ yaml: String) throws -> Spec {
        try #require(SpecParser.parse(Array(yaml.utf8)).spec)
    }

    /// The spec with its values (not its shape) changed, as a fleet's copies of one template change them.
    private func copy(of spec: Spec, suffix: String) -> Spec {
        var copy = spec
        copy.name += suffix
        copy.namespace += suffix
        copy.azure.resourceGroup += suffix
        copy.azure.aksCluster += suffix
        copy.recovery?.name += suffix
        return copy
    }

    @Test func specsDifferingOnlyInValuesHaveEqualInputsAndShareTheirBuiltScripts() throws {
        let first = try spec(TestSupport.spec("instances: 2\n", name: "pg-one"))
        let second = try spec(TestSupport.spec("instances: 2\n", name: "pg-two"))
        #expect(ScriptInputs(first, specFileName: "one.yaml") == ScriptInputs(second, specFileName: "two.yaml"))
        let cache = BuiltScripts()
        let firstScripts = ScriptTranslation.scripts(first, specFileName: "one.yaml", built: cache, alerts: AlertTranslation.rendered(first))
        #expect(cache.lookups == (hits: 0, misses: 3))
        let secondScripts = ScriptTranslation.scripts(second, specFileName: "two.yaml", built: cache, alerts: AlertTranslation.rendered(second))
        #expect(cache.lookups == (hits: 3, misses: 3))
        #expect(firstScripts == ScriptTranslation.scripts(first, specFileName: "one.yaml"))
        #expect(secondScripts == ScriptTranslation.scripts(second, specFileName: "two.yaml"))
        #expect(secondScripts.map(\.fileName) == ["deploy.sh", "failover-drill.sh", "cleanup.sh"])
        #expect(secondScripts.allSatisfy { $0.purpose.contains("pg-two") && !$0.purpose.contains("pg-one") })
        let bodies = ScriptBodyCache()
        _ = firstScripts.map { BashRenderer.bytes($0, cache: bodies) }
        #expect(secondScripts.map { BashRenderer.bytes($0, cache: bodies) } == secondScripts.map { Array(BashRenderer.render($0).utf8) })
        #expect(bodies.lookups == (hits: 3, misses: 3))
    }

    @Test func aSpecWhoseStepsDifferHasOtherInputsAndBuildsItsOwnScripts() throws {
        let open = try spec(TestSupport.spec())
        let pinned = try spec(TestSupport.spec().replacingEvery("  location: westus3\n",
                                                                with: "  location: westus3\n  subscription: 99999999-0000-0000-0000-000000000009\n"))
        #expect(ScriptInputs(open, specFileName: nil) != ScriptInputs(pinned, specFileName: nil))
        let cache = BuiltScripts()
        let openScripts = ScriptTranslation.scripts(open, specFileName: nil, built: cache, alerts: AlertTranslation.rendered(open))
        let pinnedScripts = ScriptTranslation.scripts(pinned, specFileName: nil, built: cache, alerts: AlertTranslation.rendered(pinned))
        #expect(cache.lookups == (hits: 0, misses: 6))
        #expect(pinnedScripts == ScriptTranslation.scripts(pinned, specFileName: nil))
        #expect(openScripts[0].steps != pinnedScripts[0].steps)
        #expect(BashRenderer.render(pinnedScripts[0]).contains("but the spec pins azure.subscription"))
    }

    @Test func whetherTheSpecFileIsKnownIsAnInput() throws {
        let backedUp = try spec(TestSupport.spec("backup:\n  storageAccount: pgtestbackups\n"))
        #expect(ScriptInputs(backedUp, specFileName: "pg.yaml") != ScriptInputs(backedUp, specFileName: nil))
        let cache = BuiltScripts()
        _ = ScriptTranslation.scripts(backedUp, specFileName: "pg.yaml", built: cache, alerts: AlertTranslation.rendered(backedUp))
        let unnamed = ScriptTranslation.scripts(backedUp, specFileName: nil, built: cache, alerts: AlertTranslation.rendered(backedUp))
        #expect(unnamed == ScriptTranslation.scripts(backedUp, specFileName: nil))
        #expect(!BashRenderer.render(unnamed[0]).contains("SPEC_DIGEST"))
    }

    @Test func keepsAtMostItsLimitOfScriptsPerFileName() throws {
        let open = try spec(TestSupport.spec("instances: 1\n"))
        let pinned = try spec(TestSupport.spec("instances: 1\n").replacingEvery("  location: westus3\n",
                                                                               with: "  location: westus3\n  subscription: 99999999-0000-0000-0000-000000000009\n"))
        let cache = BuiltScripts(limit: 1)
        _ = ScriptTranslation.scripts(open, specFileName: nil, built: cache, alerts: AlertTranslation.rendered(open))
        _ = ScriptTranslation.scripts(pinned, specFileName: nil, built: cache, alerts: AlertTranslation.rendered(pinned))
        #expect(ScriptTranslation.scripts(pinned, specFileName: nil, built: cache, alerts: AlertTranslation.rendered(pinned)) == ScriptTranslation.scripts(pinned, specFileName: nil))
        #expect(cache.lookups == (hits: 0, misses: 6))
        #expect(ScriptTranslation.scripts(open, specFileName: nil, built: cache, alerts: AlertTranslation.rendered(open)) == ScriptTranslation.scripts(open, specFileName: nil))
        #expect(cache.lookups == (hits: 2, misses: 6))
    }

    @Test func specsTranslatedInParallelShareOneCache() throws {
        let specs = try (0..<8).map { try spec(TestSupport.spec(name: "pg-\($0)")) }
        let expected = specs.map { ScriptTranslation.scripts($0, specFileName: "\($0.name).yaml") }
        let cache = BuiltScripts()
        let results = Results(count: specs.count)
        DispatchQueue.concurrentPerform(iterations: specs.count) { index in
            results.set(ScriptTranslation.scripts(specs[index], specFileName: "pg-\(index).yaml", built: cache, alerts: AlertTranslation.rendered(specs[index])), at: index)
        }
        #expect(results.values == expected)
        let lookups = cache.lookups
        #expect(lookups.hits + lookups.misses == specs.count * expected[0].count && lookups.hits >= expected[0].count)
    }

    /// Every reference spec and a copy of it with other values, in both orders and with and without a spec file name,
    /// through one cache: each spec's scripts equal those built for it alone.
    @Test func everyReferenceSpecGetsItsOwnScriptsThroughASharedCache() throws {
        var specs: [Spec] = []
        for path in TestSupport.referenceSpecs {
            let parsed = try #require(SpecParser.parse(try TestSupport.read(path)).spec, "\(path)")
            specs += [parsed, copy(of: parsed, suffix: "-b")]
        }
        #expect(specs.count >= 18)
        let cache = BuiltScripts(limit: 64)
        for specFileName in ["pg.yaml", nil] {
            for spec in specs + specs.reversed() {
                #expect(ScriptTranslation.scripts(spec, specFileName: specFileName, built: cache, alerts: AlertTranslation.rendered(spec))
                        == ScriptTranslation.scripts(spec, specFileName: specFileName), "\(spec.name)")
            }
        }
        let builds = cache.lookups
        #expect(builds.hits > builds.misses)
    }

    /// Each parallel iteration's scripts.
    private final class Results: @unchecked Sendable {
        private let lock = Lock()
        private var scripts: [[Script]]

        init(count: Int) { scripts = Array(repeating: [], count: count) }

        var values: [[Script]] { lock.withLock { scripts } }

        func set(_ value: [Script], at index: Int) {
            lock.withLock { scripts[index] = value }
        }
    }
}
