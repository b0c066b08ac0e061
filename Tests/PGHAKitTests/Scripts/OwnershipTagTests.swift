import Foundation
import Testing
@testable import PGHAKit

/// The ownership tags: deploy.sh puts them on what it creates and joins, the spec cannot take their names or the
/// room they need, and deploy.sh says so when it uses a resource group pgha did not create.
@Suite struct OwnershipTagTests {
    @Test func reservedTagNamesAreRefusedWhateverTheirCase() {
        let errors = TestSupport.diagnostics(TestSupport.spec().replacingOccurrences(
            of: "  location: westus3\n", with: "  location: westus3\n  tags:\n    PGHA.Spec: a\n    pgha.member.x.y: b\n    pgha-team: c\n"))
        #expect(errors == [
            "7:16 error[PGHA0310] azure.tags.PGHA.Spec: the tag 'PGHA.Spec' is pgha's: it records which spec created and uses each resource",
            "8:22 error[PGHA0310] azure.tags.pgha.member.x.y: the tag 'pgha.member.x.y' is pgha's: it records which spec created and uses each resource",
        ])
    }

    @Test func fortyEightTagsFitButFortyNineDoNot() {
        func errors(_ count: Int) -> [String] {
            let tags = (1...count).map { "t\($0): v" }.joined(separator: ", ")
            return TestSupport.diagnostics(TestSupport.spec().replacingOccurrences(
                of: "  location: westus3\n", with: "  location: westus3\n  tags: {\(tags)}\n"))
        }
        #expect(errors(48) == [])
        #expect(errors(49) == ["6:3 error[PGHA0311] azure.tags: 49 tags leave no room for pgha's ownership tags: Azure allows 50 per resource"])
    }

    @Test func everyCreatedResourceNamesItsSpecAndEveryUsedOneItsMembers() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: DeployScriptTests.guideNodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let creates = run.calls.filter { argv in
            let line = argv.joined(separator: " ")
            return (line.hasPrefix("az ") && argv.contains("create") || line.hasPrefix("az aks nodepool add"))
                && !line.contains("container-rm") && !line.contains("federated-credential") && !line.contains("role assignment")
        }
        #expect(creates.count == 11)
        for argv in creates {
            let own = Self.aazCommands.contains { argv.starts(with: $0) }
                ? ["'pgha.spec'=cnpg-database/pg-primary", "'pgha.member.cnpg-database.pg-primary'=cnpg-database/pg-primary"]
                : ["pgha.spec=cnpg-database/pg-primary", "pgha.member.cnpg-database.pg-primary=cnpg-database/pg-primary"]
            #expect(Self.tags(argv).suffix(2) == own[...], "\(argv)")
        }
        // The Azure Prometheus rule group gets its member tag from its create, after the manifests: the ownership step
        // before them read its ID while it did not exist yet and stopped every fresh deployment (the fake now answers
        // "not found" for what was not created).
        #expect(run.lines.filter { $0.hasPrefix("az tag update") && $0.hasSuffix(" --operation merge --tags pgha.member.cnpg-database.pg-primary=cnpg-database/pg-primary --output none") }.count == 9)
        let ruleGroupCreate = try #require(run.lines.firstIndex { $0.hasPrefix("az alerts-management prometheus-rule-group create ") })
        #expect(!run.lines[..<ruleGroupCreate].contains { $0.hasPrefix("az alerts-management prometheus-rule-group show ") && $0.hasSuffix(" --query id --output tsv") })
    }

    /// On a later run the rule group exists: deploy.sh sets its rules and adds this spec's member tag to it.
    @Test func anExistingAlertRuleGroupGetsTheMemberTagAfterItsRules() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: DeployScriptTests.guideNodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let update = try #require(run.lines.firstIndex { $0.hasPrefix("az alerts-management prometheus-rule-group update --name cnpg-database-pg-primary-alerts ") })
        #expect(Array(run.lines[(update + 1)...].prefix(2)) == [
            "az alerts-management prometheus-rule-group show --name cnpg-database-pg-primary-alerts --resource-group rg-cnpg-demo --query id --output tsv",
            "az tag update --resource-id /subscriptions/\(FakeAzure.subscriptionID)/resourceGroups/rg/providers/Microsoft.AlertsManagement/prometheusRuleGroups/alerts --operation merge --tags pgha.member.cnpg-database.pg-primary=cnpg-database/pg-primary --output none",
        ])
    }

    /// The create commands built on azure-cli's AAZ framework, whose `--tags` takes the shorthand syntax.
    static let aazCommands = [
        ["az", "identity", "create"], ["az", "monitor", "account", "create"], ["az", "monitor", "log-analytics", "workspace", "create"],
        ["az", "alerts-management", "prometheus-rule-group", "create"],
    ]

    /// The arguments of `--tags` in `argv`.
    static func tags(_ argv: [String]) -> [String] {
        Array(argv.drop { $0 != "--tags" }.dropFirst().prefix { $0 != "--output" })
    }

    /// The audit replayed every az line through azure-cli 2.91 but not `--tags pgha.spec=...` on AAZ commands:
    /// there the shorthand syntax reads the dot as a path and az fails ("'AAZStrArg' object is not subscriptable")
    /// before creating the identity. Those commands get every tag name and value quoted, a quote inside as `'/`;
    /// the others keep `name=value` (Scripts/check-az-parses.py replays both through azure-cli's parser in CI).
    @Test func aazCommandsGetTheirTagsInShorthandSyntax() throws {
        let source = String(decoding: try TestSupport.read("Examples/aks-ha.yaml"), as: UTF8.self)
            .replacingOccurrences(of: "    environment: demo\n", with: "    environment: demo\n    cost.center: \"it's ours\"\n")
            .replacingOccurrences(of: "    name: pg-primary-identity\n", with: "    name: pg-primary-identity\n    clientID: \(FakeAzure.clientID)\n")
        let harness = try ScriptHarness(source: source)
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: DeployScriptTests.guideNodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let identity = try #require(run.calls.first { $0.starts(with: ["az", "identity", "create"]) })
        #expect(Self.tags(identity) == [
            "'cost.center'='it'/s ours'", "'environment'='demo'",
            "'pgha.spec'=cnpg-database/pg-primary", "'pgha.member.cnpg-database.pg-primary'=cnpg-database/pg-primary",
        ])
        let group = try #require(run.calls.first { $0.starts(with: ["az", "group", "create"]) })
        #expect(Self.tags(group) == [
            "cost.center=it's ours", "environment=demo",
            "pgha.spec=cnpg-database/pg-primary", "pgha.member.cnpg-database.pg-primary=cnpg-database/pg-primary",
        ])
    }

    /// A resource group that existed before, without the pgha.spec tag: deploy.sh says it adopts it.
    @Test func deployingIntoAPreExistingResourceGroupSaysSo() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules: [ScriptHarness.Rule] = [.init(pattern: "az group show --name rg-cnpg-demo --query tags.* --output tsv", output: "none")]
            + FakeAzure.existing(nodeResourceGroup: DeployScriptTests.guideNodeResourceGroup)
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("note: the resource group rg-cnpg-demo existed before and pgha did not create it (no pgha.spec tag): deploy.sh uses it, cleanup.sh never deletes it"))
        #expect(run.lines.contains { $0.hasPrefix("az tag update --resource-id /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg --operation merge") })

        let created = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: DeployScriptTests.guideNodeResourceGroup))
        #expect(!created.stdout.contains("existed before"))
    }
}
