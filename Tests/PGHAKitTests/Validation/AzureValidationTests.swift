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

    /// A warning: in a region without availability zones, nodes are all several instances can be spread across.
    @Test func anEmptyZoneListWarnsForSeveralInstances() {
        #expect(TestSupport.errors(adding: "zones: []\n") == [])
        #expect(TestSupport.diagnostics(TestSupport.spec("zones: []\n"), codes: .noZones) == [
            "6:1 warning[PGHA0419] zones: 'zones' lists no zone: the 3 instances are not spread across zones, so a zone's outage can take them all",
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
        // AKS refuses a node resource group longer than 80 characters: MC_rg-<name>_aks-<name>_westus3 fits 30.
        let name = "pg-" + String(repeating: "a", count: 28)
        let yaml = "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: \(name)\nazure:\n  location: westus3\n"
        #expect(TestSupport.errors(yaml) == [
            "3:7 error[PGHA0101] name: the cluster name '\(name)' has 31 characters; the Azure names derived from it allow at most 30",
        ])
        #expect(TestSupport.hint(yaml, code: .invalidClusterName)?.contains("the node resource group MC_<resourceGroup>_<aksCluster>_westus3 ('azure.nodeResourceGroup', at most 80 characters)") == true)
        #expect(TestSupport.errors(yaml.replacingOccurrences(of: name, with: String(name.dropLast()))) == [])
        let longRegion = yaml.replacingOccurrences(of: "westus3", with: "germanywestcentral").replacingOccurrences(of: name, with: "pg-" + String(repeating: "a", count: 23))
        #expect(TestSupport.errors(longRegion) == [
            "3:7 error[PGHA0101] name: the cluster name 'pg-\(String(repeating: "a", count: 23))' has 26 characters; the Azure names derived from it allow at most 25",
        ])
        let written = TestSupport.spec("  nodeResourceGroup: mc-" + String(repeating: "x", count: 78) + "\n")
        #expect(TestSupport.errors(written) == [
            "6:22 error[PGHA0401] azure.nodeResourceGroup: 'mc-\(String(repeating: "x", count: 78))' is not a valid node resource group name",
        ])
        #expect(TestSupport.hint(written, code: .invalidResourceGroupName)?.contains("1 to 80 letters") == true)
        #expect(TestSupport.errors(TestSupport.spec("  nodeResourceGroup: mc-" + String(repeating: "x", count: 77) + "\n")) == [])
    }

    /// AKS creates the node resource group; the cluster's own resource group exists already.
    @Test func theNodeResourceGroupIsNotTheClustersResourceGroup() {
        #expect(TestSupport.errors(TestSupport.spec("  resourceGroup: rg-orders\n  nodeResourceGroup: RG-Orders\n")) == [
            "7:22 error[PGHA0017] azure.nodeResourceGroup: the node resource group is the resource group 'rg-orders': AKS creates the node resource group itself and refuses one that exists",
        ])
    }

    @Test func anExplicitNodeResourceGroupLiftsTheBound() {
        let name = "pg-" + String(repeating: "a", count: 45)
        let yaml = "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: \(name)\nazure:\n  location: westus3\n  nodeResourceGroup: mc-pg\n"
        #expect(TestSupport.errors(yaml) == [])
    }

    /// The issue: the AKS API server is open unless azure.authorizedIPRanges is set; validate says so, as a note.
    @Test func anOpenAPIServerIsANoteSayingHowToFindYourAddress() {
        #expect(TestSupport.diagnostics(TestSupport.spec(), codes: .openAPIServer) == [
            "4:1 note[PGHA0440] azure: the AKS API server accepts connections from any address on the internet: azure.authorizedIPRanges is not set",
        ])
        #expect(TestSupport.hint(TestSupport.spec(), code: .openAPIServer)
                == "list the addresses kubectl and pgha's scripts run from, such as your public address as a /32 (curl -s https://ifconfig.me prints it)")
        #expect(Compiler.check(Array(TestSupport.spec(TestSupport.closedAPIServer).utf8)).diagnostics == [])
    }

    /// The AKS cluster's identity and the database's workload identity are separate by default; naming one identity
    /// for both is a warning, as the database pods would hold the cluster's network rights.
    @Test func oneIdentityForTheClusterAndTheDatabaseIsAWarning() {
        let backup = "backup:\n  storageAccount: pgtestbackups\n"
        #expect(TestSupport.diagnostics(TestSupport.spec(backup)) == [])
        let shared = TestSupport.spec("  controlPlaneIdentity:\n    name: pg-test-identity\n" + backup)
        #expect(TestSupport.diagnostics(shared) == [
            "7:11 warning[PGHA0441] azure.controlPlaneIdentity.name: the AKS cluster's identity is the workload identity 'pg-test-identity': the database pods would hold its rights, Network Contributor on the node resource group included",
        ])
        #expect(TestSupport.hint(shared, code: .sharedIdentity) == "give azure.controlPlaneIdentity another name (default: <aksCluster>-identity)")
        #expect(TestSupport.errors(adding: "  controlPlaneIdentity:\n    name: a.b\n") == [
            "7:11 error[PGHA0404] azure.controlPlaneIdentity.name: 'a.b' is not a valid managed identity name",
        ])
        #expect(TestSupport.errors(adding: "  aksCluster: a.b\n") == [
            "6:15 error[PGHA0402] azure.aksCluster: 'a.b' is not a valid AKS cluster name",
        ], "a bad AKS cluster name is not reported again on the identity named after it")
    }
}
