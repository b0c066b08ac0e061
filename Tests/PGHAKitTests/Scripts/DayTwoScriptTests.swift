import Foundation
import Testing
@testable import PGHAKit

/// deploy.sh's steps for local NVMe storage and managed roles, run against the fake tools.
@Suite struct DayTwoScriptTests {
    static let spec = TestSupport.spec("""
          identity:
            clientID: \(FakeAzure.clientID)
        backup:
          storageAccount: pgtestbackups
        storage:
          localNVMe: true
        roles:
          reporting: {}
          auditor:
            login: false

        """)

    @Test func azureContainerStorageIsEnabledAfterTheNodePoolAndRolesGetPasswordSecrets() throws {
        let harness = try ScriptHarness(source: Self.spec)
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: "MC_rg-pg-test_aks-pg-test_westus3"))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.lines
        let update = "az aks update --name aks-pg-test --resource-group rg-pg-test --enable-azure-container-storage --output none"
        let poolIndex = try #require(lines.firstIndex { $0.hasPrefix("az aks nodepool add") })
        let updateIndex = try #require(lines.firstIndex(of: update))
        #expect(poolIndex < updateIndex)
        #expect(lines.contains("kubectl create secret generic pg-test-role-reporting --type=kubernetes.io/basic-auth --from-literal=username=reporting --from-file=password=/dev/stdin --namespace cnpg-database --context aks-pg-test '<stdin: the secret>'"))
        #expect(!lines.contains { $0.contains("pg-test-role-auditor") })
    }
}
