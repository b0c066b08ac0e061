import Foundation
import Testing
@testable import PGHAKit

/// The rules that span a fleet's specs, checked on specs alone, without rendering them.
@Suite struct FleetRulesTests {
    static func member(_ path: String, _ yaml: String) throws -> FleetRules.Member {
        let checked = Compiler.check(Array(yaml.utf8))
        #expect(!checked.diagnostics.containsErrors, "\(checked.diagnostics.map(TestSupport.summary))")
        return FleetRules.Member(path: path, spec: try #require(checked.spec))
    }

    static func summaries(_ diagnostics: [[Diagnostic]]) -> [[String]] {
        diagnostics.map { $0.map(TestSupport.summary) }
    }

    @Test func aSecondSpecWithTheSameTargetIsReportedOnTheLaterSpecOnly() throws {
        let found = FleetRules.check([
            try Self.member("a.yaml", TestSupport.spec(name: "pg-a")),
            try Self.member("b.yaml", TestSupport.spec(name: "pg-b")),
            try Self.member("c.yaml", TestSupport.spec(name: "pg-a")),
        ])
        #expect(Self.summaries(found) == [[], [], [
            "3:7 error[PGHA0701] name: a.yaml and c.yaml both render to cnpg-database/pg-a/",
        ]])
    }

    @Test func clustersSharingAnIdentityNeedDistinctFederatedCredentials() throws {
        let backup = "backup:\n  storageAccount: sharedbackups\nrecovery:\n  name: pg-b\nazure:\n  location: westus3\n  resourceGroup: rg\n  identity:\n    name: shared-identity\n"
        let head = "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\n"
        let found = FleetRules.check([
            try Self.member("a.yaml", head + "name: pg-a\n" + backup),
            try Self.member("b.yaml", head + "name: pg-b\n" + backup.replacingOccurrences(of: "name: pg-b", with: "name: pg-c")),
        ])
        #expect(Self.summaries(found) == [[], [
            "3:7 error[PGHA0702] name: a.yaml and b.yaml both use the federated credential 'pg-b' of the identity rg/shared-identity",
        ]])
    }

    @Test func clustersInOneNamespaceNeedDistinctObjectStores() throws {
        let backup = "  resourceGroup: rg\n  aksCluster: aks\nbackup:\n  storageAccount: sharedbackups\n  objectStore: shared-store\n"
        let found = FleetRules.check([
            try Self.member("a.yaml", TestSupport.spec(backup, name: "pg-a")),
            try Self.member("b.yaml", TestSupport.spec(backup, name: "pg-b")),
            try Self.member("c.yaml", TestSupport.spec(backup, name: "pg-c", namespace: "other")),
        ])
        #expect(Self.summaries(found) == [[], [
            "3:7 error[PGHA0702] name: a.yaml and b.yaml both use the ObjectStore cnpg-database/shared-store on rg/aks",
        ], []])
    }

    @Test func invalidSpecsAreSkipped() throws {
        let found = FleetRules.check([nil, try Self.member("b.yaml", TestSupport.spec(name: "pg-b")), nil])
        #expect(Self.summaries(found) == [[], [], []])
    }
}
