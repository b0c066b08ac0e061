import Testing
@testable import PGHAKit

/// Azure settings that Azure or deploy.sh would trip over are refused before anything is deployed.
@Suite struct AzureValidationTests {
    @Test func theNodePoolCannotShareTheSystemPoolsName() {
        let yaml = TestSupport.spec() + "  nodePool:\n    name: systempool\n"
        #expect(TestSupport.errors(yaml) == [
            "7:11 error[PGHA0418] azure.nodePool.name: the PostgreSQL node pool cannot be named 'systempool' like the system pool",
        ])
    }

    @Test func anEmptyZoneListIsRefusedForSeveralInstances() {
        #expect(TestSupport.errors(adding: "zones: []\n") == [
            "6:1 error[PGHA0419] zones: 'zones' lists no zone: the 3 instances would not be spread across zones",
        ])
        #expect(TestSupport.errors(adding: "instances: 1\nreplication: {syncReplicas: 0}\nzones: []\n") == [])
    }

    @Test func anUnknownRegionIsRefusedWithASuggestion() {
        let mars = "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-test\nazure:\n  location: mars\n"
        #expect(TestSupport.errors(mars) == ["5:13 error[PGHA0421] azure.location: 'mars' is not an Azure public region"])
        let typo = mars.replacingOccurrences(of: "mars", with: "wetsus3")
        #expect(TestSupport.hint(typo, code: .unknownAzureRegion) == "did you mean 'westus3'?")
    }

    @Test func aDisplayNameGetsOneErrorNamingTheRegion() {
        let yaml = "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-test\nazure:\n  location: West US 3\n"
        #expect(TestSupport.errors(yaml) == ["5:13 error[PGHA0414] azure.location: 'West US 3' is not an Azure region name"])
        #expect(TestSupport.hint(yaml, code: .invalidAzureValue) == "did you mean 'westus3'?")
    }

    @Test func aTagNameWithAnEqualsSignIsRefusedAtTheKey() {
        #expect(TestSupport.errors(TestSupport.spec() + "  tags:\n    a=b: c\n") == [
            "7:5 error[PGHA0414] azure.tags.a=b: the tag name 'a=b' contains '=', which `az --tags name=value` reads as the end of the name",
        ])
    }

    @Test func aClusterNameTooLongForTheDerivedNodeResourceGroupIsReportedOnceAtTheName() {
        let name = "pg-" + String(repeating: "a", count: 33)
        let yaml = "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: \(name)\nazure:\n  location: westus3\n"
        #expect(TestSupport.errors(yaml) == [
            "3:7 error[PGHA0101] name: the cluster name '\(name)' has 36 characters; the Azure names derived from it allow at most 35",
        ])
        #expect(TestSupport.errors(yaml.replacingOccurrences(of: name, with: String(name.dropLast()))) == [])
        let longRegion = yaml.replacingOccurrences(of: "westus3", with: "germanywestcentral").replacingOccurrences(of: name, with: "pg-" + String(repeating: "a", count: 28))
        #expect(TestSupport.errors(longRegion) == [
            "3:7 error[PGHA0101] name: the cluster name 'pg-\(String(repeating: "a", count: 28))' has 31 characters; the Azure names derived from it allow at most 30",
        ])
    }

    @Test func anExplicitNodeResourceGroupLiftsTheBound() {
        let name = "pg-" + String(repeating: "a", count: 45)
        let yaml = "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: \(name)\nazure:\n  location: westus3\n  nodeResourceGroup: mc-pg\n"
        #expect(TestSupport.errors(yaml) == [])
    }
}
