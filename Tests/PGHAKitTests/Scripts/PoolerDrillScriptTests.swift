import Foundation
import Testing
@testable import PGHAKit

/// With a read-write pooler, failover-drill.sh writes and reads back through the pooler's Service as well as the
/// `-rw` Service and measures how long each refused writes; restore-drill.sh says the restored cluster has no pooler.
@Suite struct PoolerDrillScriptTests {
    static let spec = TestSupport.spec("""
          identity:
            clientID: \(FakeAzure.clientID)
        backup:
          storageAccount: pgtestbackups
        recovery: {}
        pooler:
          readOnly: true

        """)
    static let nodeResourceGroup = "MC_rg-pg-test_aks-pg-test_westus3"
    static let insert = "INSERT INTO pgha_failover_drill (run, n) VALUES*"
    static let readWrite = "kubectl exec pg-test-failover-client * host=pg-test-rw port=5432 *"
    static let pooler = "kubectl exec pg-test-failover-client * host=pg-test-pooler-rw port=5432 *"

    /// The cluster as the failover drill reads it: pg-test-1 is primary until the second look after the deletion.
    static func cluster(readWriteRows: String = "200", poolerRows: String = "200") -> [ScriptHarness.Rule] {
        [
            .init(pattern: "openssl rand -hex 8", output: "cccc3333cccc3333"),
            .init(pattern: "kubectl get pods --selector cnpg.io/cluster=pg-test,cnpg.io/instanceRole=primary *", output: "pg-test-1", times: 2),
            .init(pattern: "kubectl get pods --selector cnpg.io/cluster=pg-test,cnpg.io/instanceRole=primary *", output: "pg-test-2"),
            .init(pattern: readWrite + "SELECT count(*) *", output: readWriteRows),
            .init(pattern: pooler + "SELECT count(*) *", output: poolerRows),
        ]
    }

    /// Each endpoint accepts one write (before the failover shows), then refuses `refusals` writes.
    static func refusing(readWrite readWriteRefusals: Int?, pooler poolerRefusals: Int?) -> [ScriptHarness.Rule] {
        let refused = "stderr:psql: error: connection to server failed: Connection refused"
        return [(Self.readWrite, readWriteRefusals), (Self.pooler, poolerRefusals)].flatMap { pattern, refusals in
            [ScriptHarness.Rule(pattern: pattern + Self.insert, times: 1),
             ScriptHarness.Rule(pattern: pattern + Self.insert, status: 2, output: refused, times: refusals)]
        }
    }

    @Test func theFailoverDrillWritesThroughThePoolerAndMeasuresItsOutage() throws {
        let harness = try ScriptHarness(source: Self.spec)
        defer { harness.remove() }
        try DrillAndCleanupScriptTests.fakeSleep(harness)
        let run = try harness.run("failover-drill.sh", rules: Self.refusing(readWrite: 3, pooler: 5) + Self.cluster()
                                  + FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let writes = run.lines.filter { $0.contains("INSERT INTO pgha_failover_drill (run, n) SELECT") }
        #expect(writes.count == 2)
        #expect(writes.first?.contains("host=pg-test-rw port=5432") == true && writes.first?.contains("generate_series(1, 100)") == true)
        #expect(writes.last?.contains("host=pg-test-pooler-rw port=5432") == true && writes.last?.contains("generate_series(101, 200)") == true)
        #expect(run.stdout.range(of: #"pg-test-rw refused writes for [0-9]+ seconds \(3 writes failed, one tried a second\)"#, options: .regularExpression) != nil)
        #expect(run.stdout.range(of: #"pg-test-pooler-rw refused writes for [0-9]+ seconds \(5 writes failed, one tried a second\)"#, options: .regularExpression) != nil)
        #expect(run.lines.filter { $0.contains("SELECT count(*) FROM pgha_failover_drill") }.count == 2)
        #expect(run.stdout.contains("failover drill passed: all 200 rows written through pg-test-rw and pg-test-pooler-rw before the failover came back through each"))
    }

    @Test func thePoolerNeverAcceptingWritesAgainFailsTheDrill() throws {
        let harness = try ScriptHarness(source: Self.spec)
        defer { harness.remove() }
        try DrillAndCleanupScriptTests.fakeSleep(harness)
        let run = try harness.run("failover-drill.sh", rules: Self.refusing(readWrite: 3, pooler: nil) + Self.cluster()
                                  + FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: pg-test-pooler-rw did not accept writes again within 5 minutes of deleting pg-test-1"))
        #expect(run.calls.filter { $0.first == "sleep" }.count == 300)
    }

    @Test func rowsMissingThroughThePoolerFailTheDrill() throws {
        let harness = try ScriptHarness(source: Self.spec)
        defer { harness.remove() }
        try DrillAndCleanupScriptTests.fakeSleep(harness)
        let run = try harness.run("failover-drill.sh", rules: Self.refusing(readWrite: 1, pooler: 1) + Self.cluster(poolerRows: "150")
                                  + FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: pg-test-pooler-rw returns 150 of the 200 rows written before the failover: committed rows were lost"))
        #expect(!run.lines.contains { $0.contains("DROP TABLE") })
    }

    @Test func withoutAPoolerTheDrillWritesThroughTheReadWriteServiceOnly() throws {
        let harness = try ScriptHarness(source: TestSupport.spec())
        defer { harness.remove() }
        try DrillAndCleanupScriptTests.fakeSleep(harness)
        let run = try harness.run("failover-drill.sh", rules: Self.refusing(readWrite: 2, pooler: 0)
                                  + Self.cluster(readWriteRows: "100") + FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.lines.contains { $0.contains("pooler") })
        #expect(run.stdout.contains("failover drill passed: all 100 rows written through pg-test-rw before the failover came back through it"))
    }

    @Test func theRestoreDrillSaysTheRestoredClusterHasNoPooler() throws {
        let note = "pg-test-pooler-rw and pg-test-pooler-ro keep serving pg-test: the restored cluster pg-test-recovered has no pooler; connect to pg-test-recovered-rw to inspect it\n"
        let harness = try ScriptHarness(source: Self.spec)
        defer { harness.remove() }
        let plan = try harness.run("restore-drill.sh", ["--dry-run"], rules: FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.hasSuffix(note + "End of the plan: nothing was changed.\n"))

        let unpooled = try ScriptHarness(source: Self.spec.replacingOccurrences(of: "pooler:\n  readOnly: true\n", with: ""))
        defer { unpooled.remove() }
        let unpooledPlan = try unpooled.run("restore-drill.sh", ["--dry-run"], rules: FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(unpooledPlan.status == 0, "\(unpooledPlan.stderr)")
        #expect(!unpooledPlan.stdout.contains("pooler"))
    }
}
