import Foundation
import Testing
@testable import PGHAKit

/// deploy.sh gives the PostgreSQL node pool the spec's taints: when it creates the pool, and when it finds the pool
/// with other taints (a taint added to the spec after the pool was created).
@Suite struct NodePoolTaintTests {
    static let nodeResourceGroup = "MC_rg-pg-test_aks-pg-test_westus3"
    static let update = "az aks nodepool update --cluster-name aks-pg-test --name postgres --resource-group rg-pg-test --node-taints workload=postgres:NoSchedule --output none"

    @Test func anAbsentPoolIsCreatedWithTheTaint() throws {
        let harness = try ScriptHarness(source: TestSupport.spec())
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let add = try #require(run.lines.first { $0.hasPrefix("az aks nodepool add") })
        #expect(add.contains(" --node-taints workload=postgres:NoSchedule "))
        #expect(!run.lines.contains { $0.hasPrefix("az aks nodepool update") })
    }

    @Test func aPoolWithTheSpecsTaintsIsLeftAlone() throws {
        let harness = try ScriptHarness(source: TestSupport.spec())
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.contains("az aks nodepool show --cluster-name aks-pg-test --name postgres --resource-group rg-pg-test --query 'join('\\'','\\'', sort([nodeTaints][]))' --output tsv"))
        #expect(run.stdout.contains("= node pool postgres has the spec's taints\n"))
        #expect(!run.lines.contains { $0.hasPrefix("az aks nodepool update") || $0.hasPrefix("az aks nodepool add") })
    }

    @Test func aPoolWithoutTheTaintGetsItAndTheDryRunPlansTheUpdate() throws {
        let harness = try ScriptHarness(source: TestSupport.spec())
        defer { harness.remove() }
        let rules = FakeAzure.existing(nodeResourceGroup: Self.nodeResourceGroup, nodeTaints: "")
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.filter { $0.hasPrefix("az aks nodepool update") } == [Self.update])
        #expect(!run.lines.contains { $0.hasPrefix("az aks nodepool add") })

        let plan = try harness.run("deploy.sh", ["--dry-run"], rules: rules)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("plan: update: \(Self.update)\n"))
        #expect(!plan.lines.contains { $0.hasPrefix("az aks nodepool update") })
    }

    @Test func taintsInAnotherOrderAreTheSameTaints() throws {
        let harness = try ScriptHarness(source: TestSupport.spec("""
              nodePool:
                taints: ["workload=postgres:NoSchedule", "dedicated=db:NoExecute"]
            """))
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(
            nodeResourceGroup: Self.nodeResourceGroup, nodeTaints: "dedicated=db:NoExecute,workload=postgres:NoSchedule"))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.lines.contains { $0.hasPrefix("az aks nodepool update") })
    }

    @Test func noTaintsInTheSpecRemoveThePoolsTaints() throws {
        let harness = try ScriptHarness(source: TestSupport.spec("""
              nodePool:
                taints: []
            """))
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.filter { $0.hasPrefix("az aks nodepool update") } == [
            "az aks nodepool update --cluster-name aks-pg-test --name postgres --resource-group rg-pg-test --node-taints '' --output none",
        ])
    }
}
