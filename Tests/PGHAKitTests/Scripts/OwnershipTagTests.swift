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
        let creates = run.lines.filter {
            ($0.hasPrefix("az ") && $0.contains(" create ") || $0.hasPrefix("az aks nodepool add"))
                && !$0.contains("container-rm") && !$0.contains("federated-credential") && !$0.contains("role assignment")
        }
        #expect(creates.count == 11)
        for line in creates {
            #expect(line.contains(" pgha.spec=cnpg-database/pg-primary pgha.member.cnpg-database.pg-primary=cnpg-database/pg-primary --output none"), "\(line)")
        }
        #expect(run.lines.filter { $0.hasPrefix("az tag update") && $0.hasSuffix(" --operation merge --tags pgha.member.cnpg-database.pg-primary=cnpg-database/pg-primary --output none") }.count == 10)
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
