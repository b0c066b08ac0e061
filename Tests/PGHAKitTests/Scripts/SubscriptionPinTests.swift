import Foundation
import Testing
@testable import PGHAKit

/// `azure.subscription`: every script refuses a subscription other than the pinned one before it reads or changes
/// anything; without it, deploy.sh prints the subscription it uses and how to pin it.
@Suite struct SubscriptionPinTests {
    static let other = "99999999-0000-0000-0000-000000000009"

    static func pinned(_ subscription: String) -> String {
        TestSupport.spec().replacingOccurrences(of: "azure:\n  location: westus3\n",
                                                with: "azure:\n  location: westus3\n  subscription: \(subscription)\n  identity:\n    clientID: \(FakeAzure.clientID)\n")
            + "instances: 2\nbackup:\n  storageAccount: pgtestbackups\nrecovery: {}\n"
    }

    static let rules = [ScriptHarness.Rule(pattern: "az account show --query id --output tsv", output: other)]
        + FakeAzure.existing(nodeResourceGroup: "MC_rg-pg-test_aks-pg-test_westus3")

    @Test(arguments: [("deploy.sh", [String]()), ("cleanup.sh", ["--yes"]), ("restore-drill.sh", []), ("failover-drill.sh", [])])
    func everyScriptRefusesAnotherSubscriptionBeforeAnythingElse(script: String, arguments: [String]) throws {
        let harness = try ScriptHarness(source: Self.pinned(FakeAzure.subscriptionID))
        defer { harness.remove() }
        let run = try harness.run(script, arguments, rules: Self.rules)
        #expect(run.status == 1)
        #expect(run.lines == ["az account show --query name --output tsv", "az account show --query id --output tsv"])
        #expect(run.stderr.contains("error: az is signed in to the subscription Demo subscription (\(Self.other)), but the spec pins azure.subscription \(FakeAzure.subscriptionID): run az account set --subscription \(FakeAzure.subscriptionID) and run this script again"))
    }

    /// Azure prints subscription IDs in lowercase; a pin written in uppercase still matches.
    @Test func thePinnedSubscriptionGoesOn() throws {
        let harness = try ScriptHarness(source: Self.pinned(FakeAzure.subscriptionID.uppercased()))
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: "MC_rg-pg-test_aks-pg-test_westus3",
                                                                      credential: FakeAzure.credential(of: "pg-test")))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("subscription: Demo subscription (\(FakeAzure.subscriptionID))"))
    }

    @Test func withoutAPinDeployPrintsTheSubscriptionAndHowToPinIt() throws {
        let harness = try ScriptHarness(example: "minimal.yaml")
        defer { harness.remove() }
        let spec = try #require(Compiler.compile(try TestSupport.read("Examples/minimal.yaml")).spec)
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: spec.azure.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("azure.subscription is not set: add 'subscription: \(FakeAzure.subscriptionID)' under azure in the spec so that every script refuses another subscription"))
    }
}
