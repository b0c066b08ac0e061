import Foundation
import Testing
@testable import PGHAKit

/// deploy.sh and cleanup.sh install the Azure CLI extensions their steps call, before they read or create anything,
/// and only when `az extension show` says they are not installed; Azure Container Storage is enabled only on a
/// cluster without it.
@Suite struct CLIExtensionScriptTests {
    static let nodeResourceGroup = DeployScriptTests.guideNodeResourceGroup
    static let nvmeSpec = DayTwoScriptTests.spec
    static let nvmeNodeResourceGroup = "MC_rg-pg-test_aks-pg-test_westus3"

    @Test func extensionsThatAreNotInstalledAreAddedBeforeAnythingIsCreated() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.lines
        #expect(lines.filter { $0.hasPrefix("az extension ") } == [
            "az extension show --name amg", "az extension add --name amg --yes",
            "az extension show --name alertsmanagement", "az extension add --name alertsmanagement --yes",
        ])
        let lastAdd = try #require(lines.lastIndex { $0.hasPrefix("az extension add") })
        let groupCreate = try #require(lines.firstIndex { $0.hasPrefix("az group create") })
        #expect(lastAdd < groupCreate)

        let plan = try harness.run("deploy.sh", ["--dry-run"], rules: FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("plan: create: az extension add --name amg --yes\n"))
        #expect(!plan.lines.contains { $0.hasPrefix("az extension add") })
    }

    @Test func installedExtensionsAreUsedAsTheyAre() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("= Azure CLI extension amg (az grafana) is installed\n"))
        #expect(run.stdout.contains("= Azure CLI extension alertsmanagement (az alerts-management prometheus-rule-group) is installed\n"))
        #expect(!run.lines.contains { $0.hasPrefix("az extension add") })
    }

    @Test func anyOtherAnswerOfExtensionShowStopsTheScript() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules = [ScriptHarness.Rule(pattern: "az extension show --name amg", status: 1,
                                        output: "stderr:ERROR: [Errno 13] Permission denied: '/home/user/.azure/cliextensions'")]
            + FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup)
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 1)
        #expect(run.lines.last == "az extension show --name amg")
        #expect(run.stderr.contains("error: az extension show --name amg failed (exit 1), and not because it was not found"))
    }

    @Test func cleanupInstallsTheExtensionsItReadsWithBeforeItReadsAnything() throws {
        let notInstalled = ["amg", "alertsmanagement"].map {
            ScriptHarness.Rule(pattern: "az extension show --name \($0)", status: 1, output: FakeAzure.extensionNotInstalled($0))
        }
        let run = try CleanupScriptTests.run(["--yes"], notInstalled)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Array(run.lines.prefix(6)) == [
            "az account show --query name --output tsv", "az account show --query id --output tsv",
            "az extension show --name amg", "az extension add --name amg --yes",
            "az extension show --name alertsmanagement", "az extension add --name alertsmanagement --yes",
        ])
        #expect(run.lines.contains("az grafana show --name pg-primary-grafana --resource-group rg-cnpg-demo"))

        let plan = try CleanupScriptTests.run(["--dry-run"], notInstalled)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("plan: create: az extension add --name amg --yes\n"))
        #expect(!plan.lines.contains { $0.hasPrefix("az extension add") })

        let installed = try CleanupScriptTests.run()
        #expect(installed.stdout.contains("= Azure CLI extension amg (az grafana) is installed\n"))
        #expect(!installed.lines.contains { $0.hasPrefix("az extension add") })
    }

    @Test func cleanupStopsWhenItCannotTellWhetherAnExtensionIsInstalled() throws {
        let denied = [ScriptHarness.Rule(pattern: "az extension show --name amg", status: 1,
                                         output: "stderr:ERROR: [Errno 13] Permission denied: '/home/user/.azure/cliextensions'")]
        let run = try CleanupScriptTests.run(["--yes"], denied)
        #expect(run.status == 1)
        #expect(run.lines.last == "az extension show --name amg")
        #expect(run.stderr.contains("error: az extension show --name amg failed (exit 1), and not because it was not found"))
    }

    @Test func cleanupOfLocalNVMeNeedsNoExtension() throws {
        let script = try #require(Compiler.compile(Array(Self.nvmeSpec.utf8)).artifacts.first { $0.path == "scripts/cleanup.sh" })
        #expect(!script.contents.contains("az extension"))
    }

    @Test func localNVMeNeedsTheKubernetesExtensionAndEnablesContainerStorageOnce() throws {
        let harness = try ScriptHarness(source: Self.nvmeSpec)
        defer { harness.remove() }
        let fresh = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: Self.nvmeNodeResourceGroup))
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(fresh.lines.filter { $0.hasPrefix("az extension ") } == [
            "az extension show --name k8s-extension", "az extension add --name k8s-extension --yes",
        ])
        let probe = "az k8s-extension show --cluster-type managedClusters --cluster-name aks-pg-test --resource-group rg-pg-test --name acstor"
        let enable = "az aks update --name aks-pg-test --resource-group rg-pg-test --enable-azure-container-storage --output none"
        let probeIndex = try #require(fresh.lines.firstIndex(of: probe))
        #expect(fresh.lines.firstIndex(of: enable).map { $0 == probeIndex + 1 } == true)

        let rerun = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: Self.nvmeNodeResourceGroup,
                                                                          credential: FakeAzure.credential(of: "pg-test")))
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.lines.contains(probe))
        #expect(!rerun.lines.contains(enable))
        #expect(rerun.stdout.contains("= Azure Container Storage is enabled on aks-pg-test\n"))
    }
}
