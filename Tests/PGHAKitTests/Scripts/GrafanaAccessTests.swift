import Foundation
import Testing
@testable import PGHAKit

/// The review's repro: `az grafana dashboard import` failed with 403 for anyone but the principal that created the
/// Managed Grafana (`az grafana create` grants "Grafana Admin" to its creator only), on every run of deploy.sh by a
/// colleague or a CI service principal. deploy.sh now grants the signed-in principal the role, unless it has it, and
/// stops before the import, naming the role and the scope, when it may not.
@Suite struct GrafanaAccessTests {
    static let nodeResourceGroup = DeployScriptTests.guideNodeResourceGroup
    static let oid = FakeAzure.signedInObjectID
    /// A colleague's run: everything exists, but the signed-in principal has no role on the Grafana.
    static let noRole = ScriptHarness.Rule(pattern: "az role assignment list --assignee-object-id \(oid) --role Grafana Admin *")
    static func create(_ type: String) -> String {
        "az role assignment create --assignee-object-id \(oid) --assignee-principal-type \(type) --role 'Grafana Admin' --scope \(FakeAzure.grafanaID) --output none"
    }
    static let importPrefix = "az grafana dashboard import "

    static func deploy(_ rules: [ScriptHarness.Rule]) throws -> ScriptHarness.Run {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        return try harness.run("deploy.sh", rules: rules + FakeAzure.existing(nodeResourceGroup: nodeResourceGroup))
    }

    @Test(arguments: [("user", "User"), ("servicePrincipal", "ServicePrincipal")])
    func aPrincipalWithoutTheRoleIsGrantedItBeforeTheImport(signedInType: String, principalType: String) throws {
        let run = try Self.deploy([Self.noRole, .init(pattern: "az account show --query user.type --output tsv", output: signedInType)])
        #expect(run.status == 0, "\(run.stderr)")
        let list = "az role assignment list --assignee-object-id \(Self.oid) --role 'Grafana Admin' --scope \(FakeAzure.grafanaID) --include-inherited --include-groups --query '[].id' --output tsv"
        let listed = try #require(run.lines.firstIndex(of: list), "\(run.lines)")
        let created = try #require(run.lines.firstIndex(of: Self.create(principalType)), "\(run.lines)")
        let imported = try #require(run.lines.firstIndex { $0.hasPrefix(Self.importPrefix) })
        #expect(listed < created && created < imported)
        #expect(run.calls.filter { $0.starts(with: ["az", "role", "assignment", "create"]) }.count == 1, "\(run.lines)")
        #expect(!run.stdout.contains(FakeAzure.accessToken()) && !run.stderr.contains(FakeAzure.accessToken()), "the token was logged")
    }

    @Test func aPrincipalThatHasTheRoleIsNotGrantedItAgain() throws {
        let run = try Self.deploy([])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.lines.contains { $0.hasPrefix("az role assignment create") && $0.contains("Grafana Admin") }, "\(run.lines)")
        #expect(run.stdout.contains("= the signed-in principal has role Grafana Admin on Managed Grafana pg-primary-grafana\n"))
        #expect(run.lines.contains { $0.hasPrefix(Self.importPrefix) })
    }

    @Test func aPrincipalThatMayNotGrantTheRoleStopsBeforeTheImport() throws {
        let refused = ScriptHarness.Rule(pattern: "az role assignment create *", status: 1,
                                         output: "stderr:ERROR: (AuthorizationFailed) The client does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write'")
        let run = try Self.deploy([Self.noRole, refused])
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: cannot grant the signed-in principal (\(Self.oid)) the role Grafana Admin on the Managed Grafana \(FakeAzure.grafanaID), which importing CloudNativePG's dashboard needs: it may not assign roles there. Have someone who may (Owner, User Access Administrator or Role Based Access Control Administrator on it) run az role assignment create --assignee-object-id \(Self.oid) --assignee-principal-type User --role 'Grafana Admin' --scope \(FakeAzure.grafanaID), then run deploy.sh again\n"),
                "\(run.stderr)")
        #expect(!run.lines.contains { $0.hasPrefix(Self.importPrefix) })
    }

    /// Azure applies a new role assignment within minutes: an import refused right after the grant says to wait.
    @Test func anImportRefusedAfterTheGrantSaysToWaitAndRunAgain() throws {
        let refused = ScriptHarness.Rule(pattern: "az grafana dashboard import *", status: 1, output: "stderr:ERROR: (403) Forbidden")
        let run = try Self.deploy([Self.noRole, refused])
        #expect(run.status == 1)
        #expect(run.lines.contains(Self.create("User")))
        #expect(run.stderr.contains("ERROR: (403) Forbidden\nerror: cannot import CloudNativePG's dashboard into Managed Grafana pg-primary-grafana (see the error above). A 403 right after deploy.sh granted the role Grafana Admin is Azure applying it: wait a few minutes, then run deploy.sh again\n"),
                "\(run.stderr)")
    }
}
