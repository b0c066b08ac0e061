import Foundation
import Testing
@testable import PGHAKit

/// restore-drill.sh and failover-drill.sh run against fake tools (cleanup.sh: CleanupScriptTests).
@Suite struct DrillAndCleanupScriptTests {
    /// The example as deploy.sh leaves it: rendered again with the identity's client ID.
    static let deployed = Compiler.Options(identityClientID: FakeAzure.clientID)

    static let nodeResourceGroup = DeployScriptTests.guideNodeResourceGroup

    static let markerA = "aaaa1111aaaa1111"
    static let markerB = "bbbb2222bbbb2222"
    static let targetTime = "2026-11-29T19:00:00.123456Z"

    /// The restore drill's read of the `pgha.io/restore-drill` annotation of a Cluster named like the recovery cluster.
    static let recoveryMarkRead = "kubectl get clusters.postgresql.cnpg.io/pg-primary-recovered-db --output 'jsonpath={.metadata.annotations.pgha\\.io/restore-drill}' --namespace cnpg-database --context aks-pg-primary"

    /// A Cluster named like the recovery cluster: none (nil), or one whose `pgha.io/restore-drill` annotation reads `mark`
    /// (empty: it has none).
    static func earlierRecovery(_ mark: String?) -> ScriptHarness.Rule {
        let pattern = "kubectl get clusters.postgresql.cnpg.io/pg-primary-recovered-db --output jsonpath={.metadata.annotations.pgha?.io/restore-drill} *"
        guard let mark else {
            return .init(pattern: pattern, status: 1,
                         output: "stderr:Error from server (NotFound): clusters.postgresql.cnpg.io \"pg-primary-recovered-db\" not found")
        }
        return .init(pattern: pattern, output: mark)
    }

    /// The drills' reads of the cluster: pods, the markers, the backup, the WAL archive, the rows read back, and a
    /// Cluster named like the recovery cluster (`earlierRecovery`).
    static func clusterRules(found: String = "1 0", backupPhases: [String] = ["completed"], rows: String = "100",
                             recoveryMark: String? = nil) -> [ScriptHarness.Rule] {
        var rules: [ScriptHarness.Rule] = [
            earlierRecovery(recoveryMark),
            .init(pattern: "kubectl get clusters.postgresql.cnpg.io/pg-primary --output jsonpath={.status.currentPrimary} *", output: "pg-primary-1"),
            .init(pattern: "kubectl get clusters.postgresql.cnpg.io/pg-primary-recovered-db --output jsonpath={.status.currentPrimary} *",
                  output: "pg-primary-recovered-db-1"),
            .init(pattern: "openssl rand -hex 8", output: markerA, times: 1),
            .init(pattern: "openssl rand -hex 8", output: markerB),
            .init(pattern: "kubectl exec pg-primary-1 * SELECT to_char(now() *", output: targetTime),
            .init(pattern: "kubectl exec pg-primary-1 * SELECT pg_walfile_name(pg_switch_wal())", output: "000000010000000000000007"),
            .init(pattern: "kubectl exec pg-primary-1 * SELECT last_archived_wal >= '000000010000000000000007' FROM pg_stat_archiver", output: "t"),
            .init(pattern: "kubectl exec pg-primary-recovered-db-1 * SELECT count(*) FILTER *", output: found),
            .init(pattern: "kubectl get backups.postgresql.cnpg.io/pg-primary-on-demand --output jsonpath={.status.error} *",
                  output: "can't write to the object store: AuthorizationPermissionMismatch"),
        ]
        for phase in backupPhases.dropLast() {
            rules.append(.init(pattern: "kubectl get backups.postgresql.cnpg.io/pg-primary-on-demand --output jsonpath={.status.phase} *", output: phase, times: 1))
        }
        rules += [
            .init(pattern: "kubectl get backups.postgresql.cnpg.io/pg-primary-on-demand --output jsonpath={.status.phase} *", output: backupPhases.last ?? ""),
            .init(pattern: "kubectl exec pg-primary-failover-client * SELECT count(*) *", output: rows),
            .init(pattern: "kubectl get pods --selector cnpg.io/cluster=pg-primary,cnpg.io/instanceRole=primary *", output: "pg-primary-1", times: 2),
            .init(pattern: "kubectl get pods --selector cnpg.io/cluster=pg-primary,cnpg.io/instanceRole=primary *", output: "pg-primary-2"),
        ]
        return rules
    }

    /// A fake `sleep` that returns at once and records its calls.
    static func fakeSleep(_ harness: ScriptHarness) throws {
        try FileManager.default.createSymbolicLink(at: harness.root.appendingPathComponent("bin/sleep"),
                                                   withDestinationURL: harness.root.appendingPathComponent("bin/fake-tool"))
    }

    @Test func theRestoreDrillRestoresToATimeBetweenTwoMarkers() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml", options: Self.deployed)
        defer { harness.remove() }
        let run = try harness.run("restore-drill.sh",
                                  rules: Self.clusterRules() + FakeAzure.deployed(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = DeployScriptTests.lines(run, harness)
        try ExpectedScriptCalls.check(lines, "restore-drill-aks-ha")
        #expect(run.stdout.contains("restore drill passed: pg-primary-recovered-db holds marker A, written before \(Self.targetTime), and not marker B, written after"))
    }

    /// The review's repro: the drill deleted any Cluster named `recovery.name`, so a real point-in-time recovery
    /// that applications use lost its volumes at the next drill. It now stops at a Cluster without the annotation
    /// its own recovery cluster carries, deleting nothing.
    @Test func theRestoreDrillStopsAtARecoveryClusterNoDrillCreated() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml", options: Self.deployed)
        defer { harness.remove() }
        let run = try harness.run("restore-drill.sh", rules: Self.clusterRules(recoveryMark: "")
                                  + FakeAzure.deployed(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 1)
        #expect(run.stderr.hasSuffix("""
        error: the Cluster pg-primary-recovered-db exists without the annotation pgha.io/restore-drill, so no restore drill created it: it may be a real recovery, which the drill never deletes. Delete it by hand once it is no longer needed (kubectl delete clusters.postgresql.cnpg.io/pg-primary-recovered-db --namespace cnpg-database --context aks-pg-primary --kubeconfig \(harness.defaultKubeconfig().path)), or set another recovery.name in the spec and render again. If a drill of an earlier pgha made it (drills mark their Cluster since this version), mark it and run the drill again: kubectl annotate clusters.postgresql.cnpg.io/pg-primary-recovered-db pgha.io/restore-drill=earlier-drill --namespace cnpg-database --context aks-pg-primary --kubeconfig \(harness.defaultKubeconfig().path)

        """), "\(run.stderr)")
        #expect(run.lines.last == Self.recoveryMarkRead)
        #expect(!run.lines.contains { $0.hasPrefix("kubectl delete") || $0.hasPrefix("kubectl apply") || $0.contains("pgha_restore_drill") })
    }

    /// The recovery cluster of an earlier drill carries the annotation (the drill's target time): the drill reads it,
    /// then deletes that Cluster.
    @Test func theRestoreDrillDeletesTheRecoveryClusterOfAnEarlierDrill() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml", options: Self.deployed)
        defer { harness.remove() }
        let run = try harness.run("restore-drill.sh", rules: Self.clusterRules(recoveryMark: "2026-11-28T08:00:00.000001Z")
                                  + FakeAzure.deployed(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let read = try #require(run.lines.firstIndex(of: Self.recoveryMarkRead))
        #expect(run.lines[read + 1] == "kubectl delete clusters.postgresql.cnpg.io/pg-primary-recovered-db --ignore-not-found --wait --namespace cnpg-database --context aks-pg-primary")
        #expect(run.lines.filter { $0.hasPrefix("kubectl delete clusters.") }.count == 1)
    }

    @Test func theRestoreDrillStopsAtOnceWithTheErrorOfAFailedBackup() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml", options: Self.deployed)
        defer { harness.remove() }
        try Self.fakeSleep(harness)
        let run = try harness.run("restore-drill.sh", rules: Self.clusterRules(backupPhases: ["running", "failed"])
                                  + FakeAzure.deployed(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: Backup pg-primary-on-demand failed: can't write to the object store: AuthorizationPermissionMismatch: fix the cause"))
        #expect(run.calls.filter { $0.first == "sleep" } == [["sleep", "10"]])
        #expect(!run.lines.contains { $0.contains("pgha_restore_drill") || $0.contains("recovered-db.yaml") })
    }

    @Test func theRestoreDrillWaitsForARunningBackup() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml", options: Self.deployed)
        defer { harness.remove() }
        try Self.fakeSleep(harness)
        let run = try harness.run("restore-drill.sh", rules: Self.clusterRules(backupPhases: ["", "started", "running", "completed"])
                                  + FakeAzure.deployed(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.calls.filter { $0.first == "sleep" }.count == 3)
        #expect(run.stdout.contains("Backup pg-primary-on-demand completed"))
    }

    @Test func theRestoreDrillFailsWhenMarkerBCameBack() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml", options: Self.deployed)
        defer { harness.remove() }
        let run = try harness.run("restore-drill.sh",
                                  rules: Self.clusterRules(found: "1 1") + FakeAzure.deployed(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: pg-primary-recovered-db holds marker B (\(Self.markerB)), written to pg-primary after \(Self.targetTime): recovery did not stop at the target time"))
    }

    @Test func theRestoreDrillFailsWhenMarkerAIsMissing() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml", options: Self.deployed)
        defer { harness.remove() }
        let run = try harness.run("restore-drill.sh",
                                  rules: Self.clusterRules(found: "0 0") + FakeAzure.deployed(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: pg-primary-recovered-db does not hold marker A (\(Self.markerA)), written to pg-primary before \(Self.targetTime)"))
    }

    @Test func theRestoreDrillRefusesManifestsWithoutTheIdentitysClientID() throws {
        let harness = try ScriptHarness(example: "internal-only.yaml")
        defer { harness.remove() }
        let run = try harness.run("restore-drill.sh", rules: FakeAzure.deployed(nodeResourceGroup: "MC_rg-payments_aks-payments_northeurope"))
        #expect(run.status == 1)
        #expect(run.stderr.contains("oneoff/cluster-billing-recovered.yaml does not carry the client ID of billing-identity (\(FakeAzure.clientID)): run deploy.sh first"))
        #expect(!run.calls.contains { $0.contains("federated-credential") })
    }

    /// A review's repro: a fleet member's drill said "run deploy.sh first, or render again with --identity-client-id",
    /// neither of which puts the client ID into a fleet member's manifests.
    @Test func aFleetMembersRestoreDrillSaysHowAFleetGetsTheClientID() throws {
        var options = Compiler.Options()
        options.fleetMember = true
        let harness = try ScriptHarness(example: "internal-only.yaml", options: options)
        defer { harness.remove() }
        let run = try harness.run("restore-drill.sh", rules: FakeAzure.deployed(nodeResourceGroup: "MC_rg-payments_aks-payments_northeurope"))
        #expect(run.status == 1)
        #expect(run.stderr.contains("oneoff/cluster-billing-recovered.yaml does not carry the client ID of billing-identity (\(FakeAzure.clientID)): add clientID: \(FakeAzure.clientID) under azure.identity in the spec and render the fleet again\n"))
    }

    static func withoutOnDemandBackup() throws -> ScriptHarness {
        let source = try TestSupport.read("Examples/internal-only.yaml")
        return try ScriptHarness(
            source: String(decoding: source, as: UTF8.self).replacingOccurrences(of: "  schedule: \"0 0 2 * * *\"", with: "  schedule: \"0 0 2 * * *\"\n  onDemand: false"),
            options: Compiler.Options(identityClientID: FakeAzure.clientID)
        )
    }

    static let billingRules: [ScriptHarness.Rule] = [
        .init(pattern: "kubectl get clusters.postgresql.cnpg.io/billing --output *", output: "billing-2"),
        .init(pattern: "kubectl get clusters.postgresql.cnpg.io/billing-recovered --output *", output: "billing-recovered-1"),
        .init(pattern: "kubectl exec billing-2 * SELECT pg_walfile_name(pg_switch_wal())", output: "000000010000000000000007"),
        .init(pattern: "kubectl exec billing-2 * SELECT last_archived_wal >= '000000010000000000000007' FROM pg_stat_archiver", output: "t"),
        .init(pattern: "kubectl exec billing-2 * SELECT to_char(now() *", output: targetTime),
        .init(pattern: "kubectl exec billing-recovered-1 *", output: "1 0"),
        .init(pattern: "openssl rand -hex 8", output: markerA),
    ]

    @Test func withoutAnOnDemandBackupTheRestoreDrillNeedsACompletedBackupAndTheArchivedWAL() throws {
        let harness = try Self.withoutOnDemandBackup()
        defer { harness.remove() }
        let backups = ScriptHarness.Rule(pattern: "kubectl get backups.postgresql.cnpg.io --output *",
                                         output: "billing=failed billing-recovered=completed billing=completed ")
        let run = try harness.run("restore-drill.sh", rules: [backups] + Self.billingRules
                                  + FakeAzure.deployed(nodeResourceGroup: "MC_rg-payments_aks-payments_northeurope"))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.lines
        #expect(!lines.contains { $0.contains("backups.postgresql.cnpg.io/") })
        let archived = try #require(lines.firstIndex { $0.contains("FROM pg_stat_archiver") })
        let markerB = try #require(lines.lastIndex { $0.contains("INSERT INTO pgha_restore_drill") })
        let recovery = try #require(lines.firstIndex { $0.hasPrefix("kubectl patch --local") && $0.contains("cluster-billing-recovered.yaml") })
        #expect(markerB < archived && archived < recovery)
    }

    @Test func withoutAnyCompletedBackupTheRestoreDrillStopsBeforeWriting() throws {
        let harness = try Self.withoutOnDemandBackup()
        defer { harness.remove() }
        let backups = ScriptHarness.Rule(pattern: "kubectl get backups.postgresql.cnpg.io --output *", output: "billing=failed billing-recovered=completed billing-2=completed ")
        let run = try harness.run("restore-drill.sh", rules: [backups] + Self.billingRules
                                  + FakeAzure.deployed(nodeResourceGroup: "MC_rg-payments_aks-payments_northeurope"))
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: billing has no completed Backup yet: wait for the schedule's first backup, then run the drill again"))
        #expect(!run.lines.contains { $0.contains("pgha_restore_drill") })
    }

    /// The -rw probe: accepted once (the old primary has not stopped yet), refused three times, then accepted.
    static let probes: [ScriptHarness.Rule] = [
        .init(pattern: "kubectl exec pg-primary-failover-client * INSERT INTO pgha_failover_drill (run, n) VALUES*", times: 1),
        .init(pattern: "kubectl exec pg-primary-failover-client * INSERT INTO pgha_failover_drill (run, n) VALUES*", status: 2,
              output: "stderr:psql: error: connection to server failed: Connection refused", times: 3),
    ]

    @Test func theFailoverDrillWritesThroughTheReadWriteServiceAndReadsTheRowsBack() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml", options: Self.deployed)
        defer { harness.remove() }
        try Self.fakeSleep(harness)
        let run = try harness.run("failover-drill.sh", rules: Self.probes + Self.clusterRules() + FakeAzure.deployed(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = DeployScriptTests.lines(run, harness)
        try ExpectedScriptCalls.check(lines, "failover-drill-aks-ha")
        #expect(run.stdout.contains("pg-primary-2 took over from pg-primary-1"))
        #expect(run.stdout.range(of: #"pg-primary-rw refused writes for [0-9]+ seconds \(3 writes failed, one tried a second\)"#, options: .regularExpression) != nil)
        #expect(run.stdout.contains("failover drill passed: all 100 rows written through pg-primary-rw before the failover came back through it"))
        #expect(!lines.joined().contains("role=primary ") && !lines.joined().contains(" -l role=primary"))
        #expect(!run.lines.joined().contains(FakeAzure.clientID) && !run.stdout.contains(ScriptHarness.secret))
    }

    /// The review's repro: the outage was counted from the first refused write after `kubectl delete pod` returned,
    /// leaving out the seconds the deletion itself took. The clock now starts just before the deletion.
    @Test func theOutageIsCountedFromJustBeforeThePrimaryIsDeleted() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml", options: Self.deployed)
        defer { harness.remove() }
        let script = try String(contentsOf: harness.output.appendingPathComponent("scripts/failover-drill.sh"), encoding: .utf8)
        let lines = script.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let start = try #require(lines.firstIndex(of: "FAILOVER_STARTED=$SECONDS"))
        let delete = try #require(lines.firstIndex { $0.hasPrefix("run kubectl delete pod \"$OLD_PRIMARY\"") })
        #expect(start < delete)
        #expect(lines.filter { $0.contains("_outage=$((SECONDS - ") } == ["rw_outage=$((SECONDS - FAILOVER_STARTED))"])
    }

    @Test func theFailoverDrillFailsWhenRowsAreLost() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml", options: Self.deployed)
        defer { harness.remove() }
        try Self.fakeSleep(harness)
        let run = try harness.run("failover-drill.sh", rules: Self.probes + Self.clusterRules(rows: "97")
                                  + FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: pg-primary-rw returns 97 of the 100 rows written before the failover: committed rows were lost"))
        #expect(!run.lines.contains { $0.contains("DROP TABLE") })
    }

    @Test func theFailoverDrillFailsWhenTheServiceNeverAcceptsWritesAgain() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml", options: Self.deployed)
        defer { harness.remove() }
        try Self.fakeSleep(harness)
        let refused: [ScriptHarness.Rule] = [
            .init(pattern: "kubectl exec pg-primary-failover-client * INSERT INTO pgha_failover_drill (run, n) VALUES*", status: 2),
        ]
        let run = try harness.run("failover-drill.sh", rules: refused + Self.clusterRules() + FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: pg-primary-rw did not accept writes again within 5 minutes of deleting pg-primary-1"))
        #expect(run.calls.filter { $0.first == "sleep" }.count == 300)
    }
}
