import Foundation
import Testing
import Yams
@testable import PGHAKit

/// What the rendered Cluster carries for the HA settings of a spec.
@Suite struct ClusterTranslationTests {
    /// The rendered object at `path` of the minimal spec with `extra` added.
    static func object(_ path: String, _ extra: String = "") throws -> [String: Any] {
        let result = TestSupport.compile(TestSupport.spec(extra))
        #expect(result.succeeded, "\(result.diagnostics.map(TestSupport.summary))")
        let artifact = try #require(result.artifacts.first { $0.path == path })
        return try #require(try Yams.load(yaml: artifact.contents) as? [String: Any])
    }

    static func clusterSpec(_ extra: String = "") throws -> [String: Any] {
        try #require(try object("cluster-pg-test.yaml", extra)["spec"] as? [String: Any])
    }

    @Test func zoneSpreadCountsInstancePodsOnly() throws {
        let constraints = try #require(try Self.clusterSpec()["topologySpreadConstraints"] as? [[String: Any]])
        let selector = try #require(constraints.first?["labelSelector"] as? [String: Any])
        #expect(selector["matchLabels"] as? [String: String] == ["cnpg.io/cluster": "pg-test", "cnpg.io/podRole": "instance"])
    }

    @Test func theInstancesTolerateTheNodePoolsTaints() throws {
        let affinity = try #require(try Self.clusterSpec()["affinity"] as? [String: Any])
        #expect(affinity["tolerations"] as? [[String: String]]
            == [["key": "workload", "operator": "Equal", "value": "postgres", "effect": "NoSchedule"]])
        let untainted = try Self.clusterSpec("  nodePool:\n    taints: []\n")["affinity"] as? [String: Any]
        #expect(untainted?["tolerations"] == nil)
    }

    @Test func theRecoveryClustersZoneSpreadCountsItsOwnInstancePodsOnly() throws {
        let cluster = try Self.object("oneoff/cluster-pg-test-recovered.yaml",
                                      "backup:\n  storageAccount: pgtestbackups\nrecovery:\n  instances: 2\n")
        let spec = try #require(cluster["spec"] as? [String: Any])
        let constraints = try #require(spec["topologySpreadConstraints"] as? [[String: Any]])
        let selector = try #require(constraints.first?["labelSelector"] as? [String: Any])
        #expect(selector["matchLabels"] as? [String: String] == ["cnpg.io/cluster": "pg-test-recovered", "cnpg.io/podRole": "instance"])
    }
}

/// Synchronous replication, failover quorum, probes and shutdown, per operator version.
@Suite struct HighAvailabilityTranslationTests {
    static func clusterSpec(_ extra: String) throws -> [String: Any] {
        try ClusterTranslationTests.clusterSpec(extra)
    }

    @Test func synchronousReplicationUsesThePostgresqlStanzaWithFailoverQuorumOnCurrentOperators() throws {
        let spec = try Self.clusterSpec("")
        #expect(spec["minSyncReplicas"] == nil && spec["maxSyncReplicas"] == nil)
        let postgresql = try #require(spec["postgresql"] as? [String: Any])
        let synchronous = try #require(postgresql["synchronous"] as? [String: Any])
        #expect(synchronous["method"] as? String == "any")
        #expect(synchronous["number"] as? Int == 1)
        #expect(synchronous["dataDurability"] as? String == "required")
        #expect(synchronous["failoverQuorum"] as? Bool == true)
    }

    @Test func operator127GetsTheFailoverQuorumAnnotationInsteadOfTheField() throws {
        let cluster = try ClusterTranslationTests.object("cluster-pg-test.yaml", "operator:\n  version: \"1.27\"\n")
        let metadata = try #require(cluster["metadata"] as? [String: Any])
        #expect(metadata["annotations"] as? [String: String] == ["alpha.cnpg.io/failoverQuorum": "true"])
        let spec = try #require(cluster["spec"] as? [String: Any])
        let synchronous = try #require((spec["postgresql"] as? [String: Any])?["synchronous"] as? [String: Any])
        #expect(synchronous["failoverQuorum"] == nil)
    }

    @Test func preferredDurabilityTurnsFailoverQuorumOffByDefault() throws {
        let spec = try Self.clusterSpec("replication:\n  syncReplicas: 2\n  syncMethod: first\n  dataDurability: preferred\n")
        let synchronous = try #require((spec["postgresql"] as? [String: Any])?["synchronous"] as? [String: Any])
        #expect(synchronous["method"] as? String == "first")
        #expect(synchronous["number"] as? Int == 2)
        #expect(synchronous["dataDurability"] as? String == "preferred")
        #expect(synchronous["failoverQuorum"] == nil)
    }

    @Test func asynchronousReplicationRendersNoSynchronousStanza() throws {
        let spec = try Self.clusterSpec("instances: 1\n")
        #expect((spec["postgresql"] as? [String: Any])?["synchronous"] == nil)
    }

    @Test func delaysDefaultToCloudNativePGsAndTheStartupProbeStreams() throws {
        let spec = try Self.clusterSpec("")
        #expect(spec["startDelay"] as? Int == 3600)
        #expect(spec["stopDelay"] as? Int == 1800)
        #expect(spec["smartShutdownTimeout"] as? Int == 180)
        let probes = try #require(spec["probes"] as? [String: Any])
        #expect(probes["startup"] as? [String: String] == ["type": "streaming", "maximumLag": "32Mi"])
        #expect(probes["readiness"] == nil)
    }

    @Test func aReadinessLagBoundMakesTheReadinessProbeStream() throws {
        let spec = try Self.clusterSpec("replication:\n  readinessMaximumLag: 64Mi\n")
        let probes = try #require(spec["probes"] as? [String: Any])
        #expect(probes["readiness"] as? [String: String] == ["type": "streaming", "maximumLag": "64Mi"])
    }

    @Test func operator125GetsNoProbeStrategy() throws {
        let spec = try Self.clusterSpec("operator:\n  version: \"1.25\"\n")
        #expect(spec["probes"] == nil)
        #expect(spec["smartShutdownTimeout"] as? Int == 180)
    }
}

/// The PgBouncer Poolers and their PodMonitors.
@Suite struct PoolerTranslationTests {
    @Test func aReadWritePoolerWithResourcesZoneSpreadAndItsPodMonitor() throws {
        let pooler = try ClusterTranslationTests.object("pooler-pg-test-pooler-rw.yaml", "pooler:\n  parameters:\n    max_client_conn: \"500\"\n")
        let spec = try #require(pooler["spec"] as? [String: Any])
        #expect(spec["type"] as? String == "rw")
        #expect(spec["instances"] as? Int == 2)
        #expect((spec["cluster"] as? [String: String]) == ["name": "pg-test"])
        #expect((spec["pgbouncer"] as? [String: Any])?["poolMode"] as? String == "transaction")
        #expect((spec["pgbouncer"] as? [String: Any])?["parameters"] as? [String: String] == ["max_client_conn": "500"])
        let podSpec = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        let container = try #require((podSpec["containers"] as? [[String: Any]])?.first)
        #expect(container["name"] as? String == "pgbouncer")
        #expect((container["resources"] as? [String: Any])?["limits"] as? [String: String] == ["cpu": "500m", "memory": "256Mi"])
        let spread = try #require((podSpec["topologySpreadConstraints"] as? [[String: Any]])?.first)
        #expect(spread["whenUnsatisfiable"] as? String == "ScheduleAnyway")
        #expect((spread["labelSelector"] as? [String: Any])?["matchLabels"] as? [String: String] == ["cnpg.io/poolerName": "pg-test-pooler-rw"])
        #expect(spec["serviceTemplate"] == nil)
        let monitor = try ClusterTranslationTests.object("podmonitor-pg-test-pooler-rw.yaml", "pooler: {}\n")
        let selector = try #require((monitor["spec"] as? [String: Any])?["selector"] as? [String: Any])
        #expect(selector["matchLabels"] as? [String: String] == ["cnpg.io/poolerName": "pg-test-pooler-rw"])
    }

    @Test func deployNamesThePoolerEndpoints() throws {
        let spec = try #require(TestSupport.compile(TestSupport.spec("pooler:\n  readOnly: true\n")).spec)
        let script = try #require(ScriptTranslation.scripts(spec, specFileName: nil).first { $0.fileName == DeployScriptTranslation.fileName })
        let rendered = BashRenderer.render(script)
        #expect(rendered.contains("log \"PgBouncer read-write, inside AKS: pg-test-pooler-rw.$NAMESPACE.svc:5432\""))
        #expect(rendered.contains("log \"PgBouncer read-only, inside AKS:  pg-test-pooler-ro.$NAMESPACE.svc:5432\""))
    }

    @Test func anExposedReadOnlyPoolerGetsALoadBalancerWithItsOwnDNSLabel() throws {
        let pooler = try ClusterTranslationTests.object("pooler-pg-test-pooler-ro.yaml",
                                                        "pooler:\n  readOnly: true\n  expose:\n    allowedSourceRanges: [203.0.113.7/32]\n    dnsLabel: pgpool\n")
        let spec = try #require(pooler["spec"] as? [String: Any])
        #expect(spec["type"] as? String == "ro")
        let template = try #require(spec["serviceTemplate"] as? [String: Any])
        #expect((template["metadata"] as? [String: Any])?["annotations"] as? [String: String]
            == ["service.beta.kubernetes.io/azure-dns-label-name": "pgpool-ro"])
        let serviceSpec = try #require(template["spec"] as? [String: Any])
        #expect(serviceSpec["type"] as? String == "LoadBalancer")
        #expect(serviceSpec["loadBalancerSourceRanges"] as? [String] == ["203.0.113.7/32"])
    }
}

/// Managed roles, their password Secrets, and Database objects.
@Suite struct RoleTranslationTests {
    static let extra = "roles:\n  reporting:\n    inRoles: [pg_read_all_data]\n  read_only:\n    login: false\ndatabases:\n  analytics:\n    owner: reporting\n    extensions: [pg_trgm]\n"

    @Test func onOperator130RolesBecomeDatabaseRoles() throws {
        #expect(try ClusterTranslationTests.clusterSpec(Self.extra)["managed"] == nil)
        let role = try ClusterTranslationTests.object("databaserole-pg-test-reporting.yaml", Self.extra)
        let spec = try #require(role["spec"] as? [String: Any])
        #expect((spec["cluster"] as? [String: String]) == ["name": "pg-test"])
        #expect(spec["name"] as? String == "reporting")
        #expect(spec["passwordSecret"] as? [String: String] == ["name": "pg-test-role-reporting"])
        #expect(spec["inRoles"] as? [String] == ["pg_read_all_data"])
        let readOnly = try ClusterTranslationTests.object("databaserole-pg-test-read-only.yaml", Self.extra)
        #expect((readOnly["spec"] as? [String: Any])?["passwordSecret"] == nil)
    }

    @Test func beforeOperator130RolesBecomeManagedRolesWithPasswordSecretsForLogins() throws {
        let managed = try #require(try ClusterTranslationTests.clusterSpec("operator:\n  version: \"1.29\"\n" + Self.extra)["managed"] as? [String: Any])
        let roles = try #require(managed["roles"] as? [[String: Any]])
        #expect(roles.map { $0["name"] as? String } == ["read_only", "reporting"])
        #expect(roles[0]["passwordSecret"] == nil && roles[0]["login"] as? Bool == false)
        #expect(roles[1]["passwordSecret"] as? [String: String] == ["name": "pg-test-role-reporting"])
        #expect(roles[1]["inRoles"] as? [String] == ["pg_read_all_data"])
        #expect(roles[1]["connectionLimit"] as? Int == -1)
    }

    @Test func databasesBecomeDatabaseObjects() throws {
        let database = try ClusterTranslationTests.object("database-pg-test-analytics.yaml", Self.extra)
        let spec = try #require(database["spec"] as? [String: Any])
        #expect(spec["name"] as? String == "analytics")
        #expect(spec["owner"] as? String == "reporting")
        #expect((spec["cluster"] as? [String: String]) == ["name": "pg-test"])
        #expect(spec["extensions"] as? [[String: String]] == [["name": "pg_trgm", "ensure": "present"]])
    }

    @Test func deployGeneratesAPasswordSecretOnlyForRolesThatLogIn() throws {
        let spec = try #require(TestSupport.compile(TestSupport.spec(Self.extra)).spec)
        let script = try #require(ScriptTranslation.scripts(spec, specFileName: nil).first { $0.fileName == DeployScriptTranslation.fileName })
        let rendered = BashRenderer.render(script)
        #expect(rendered.contains("create secret generic pg-test-role-reporting"))
        #expect(rendered.contains("--from-literal=username=reporting"))
        #expect(!rendered.contains("pg-test-role-read-only"))
    }
}

/// The Premium SSD v2 StorageClass, the VolumeAttributesClass of its performance, and the volumes that use them.
@Suite struct StorageClassTranslationTests {
    static let premiumV2 = "storage:\n  wal:\n    size: 16Gi\n  premiumV2:\n    iops: 5000\n    throughputMBps: 200\n"

    @Test func premiumV2PerformanceIsAVolumeAttributesClassTheVolumesName() throws {
        let storageClass = try ClusterTranslationTests.object("storageclass-cnpg-database-pg-test-premium-v2.yaml", Self.premiumV2)
        #expect(storageClass["provisioner"] as? String == "disk.csi.azure.com")
        #expect(storageClass["volumeBindingMode"] as? String == "WaitForFirstConsumer")
        #expect(storageClass["parameters"] as? [String: String]
            == ["skuName": "PremiumV2_LRS", "cachingMode": "None", "DiskIOPSReadWrite": "3000", "DiskMBpsReadWrite": "125"])
        #expect((storageClass["metadata"] as? [String: Any])?["namespace"] == nil)
        let performance = try ClusterTranslationTests.object("volumeattributesclass-cnpg-database-pg-test-premium-v2-5000iops-200mbps.yaml", Self.premiumV2)
        #expect(performance["apiVersion"] as? String == "storage.k8s.io/v1")
        #expect(performance["driverName"] as? String == "disk.csi.azure.com")
        #expect(performance["parameters"] as? [String: String] == ["DiskIOPSReadWrite": "5000", "DiskMBpsReadWrite": "200"])
        let spec = try ClusterTranslationTests.clusterSpec(Self.premiumV2)
        for volume in ["storage", "walStorage"] {
            let template = try #require((spec[volume] as? [String: Any])?["pvcTemplate"] as? [String: Any])
            #expect(template["storageClassName"] as? String == "cnpg-database-pg-test-premium-v2")
            #expect(template["volumeAttributesClassName"] as? String == "cnpg-database-pg-test-premium-v2-5000iops-200mbps")
        }
    }

    @Test func aWALVolumeOfAnotherClassNamesNoVolumeAttributesClass() throws {
        let spec = try ClusterTranslationTests.clusterSpec("storage:\n  wal:\n    size: 16Gi\n    storageClass: managed-csi-premium\n  premiumV2: {}\n")
        let template = try #require((spec["walStorage"] as? [String: Any])?["pvcTemplate"] as? [String: Any])
        #expect(template["storageClassName"] as? String == "managed-csi-premium")
        #expect(template["volumeAttributesClassName"] == nil)
    }

    @Test func beforeKubernetes134TheStorageClassCarriesThePerformance() throws {
        let extra = "  kubernetesVersion: \"1.33\"\noperator:\n  version: \"1.29\"\n" + Self.premiumV2
        let storageClass = try ClusterTranslationTests.object("storageclass-cnpg-database-pg-test-premium-v2.yaml", extra)
        #expect(storageClass["parameters"] as? [String: String]
            == ["skuName": "PremiumV2_LRS", "cachingMode": "None", "DiskIOPSReadWrite": "5000", "DiskMBpsReadWrite": "200"])
        let paths = Compiler.compile(Array(TestSupport.spec(extra).utf8)).artifacts.map(\.path)
        #expect(!paths.contains { $0.hasPrefix("volumeattributesclass-") })
        let template = try #require((try ClusterTranslationTests.clusterSpec(extra)["storage"] as? [String: Any])?["pvcTemplate"] as? [String: Any])
        #expect(template["volumeAttributesClassName"] == nil)
    }
}
