import Foundation
import Testing
@testable import PGHAKit

/// restore-drill.sh, failover-drill.sh and cleanup.sh run against fake tools.
@Suite struct DrillAndCleanupScriptTests {
    static let nodeResourceGroup = DeployScriptTests.guideNodeResourceGroup

    /// The drills' reads of the cluster: pods, the marker check.
    static func clusterRules(found: String = "1") -> [ScriptHarness.Rule] {
        [
            .init(pattern: "kubectl get clusters.postgresql.cnpg.io/pg-primary --output jsonpath={.status.currentPrimary} *", output: "pg-primary-1"),
            .init(pattern: "kubectl get clusters.postgresql.cnpg.io/pg-primary-recovered-db --output jsonpath={.status.currentPrimary} *",
                  output: "pg-primary-recovered-db-1"),
            .init(pattern: "openssl rand -hex 8", output: "5eed5eed5eed5eed"),
            .init(pattern: "kubectl exec pg-primary-recovered-db-1 * SELECT count(*) FROM pgha_restore_drill WHERE marker = '5eed5eed5eed5eed'",
                  output: found),
            .init(pattern: "kubectl get pods --selector cnpg.io/cluster=pg-primary,cnpg.io/instanceRole=primary *", output: "pg-primary-1", times: 1),
            .init(pattern: "kubectl get pods --selector cnpg.io/cluster=pg-primary,cnpg.io/instanceRole=primary *", output: "pg-primary-2"),
        ]
    }

    @Test func theRestoreDrillTakesABackupRestoresItAndFindsTheMarkerRow() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("restore-drill.sh",
                                  rules: Self.clusterRules() + FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = DeployScriptTests.lines(run, harness)
        #expect(lines == ExpectedScriptCalls.restoreDrill, "\(lines.joined(separator: "\n"))")
        #expect(run.stdout.contains("restore drill passed: pg-primary-recovered-db holds the row written to pg-primary before the backup"))
    }

    @Test func theRestoreDrillFailsWhenTheMarkerRowIsMissing() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("restore-drill.sh",
                                  rules: Self.clusterRules(found: "0") + FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: pg-primary-recovered-db does not hold the marker row 5eed5eed5eed5eed written to pg-primary before the backup"))
    }

    @Test func theRestoreDrillRefusesManifestsWithoutTheIdentitysClientID() throws {
        let harness = try ScriptHarness(example: "internal-only.yaml")
        defer { harness.remove() }
        let run = try harness.run("restore-drill.sh", rules: FakeAzure.fresh(nodeResourceGroup: "MC_rg-payments_aks-payments_northeurope"))
        #expect(run.status == 1)
        #expect(run.stderr.contains("oneoff/cluster-billing-recovered.yaml does not carry the client ID of billing-identity (\(FakeAzure.clientID)): run deploy.sh first"))
        #expect(!run.calls.contains { $0.contains("federated-credential") })
    }

    @Test func withoutAnOnDemandBackupTheRestoreDrillWaitsForTheMarkersWALFileToBeArchived() throws {
        let source = try TestSupport.read("Examples/internal-only.yaml")
        let harness = try ScriptHarness(
            source: String(decoding: source, as: UTF8.self).replacingOccurrences(of: "  schedule: \"0 0 2 * * *\"", with: "  schedule: \"0 0 2 * * *\"\n  onDemand: false"),
            options: Compiler.Options(identityClientID: FakeAzure.clientID)
        )
        defer { harness.remove() }
        let rules: [ScriptHarness.Rule] = [
            .init(pattern: "kubectl get clusters.postgresql.cnpg.io/billing --output *", output: "billing-2"),
            .init(pattern: "kubectl get clusters.postgresql.cnpg.io/billing-recovered --output *", output: "billing-recovered-1"),
            .init(pattern: "openssl rand -hex 8", output: "abcdabcdabcdabcd"),
            .init(pattern: "kubectl exec billing-2 * SELECT pg_walfile_name(pg_switch_wal())", output: "000000010000000000000007"),
            .init(pattern: "kubectl exec billing-2 * SELECT last_archived_wal >= '000000010000000000000007' FROM pg_stat_archiver", output: "t"),
            .init(pattern: "kubectl exec billing-recovered-1 *", output: "1"),
        ] + FakeAzure.fresh(nodeResourceGroup: "MC_rg-payments_aks-payments_northeurope")
        let run = try harness.run("restore-drill.sh", rules: rules)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.lines
        #expect(!lines.contains { $0.contains("backups.postgresql.cnpg.io") })
        let archived = try #require(lines.firstIndex { $0.contains("FROM pg_stat_archiver") })
        let recovery = try #require(lines.firstIndex { $0.hasPrefix("kubectl apply --filename") && $0.contains("cluster-billing-recovered.yaml") })
        #expect(archived < recovery)
    }

    @Test func theFailoverDrillDeletesThePrimaryPodFoundByInstanceRoleAndWaitsForAnother() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("failover-drill.sh", rules: Self.clusterRules() + FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = DeployScriptTests.lines(run, harness)
        #expect(lines == ExpectedScriptCalls.failoverDrill, "\(lines.joined(separator: "\n"))")
        #expect(run.stdout.contains("pg-primary-2 took over from pg-primary-1"))
        #expect(!lines.joined().contains("role=primary ") && !lines.joined().contains(" -l role=primary"))
    }

    @Test func theFailoverDrillFailsWhenNoStandbyTakesOver() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let stuck: [ScriptHarness.Rule] = [
            .init(pattern: "kubectl get pods --selector cnpg.io/cluster=pg-primary,cnpg.io/instanceRole=primary *", output: "pg-primary-1"),
            .init(pattern: "sleep *"),
        ]
        let fakeSleep = harness.root.appendingPathComponent("bin/sleep")
        try FileManager.default.createSymbolicLink(at: fakeSleep, withDestinationURL: harness.root.appendingPathComponent("bin/fake-tool"))
        let run = try harness.run("failover-drill.sh", rules: stuck + FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: no standby took over from pg-primary-1 within 5 minutes"))
        #expect(run.calls.filter { $0.first == "sleep" }.count == 60)
    }

    @Test func cleanupWithYesDeletesTheRecoveryCredentialAndTheResourceGroup() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("cleanup.sh", ["--yes"], rules: FakeAzure.existing(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines == [
            "az account show --query name --output tsv",
            "az identity federated-credential show --name pg-primary-recovered-db --identity-name pg-primary-identity --resource-group rg-cnpg-demo",
            "az identity federated-credential delete --name pg-primary-recovered-db --identity-name pg-primary-identity --resource-group rg-cnpg-demo --yes",
        ] + BackupPluginScriptTests.removal(lastStore: true) + [
            "az group show --name rg-cnpg-demo",
            "az group delete --name rg-cnpg-demo --yes --no-wait",
        ], "\(run.lines.joined(separator: "\n"))")
    }

    @Test func cleanupDeletesOnlyAfterTheResourceGroupsNameIsTyped() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules = FakeAzure.existing(nodeResourceGroup: Self.nodeResourceGroup)
        for answer in ["", "yes\n", "rg-cnpg\n"] {
            let refused = try harness.run("cleanup.sh", rules: rules, stdin: answer)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("error: not confirmed: nothing was deleted"))
            #expect(refused.lines == ["az account show --query name --output tsv"])
            #expect(refused.stdout.contains("This deletes the resource group rg-cnpg-demo and everything in it: the AKS cluster aks-pg-primary"))
        }
        let confirmed = try harness.run("cleanup.sh", rules: rules, stdin: "rg-cnpg-demo\n")
        #expect(confirmed.status == 0, "\(confirmed.stderr)")
        #expect(confirmed.lines.last == "az group delete --name rg-cnpg-demo --yes --no-wait")
    }

    @Test func cleanupSkipsWhatIsAlreadyGone() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("cleanup.sh", ["--yes"], rules: FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.calls.contains { $0.contains("delete") })
        #expect(run.stdout.contains("= resource group rg-cnpg-demo does not exist"))
    }

    /// With an expired sign-in, `az account show` still answers from its cache while every other call fails: cleanup
    /// must stop, not report the resource group as already deleted.
    @Test func cleanupStopsWhenAzureCannotAnswer() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules = FakeAzure.values(nodeResourceGroup: Self.nodeResourceGroup) + [
            .init(pattern: "az * show *", status: 1, output: "stderr:ERROR: AADSTS700082: The refresh token has expired. Please run 'az login'."),
        ]
        let run = try harness.run("cleanup.sh", ["--yes"], rules: rules)
        #expect(run.status == 1)
        #expect(run.stderr.contains("AADSTS700082"))
        #expect(!run.stdout.contains("does not exist"))
        #expect(!run.calls.contains { $0.contains("delete") })
    }

    @Test func cleanupDryRunNeitherAsksNorDeletes() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("cleanup.sh", ["--dry-run"], rules: [])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.calls.isEmpty)
        #expect(run.stdout.contains("+ az group delete --name rg-cnpg-demo --yes --no-wait"))
        #expect(!run.stdout.contains("Type the resource group name"))
    }
}
