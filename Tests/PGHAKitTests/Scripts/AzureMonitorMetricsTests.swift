import Testing
@testable import PGHAKit

/// The review's repro: `az aks create --enable-azure-monitor-metrics` enables the metrics only after its first
/// long-running PUT (then it creates the data collection rules, links Grafana and PUTs again). An interrupted create left
/// a cluster without them, which the re-run found ("= AKS cluster exists") and never repaired, so every later run
/// stopped at `kubectl apply -k` (no PodMonitor kind of azmonitoring.coreos.com). A found cluster whose metrics are
/// not enabled now gets them, whoever created it.
@Suite struct AzureMonitorMetricsTests {
    static let probe = "az aks show --name aks-pg-primary --resource-group rg-cnpg-demo --query azureMonitorProfile.metrics.enabled --output tsv"
    static let enable = "az aks update --name aks-pg-primary --resource-group rg-cnpg-demo --enable-azure-monitor-metrics --azure-monitor-workspace-resource-id \(FakeAzure.subscription)/resourceGroups/rg/providers/microsoft.monitor/accounts/prometheus --grafana-resource-id \(FakeAzure.subscription)/resourceGroups/rg/providers/Microsoft.Dashboard/grafana/grafana --output none"

    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        /// What az prints for `azureMonitorProfile.metrics.enabled` (`--output tsv`: empty for null).
        var enabled: String
        var enables: Bool
    }

    static let cases = [
        Case(testDescription: "not enabled (an interrupted create)", enabled: "false", enables: true),
        Case(testDescription: "no Azure Monitor profile (a cluster made without it)", enabled: "", enables: true),
        Case(testDescription: "enabled", enabled: "true", enables: false),
    ]

    @Test(arguments: cases)
    func aFoundClusterGetsAzureMonitorMetricsUnlessItHasThem(_ test: Case) throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules: [ScriptHarness.Rule] = [
            .init(pattern: "az aks show * --query azureMonitorProfile.metrics.enabled --output tsv", output: test.enabled),
        ] + FakeAzure.existing(nodeResourceGroup: DeployScriptTests.guideNodeResourceGroup)
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.lines
        #expect(lines.filter { $0 == Self.probe || $0.hasPrefix("az aks update") } == (test.enables ? [Self.probe, Self.enable] : [Self.probe]))
        // After the cluster is created (waited for), before anything that needs the metrics' kinds.
        let probe = try #require(lines.firstIndex(of: Self.probe))
        let wait = try #require(lines.firstIndex { $0.hasPrefix("az aks wait ") })
        let apply = try #require(lines.firstIndex { $0.hasPrefix("kubectl apply --kustomize ") && !$0.contains("/operator") })
        #expect(wait < probe && probe < apply)
        if !test.enables { #expect(run.stdout.contains("= Azure Monitor metrics (managed Prometheus) are enabled\n")) }

        let plan = try harness.run("deploy.sh", ["--dry-run"], rules: rules)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("plan: update: \(Self.enable)\n") == test.enables)
    }

    /// A cluster that is not there yet is created with the metrics (`az aks create --enable-azure-monitor-metrics`):
    /// neither the run nor its dry run asks for them again.
    @Test func aCreatedClusterIsNotAskedForItsMetrics() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules = FakeAzure.fresh(nodeResourceGroup: DeployScriptTests.guideNodeResourceGroup)
        for arguments in [[], ["--dry-run"]] {
            let run = try harness.run("deploy.sh", arguments, rules: rules)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.lines.contains { $0.contains("azureMonitorProfile.metrics") || $0.hasPrefix("az aks update") })
            #expect(!run.stdout.contains("az aks update"))
        }
    }

    /// A spec without managed Prometheus never asks for the metrics.
    @Test func aSpecWithoutManagedPrometheusLeavesTheMetricsAlone() throws {
        let harness = try ScriptHarness(example: "minimal.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: "MC_rg-orders_aks-orders_canadacentral"))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.lines.contains { $0.contains("azureMonitorProfile.metrics") || $0.contains("--enable-azure-monitor-metrics") })
    }
}
