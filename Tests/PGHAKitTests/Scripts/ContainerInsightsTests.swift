import Testing
@testable import PGHAKit

/// The repro: deploy.sh asked only `addonProfiles.omsagent.enabled`, so on a cluster whose Container insights
/// was enabled through the Azure Monitor profile it ran `az aks enable-addons --addons monitoring`, which azure-cli
/// rejects there. Either way of enabling it now counts.
@Suite struct ContainerInsightsTests {
    static let legacy = "az aks show --name aks-pg-primary --resource-group rg-cnpg-demo --query 'addonProfiles.omsagent.enabled || addonProfiles.omsAgent.enabled' --output tsv"
    static let profile = "az aks show --name aks-pg-primary --resource-group rg-cnpg-demo --query azureMonitorProfile.containerInsights.enabled --output tsv"
    static let enable = "az aks enable-addons --addons monitoring --name aks-pg-primary --resource-group rg-cnpg-demo --workspace-resource-id \(FakeAzure.subscription)/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs --output none"

    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        /// What az prints for the add-on and for the Azure Monitor profile (`--output tsv`: empty for null).
        var addOn: String
        var monitorProfile: String
        var calls: [String]
        var says: String?
    }

    static let cases = [
        Case(testDescription: "enabled as the add-on", addOn: "true", monitorProfile: "", calls: [legacy],
             says: "= the monitoring add-on is enabled"),
        Case(testDescription: "enabled in the Azure Monitor profile", addOn: "", monitorProfile: "true", calls: [legacy, profile],
             says: "= Container insights is enabled in the Azure Monitor profile"),
        Case(testDescription: "not enabled", addOn: "false", monitorProfile: "false", calls: [legacy, profile, enable], says: nil),
    ]

    @Test(arguments: cases)
    func containerInsightsIsEnabledOnlyWhenNeitherWayHasIt(_ test: Case) throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules: [ScriptHarness.Rule] = [
            .init(pattern: "az aks show * --query addonProfiles.omsagent.enabled || addonProfiles.omsAgent.enabled --output tsv", output: test.addOn),
            .init(pattern: "az aks show * --query azureMonitorProfile.containerInsights.enabled --output tsv", output: test.monitorProfile),
        ]
        let run = try harness.run("deploy.sh", rules: rules + FakeAzure.existing(nodeResourceGroup: DeployScriptTests.guideNodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.lines.filter { $0.contains("addonProfiles") || $0.contains("azureMonitorProfile.containerInsights") || $0.hasPrefix("az aks enable-addons") }
        #expect(lines == test.calls)
        if let says = test.says { #expect(run.stdout.contains(says + "\n")) }
    }
}
