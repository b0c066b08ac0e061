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
            "3:7 error[PGHA0704] name: the cluster cnpg-database/pg-b of b.yaml is the recovery cluster cnpg-database/pg-b of a.yaml: a restore drill would delete one to restore the other",
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

    /// One name in two namespaces of one AKS cluster and resource group: the cluster-scoped StorageClasses and the
    /// Azure rule group are named after the namespace too, so neither spec takes over the other's.
    @Test func oneNameInTwoNamespacesSharesNoClusterScopedObjectOrRuleGroup() throws {
        let shared = "  resourceGroup: rg\n  aksCluster: aks\nstorage:\n  premiumV2: {}\nmonitoring:\n  managedPrometheus: true\n"
        let yaml = ["team-a", "team-b"].map { TestSupport.spec(shared, name: "db", namespace: $0) }
        #expect(Self.summaries(FleetRules.check(try yaml.map { try Self.member("spec.yaml", $0) })) == [[], []])
        let specs = try yaml.map { try #require(Compiler.check(Array($0.utf8)).spec) }
        #expect(specs.map(StorageClassTranslation.premiumV2ClassName) == ["team-a-db-premium-v2", "team-b-db-premium-v2"])
        #expect(specs.map(\.storage.storageClass) == ["team-a-db-premium-v2", "team-b-db-premium-v2"])
        #expect(specs.map { StorageClassTranslation.premiumV2Performance($0)?.metadata.name }
            == ["team-a-db-premium-v2-3000iops-125mbps", "team-b-db-premium-v2-3000iops-125mbps"])
        #expect(specs.map(AzureAlertRuleSteps.ruleGroupName) == ["team-a-db-alerts", "team-b-db-alerts"])
    }

    @Test func namespaceNamePairsThatJoinAlikeAreReported() throws {
        let shared = "  resourceGroup: rg\n  aksCluster: aks\nstorage:\n  localNVMe: true\nbackup:\n  storageAccount: sharedbackups\n"
        let found = FleetRules.check([
            try Self.member("a.yaml", TestSupport.spec(shared, name: "a-pgdb", namespace: "team")),
            try Self.member("b.yaml", TestSupport.spec(shared, name: "pgdb", namespace: "team-a")),
        ])
        #expect(Self.summaries(found) == [[], [
            "3:7 error[PGHA0702] name: a.yaml and b.yaml both use the StorageClass team-a-pgdb-local-nvme on rg/aks",
        ]])
    }

    @Test func invalidSpecsAreSkipped() throws {
        let found = FleetRules.check([nil, try Self.member("b.yaml", TestSupport.spec(name: "pg-b")), nil])
        #expect(Self.summaries(found) == [[], [], []])
    }

    /// Issue #10, item 4: shop's restore drill deleted the other team's cluster shop-recovered.
    @Test func aRecoveryClusterCannotTakeAnotherSpecsClusterName() throws {
        let backup = "backup:\n  storageAccount: shopbackups\nrecovery: {}\n"
        let found = FleetRules.check([
            try Self.member("shop.yaml", TestSupport.spec(backup, name: "shop")),
            try Self.member("shop-recovered.yaml", TestSupport.spec(name: "shop-recovered")),
            try Self.member("elsewhere.yaml", TestSupport.spec(name: "shop-recovered", namespace: "other")),
        ])
        #expect(Self.summaries(found) == [[], [
            "3:7 error[PGHA0704] name: the cluster cnpg-database/shop-recovered of shop-recovered.yaml is the recovery cluster cnpg-database/shop-recovered of shop.yaml: a restore drill would delete one to restore the other",
        ], []])
        let reversed = FleetRules.check([
            try Self.member("shop-recovered.yaml", TestSupport.spec(name: "shop-recovered")),
            try Self.member("shop.yaml", TestSupport.spec(backup, name: "shop")),
        ])
        #expect(reversed[1].map(\.code) == [.clusterNameTaken])
    }

    /// Issue #10, item 5: twelve specs with backups and recovery on one identity need 24 federated credentials.
    @Test func oneIdentityHoldsAtMostTwentyFederatedCredentials() throws {
        let members = try (1...12).map { index in
            try Self.member("pg-\(index).yaml", TestSupport.spec(
                "backup:\n  storageAccount: sharedbackups\nrecovery: {}\nazure:\n  location: westus3\n  resourceGroup: rg-shared\n  identity:\n    name: shared\n",
                name: "pg-\(index)").replacingOccurrences(of: "azure:\n  location: westus3\nbackup", with: "backup"))
        }
        let found = FleetRules.check(members)
        #expect(found[..<10].allSatisfy { $0.isEmpty })
        #expect(Self.summaries(found)[10] == [
            "3:7 error[PGHA0705] name: the specs up to pg-11.yaml need 22 federated credentials on the identity rg-shared/shared; Azure allows 20",
        ])
        #expect(found[11].map(\.code) == [.tooManyFederatedCredentials])
    }
}
