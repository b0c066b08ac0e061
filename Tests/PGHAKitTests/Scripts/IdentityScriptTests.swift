import Foundation
import Testing
@testable import PGHAKit

/// The issue: one managed identity was both the AKS cluster's and the database's, so the database pods held Network
/// Contributor on the node resource group. deploy.sh now creates the cluster's identity (`<aksCluster>-identity`)
/// and, with backups, the workload identity, each holding only its own roles.
@Suite struct IdentityScriptTests {
    static let nodeResourceGroup = DeployScriptTests.guideNodeResourceGroup

    /// The calls of a fresh deploy.sh of `source` whose lines start with one of `prefixes`, but for the role the
    /// signed-in principal gets on the Managed Grafana (not an identity's: GrafanaAccessTests).
    static func calls(_ harness: ScriptHarness, _ prefixes: [String]) throws -> [String] {
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        return DeployScriptTests.lines(run, harness).filter { line in
            prefixes.contains { line.hasPrefix($0) } && !line.contains(" --assignee-object-id \(FakeAzure.signedInObjectID) ")
        }
    }

    static let prefixes = ["az identity create", "az role assignment create", "az identity federated-credential create", "az aks create"]
    /// `--tags` of `az identity create`, an AAZ command: the shorthand syntax (OwnershipTagTests), as the calls quote it.
    static let tags = #"--tags ''\''environment'\''='\''demo'\''' ''\''pgha.spec'\''=cnpg-database/pg-primary' ''\''pgha.member.cnpg-database.pg-primary'\''=cnpg-database/pg-primary' --output none"#

    @Test func theClusterAndTheDatabaseHaveIdentitiesOfTheirOwnWithTheirOwnRoles() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let calls = try Self.calls(harness, Self.prefixes)
        #expect(calls.filter { !$0.hasPrefix("az aks create") } == [
            "az identity create --name aks-pg-primary-identity --resource-group rg-cnpg-demo --location westus3 \(Self.tags)",
            "az identity create --name pg-primary-identity --resource-group rg-cnpg-demo --location westus3 \(Self.tags)",
            "az role assignment create --assignee-object-id \(FakeAzure.principalID) --assignee-principal-type ServicePrincipal --role 'Storage Blob Data Contributor' --scope \(FakeAzure.subscription)/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/account --output none",
            "az role assignment create --assignee-object-id \(FakeAzure.controlPlanePrincipalID) --assignee-principal-type ServicePrincipal --role 'Network Contributor' --scope \(FakeAzure.subscription)/resourceGroups/\(Self.nodeResourceGroup) --output none",
            "az identity federated-credential create --name pg-primary --identity-name pg-primary-identity --resource-group rg-cnpg-demo --issuer \(FakeAzure.issuer) --subject system:serviceaccount:cnpg-database:pg-primary --audiences api://AzureADTokenExchange --output none",
        ])
        let create = try #require(calls.first { $0.hasPrefix("az aks create") })
        #expect(create.contains(" --enable-managed-identity --assign-identity \(FakeAzure.controlPlaneIdentityID) "))
    }

    /// Naming one identity for both (PGHA0441 warns) creates it once and gives it both roles, as before.
    @Test func oneIdentityForBothIsCreatedOnceAndHoldsBothRoles() throws {
        let example = String(decoding: try TestSupport.read("Examples/aks-ha.yaml"), as: UTF8.self)
        let harness = try ScriptHarness(source: example.replacingOccurrences(
            of: "  identity:\n    name: pg-primary-identity\n",
            with: "  identity:\n    name: pg-primary-identity\n    clientID: \(FakeAzure.clientID)\n  controlPlaneIdentity:\n    name: pg-primary-identity\n"))
        defer { harness.remove() }
        let calls = try Self.calls(harness, ["az identity create", "az role assignment create"])
        #expect(calls.count == 3)
        #expect(calls.first == "az identity create --name pg-primary-identity --resource-group rg-cnpg-demo --location westus3 \(Self.tags)")
        #expect(calls.dropFirst().allSatisfy { $0.contains(" --assignee-object-id \(FakeAzure.principalID) ") }, "\(calls)")
    }

    /// Without backups there is no workload identity: only the cluster's.
    @Test func withoutBackupsOnlyTheClustersIdentityIsCreated() throws {
        let harness = try ScriptHarness(example: "minimal.yaml")
        defer { harness.remove() }
        let calls = try Self.calls(harness, ["az identity"])
        #expect(calls.allSatisfy { $0.contains(" --name aks-") }, "\(calls)")
        #expect(calls.contains { $0.hasPrefix("az identity create --name aks-") })
    }

    /// The review's repro: an AKS cluster created before the identity split kept running as its old identity while
    /// deploy.sh granted the new control-plane identity Network Contributor, silently. It now warns, saying what to do.
    @Test func anAKSClusterRunningAsAnotherIdentityIsReported() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let old = FakeAzure.subscription + "/resourcegroups/rg-cnpg-demo/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pg-primary-identity"
        let rules = [ScriptHarness.Rule(pattern: "az aks show * --query identity.userAssignedIdentities* --output tsv", output: old)]
            + FakeAzure.existing(nodeResourceGroup: DeployScriptTests.guideNodeResourceGroup)
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.contains("az aks show --name aks-pg-primary --resource-group rg-cnpg-demo --query 'identity.userAssignedIdentities && join('\\'' '\\'', keys(identity.userAssignedIdentities)) || identity.type' --output tsv"))
        #expect(run.stderr.contains("warning: AKS cluster aks-pg-primary runs as \(old) (its identity), not as aks-pg-primary-identity, so the Network Contributor role deploy.sh grants aks-pg-primary-identity (for the public IP) does not reach it. Set azure.controlPlaneIdentity.name to the identity the cluster runs as and render again, or move the cluster to aks-pg-primary-identity with az aks update --name aks-pg-primary --resource-group rg-cnpg-demo --assign-identity \(FakeAzure.controlPlaneIdentityID) (it asks for confirmation)\n"))

        let same = try harness.run("deploy.sh", rules: [
            .init(pattern: "az aks show * --query identity.userAssignedIdentities* --output tsv", output: FakeAzure.controlPlaneIdentityID.uppercased()),
        ] + FakeAzure.existing(nodeResourceGroup: DeployScriptTests.guideNodeResourceGroup))
        #expect(same.status == 0, "\(same.stderr)")
        #expect(!same.stderr.contains("warning"))
    }
}
