import Foundation
import Testing
@testable import PGHAKit

/// Every script's `probe`: only a "not found" answer means absent; any other failure stops the script before it
/// creates (or deletes) anything, with what to do.
@Suite struct ExistenceCheckTests {
    static let nodeResourceGroup = DeployScriptTests.guideNodeResourceGroup
    static let expiredToken = "stderr:ERROR: AADSTS700082: The refresh token has expired due to inactivity. Please run 'az login' to setup account."

    @Test func notFoundFromAzOrKubectlMeansAbsentAndTheResourceIsCreated() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.contains { $0.hasPrefix("az aks create --name aks-pg-primary ") })
        #expect(run.lines.contains("kubectl create namespace cnpg-database --context aks-pg-primary"))
    }

    /// The repro: with an expired token, `az aks show` failed and the re-run issued `az aks create` over the
    /// existing cluster.
    @Test func anotherErrorStopsTheScriptBeforeAnythingIsCreated() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules = [ScriptHarness.Rule(pattern: "az aks show --name aks-pg-primary --resource-group rg-cnpg-demo", status: 1, output: Self.expiredToken)]
            + FakeAzure.existing(nodeResourceGroup: Self.nodeResourceGroup)
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 1)
        #expect(run.lines.last == "az aks show --name aks-pg-primary --resource-group rg-cnpg-demo")
        #expect(!run.lines.contains { $0.hasPrefix("az aks create") })
        #expect(run.stderr.contains("AADSTS700082: The refresh token has expired"))
        #expect(run.stderr.contains("error: az aks show --name aks-pg-primary --resource-group rg-cnpg-demo failed (exit 1), and not because it was not found: stopping rather than guess whether it exists. Fix the cause (an expired sign-in: az login;"))
    }

    @Test func kubectlErrorsOtherThanNotFoundStopTheScript() throws {
        let harness = try ScriptHarness(example: "minimal.yaml")
        defer { harness.remove() }
        let spec = try #require(Compiler.compile(try TestSupport.read("Examples/minimal.yaml")).spec)
        let rules = [ScriptHarness.Rule(pattern: "kubectl get namespace *", status: 1,
                                        output: "stderr:error: You must be logged in to the server (Unauthorized)")]
            + FakeAzure.fresh(nodeResourceGroup: spec.azure.nodeResourceGroup)
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 1)
        #expect(!run.lines.contains { $0.hasPrefix("kubectl create") })
        #expect(run.stderr.contains("You must be logged in to the server (Unauthorized)"))
    }

    /// `SubscriptionNotFound` names the subscription, not the resource: never "absent".
    @Test func aMissingSubscriptionIsNotAMissingResource() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules = [ScriptHarness.Rule(pattern: "az group show --name rg-cnpg-demo", status: 3,
                                        output: "stderr:ERROR: (SubscriptionNotFound) The subscription '00000000-0000-0000-0000-000000000009' could not be found.")]
            + FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup)
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 1)
        #expect(!run.lines.contains { $0.hasPrefix("az group create") })
    }

    @Test func existingResourcesAreKept() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("= AKS cluster aks-pg-primary exists"))
        #expect(!run.lines.contains { $0.hasPrefix("az aks create") })
    }
}
