import Testing
@testable import PGHAKit

/// The impact of changing the HA settings and day-2 objects of issue #13, each from a pair of specs.
@Suite struct DayTwoImpactTests {
    static func impacts(_ old: String, _ new: String) throws -> [String] {
        try ImpactClassifierTests.impacts(old, new)
    }

    static let restartOrder = ImpactClassifier.restartOrder
    static let cluster = "cnpg-database/pg-test"
    static let backup = "backup:\n  storageAccount: pgtestbackups\n"

    @Test func tolerationsRestartTheInstancesAndPoolTaintsAreForDeploy() throws {
        #expect(try Self.impacts("", "  nodePool:\n    taints: [\"workload=postgres:NoSchedule\", \"dedicated=db:NoExecute\"]\n") == [
            "impact: restart: \(Self.cluster): tolerations: [workload=postgres:NoSchedule] -> [workload=postgres:NoSchedule, dedicated=db:NoExecute]: every instance's pod is recreated with the new tolerations, \(Self.restartOrder)",
            "impact: no-effect: \(Self.cluster): azure.nodePool.taints: [workload=postgres:NoSchedule] -> [workload=postgres:NoSchedule, dedicated=db:NoExecute]: deploy.sh replaces the PostgreSQL node pool's taints when it runs; instances that tolerate them are not touched, pods that do not are no longer scheduled there (and a NoExecute taint evicts them)",
        ])
    }

    @Test func probesAndDelaysRestartTheInstances() throws {
        let pods = "the instances' probes and shutdown timing are part of their pods; every instance's pod is recreated, \(Self.restartOrder)"
        #expect(try Self.impacts("", "replication:\n  startDelay: 7200\n  stopDelay: 900\n  smartShutdownTimeout: 60\n  startupMaximumLag: 64Mi\n  readinessMaximumLag: 1Gi\n") == [
            "impact: restart: \(Self.cluster): replication.readinessMaximumLag: (unset) -> 1Gi: \(pods)",
            "impact: restart: \(Self.cluster): replication.startDelay: 3600 -> 7200: \(pods)",
            "impact: restart: \(Self.cluster): replication.startupMaximumLag: 32Mi -> 64Mi: \(pods)",
            "impact: restart: \(Self.cluster): replication.stopDelay: 1800 -> 900: \(pods)",
            "impact: online: \(Self.cluster): replication.smartShutdownTimeout: 180 -> 60: the instance managers read it from the Cluster when they next stop PostgreSQL; no restart",
        ])
    }

    @Test func replicationSlotsChangeOnline() throws {
        #expect(try Self.impacts("", "replication:\n  highAvailabilitySlots: false\n  slotUpdateInterval: 10\n") == [
            "impact: online: \(Self.cluster): replication.highAvailabilitySlots: true -> false: the instance managers create, drop or update the standbys' replication slots online, no restart",
            "impact: online: \(Self.cluster): replication.slotUpdateInterval: 30 -> 10: the instance managers create, drop or update the standbys' replication slots online, no restart",
        ])
    }

    @Test func synchronousSettingsChangeHowCommitsWait() throws {
        #expect(try Self.impacts("", "replication:\n  dataDurability: preferred\n") == [
            "impact: sync-replication: \(Self.cluster): replication.dataDurability: required -> preferred: how commits wait for standbys, and whether a failover waits for a quorum of them, changes",
            "impact: sync-replication: \(Self.cluster): replication.failoverQuorum: true -> false: how commits wait for standbys, and whether a failover waits for a quorum of them, changes",
        ])
    }

    @Test func premiumV2IsAStorageClassWhosePerformanceChangesOnlineFromKubernetes134() throws {
        #expect(try Self.impacts("", "storage:\n  premiumV2: {}\n") == [
            "impact: storage-class: \(Self.cluster): storage.premiumV2: Premium SSD v2 volumes: the StorageClass cnpg-database-pg-test-premium-v2 is added, but existing volumes keep their class; only volumes created from now on are Premium SSD v2; CloudNativePG also names the Premium SSD v2 VolumeAttributesClass on the existing volumes, whose Premium SSD disks cannot take its IOPS and throughput (their claims report the modification failing)",
            "impact: storage-class: \(Self.cluster): storage.storageClass: managed-csi-premium -> cnpg-database-pg-test-premium-v2: the class of an existing volume cannot change; only volumes created from now on get it",
        ])
        #expect(try Self.impacts("storage:\n  premiumV2: {}\n", "storage:\n  premiumV2:\n    iops: 6000\n    throughputMBps: 250\n") == [
            "impact: online: \(Self.cluster): storage.premiumV2.iops: 3000 -> 6000: the disks change performance online: CloudNativePG moves every volume to the new VolumeAttributesClass and the Azure Disk CSI driver updates each disk; no restart",
            "impact: online: \(Self.cluster): storage.premiumV2.throughputMBps: 125 -> 250: the disks change performance online: CloudNativePG moves every volume to the new VolumeAttributesClass and the Azure Disk CSI driver updates each disk; no restart",
        ])
        let kubernetes133 = "  kubernetesVersion: \"1.33\"\noperator:\n  version: \"1.29\"\n"
        #expect(try Self.impacts(kubernetes133 + "storage:\n  premiumV2: {}\n", kubernetes133 + "storage:\n  premiumV2:\n    iops: 6000\n") == [
            "impact: storage-class: \(Self.cluster): storage.premiumV2.iops: 3000 -> 6000: a StorageClass's parameters cannot change, so applying it fails until the StorageClass is deleted and applied again; existing disks keep their performance (change it with az disk update)",
        ])
        let fast = "storage:\n  premiumV2:\n    iops: 6000\n"
        #expect(try Self.impacts(kubernetes133 + fast, "  kubernetesVersion: \"1.34\"\noperator:\n  version: \"1.29\"\n" + fast) == [
            "impact: storage-class: \(Self.cluster): azure.kubernetesVersion: 1.33 -> 1.34: the Premium SSD v2 StorageClass's parameters change from 6000 IOPS, 125 MB/s to 3000 IOPS, 125 MB/s (Kubernetes 1.34 and later keep the performance in a VolumeAttributesClass), which Kubernetes refuses: delete the StorageClass cnpg-database-pg-test-premium-v2 before applying",
            "impact: unclassified: \(Self.cluster): azure.kubernetesVersion: 1.33 -> 1.34: pgha cannot tell what CloudNativePG does with this change",
        ])
        #expect(try Self.impacts(kubernetes133 + "storage:\n  premiumV2: {}\n", "  kubernetesVersion: \"1.34\"\noperator:\n  version: \"1.29\"\nstorage:\n  premiumV2: {}\n")
            .allSatisfy { !$0.contains("storage-class") })
        #expect(try Self.impacts("storage:\n  premiumV2: {}\n", "")[0] ==
            "impact: storage-class: \(Self.cluster): storage.premiumV2: no more Premium SSD v2: existing volumes stay Premium SSD v2; only volumes created from now on get the new class")
    }

    @Test func localNVMeOnlyAppliesToNewVolumes() throws {
        #expect(try Self.impacts(Self.backup, Self.backup + "storage:\n  localNVMe: true\n") == [
            "impact: storage-class: \(Self.cluster): storage.localNVMe: false -> true: local NVMe: deploy.sh enables Azure Container Storage and the StorageClass is added, but existing volumes keep their class; only volumes created from now on are local, and lost with their node",
            "impact: storage-class: \(Self.cluster): storage.storageClass: managed-csi-premium -> cnpg-database-pg-test-local-nvme: the class of an existing volume cannot change; only volumes created from now on get it",
        ])
    }

    @Test func poolersAddedRemovedAndExposed() throws {
        #expect(try Self.impacts("", "pooler: {}\n") == [
            "impact: online: \(Self.cluster): pooler: PgBouncer poolers are added (Services pg-test-pooler-rw); the instances are not touched",
        ])
        #expect(try Self.impacts("pooler:\n  readOnly: true\n", "") == [
            "impact: exposure-reduced: \(Self.cluster): pooler: the PgBouncer poolers are removed: clients connecting through pg-test-pooler-rw, pg-test-pooler-ro lose their endpoint",
        ])
        #expect(try Self.impacts("", "pooler:\n  expose:\n    allowedSourceRanges: [203.0.113.0/24]\n") == [
            "impact: exposure: \(Self.cluster): pooler: PgBouncer poolers are added, with public LoadBalancer Services open to [203.0.113.0/24]: review for security",
        ])
        #expect(try Self.impacts("pooler: {}\n", "pooler:\n  readOnly: true\n") == [
            "impact: online: \(Self.cluster): pooler.readOnly: false -> true: a read-only pooler is added in front of the standbys",
        ])
        #expect(try Self.impacts("pooler:\n  readOnly: true\n", "pooler: {}\n") == [
            "impact: exposure-reduced: \(Self.cluster): pooler.readOnly: true -> false: the read-only pooler is removed: its clients lose their endpoint",
        ])
    }

    @Test func poolerSettingsReloadRestartOrScalePgBouncerOnly() throws {
        #expect(try Self.impacts("pooler: {}\n", "pooler:\n  instances: 3\n  poolMode: session\n  parameters:\n    max_client_conn: \"500\"\n  resources:\n    memory: 512Mi\n") == [
            "impact: restart: \(Self.cluster): pooler.resources.memory: 256Mi -> 512Mi: every PgBouncer pod is recreated, one at a time, and its clients reconnect; PostgreSQL does not restart",
            "impact: reload: \(Self.cluster): pooler.parameters.max_client_conn: (unset) -> 500: PgBouncer reloads its configuration, its connections stay",
            "impact: reload: \(Self.cluster): pooler.poolMode: transaction -> session: PgBouncer reloads its configuration, its connections stay",
            "impact: scale: \(Self.cluster): pooler.instances: 2 -> 3: PgBouncer pods are added or removed; a removed pod's clients reconnect",
        ])
    }

    @Test func poolerExposureWidenedNarrowedRenamedAndRemoved() throws {
        let exposed = "pooler:\n  expose:\n    allowedSourceRanges: [203.0.113.0/24]\n    dnsLabel: pgtest\n"
        #expect(try Self.impacts("pooler: {}\n", exposed) == [
            "impact: exposure: \(Self.cluster): pooler.expose: the poolers get public LoadBalancer Services open to [203.0.113.0/24]: review for security",
        ])
        #expect(try Self.impacts(exposed, "pooler: {}\n") == [
            "impact: exposure-reduced: \(Self.cluster): pooler.expose: the poolers' public Services become internal: clients outside the AKS cluster lose access",
        ])
        #expect(try Self.impacts(exposed, "pooler:\n  expose:\n    allowedSourceRanges: [203.0.113.0/24, 198.51.100.0/24]\n    dnsLabel: pgtest2\n") == [
            "impact: exposure: \(Self.cluster): pooler.expose.allowedSourceRanges: [203.0.113.0/24] -> [203.0.113.0/24, 198.51.100.0/24]: the poolers are now also open to 198.51.100.0/24: review for security",
            "impact: exposure-reduced: \(Self.cluster): pooler.expose.dnsLabel: pgtest -> pgtest2: the poolers' public DNS name changes; clients using the old name lose access",
        ])
        #expect(try Self.impacts(exposed, "pooler:\n  expose:\n    allowedSourceRanges: [203.0.113.0/25]\n    dnsLabel: pgtest\n") == [
            "impact: exposure: \(Self.cluster): pooler.expose.allowedSourceRanges: [203.0.113.0/24] -> [203.0.113.0/25]: the poolers are now also open to 203.0.113.0/25: review for security",
        ])
    }

    @Test func rolesCreatedDroppedFromManagementAndAltered() throws {
        #expect(try Self.impacts("", "roles:\n  reporting: {}\n  auditor:\n    login: false\n") == [
            "impact: online: \(Self.cluster): roles.auditor: CloudNativePG creates the role auditor online",
            "impact: exposure: \(Self.cluster): roles.reporting: CloudNativePG creates the role reporting online, which may log in with the password deploy.sh generates: review for security",
        ])
        #expect(try Self.impacts("roles:\n  reporting: {}\n", "") == [
            "impact: online: \(Self.cluster): roles.reporting: CloudNativePG stops managing the role reporting; the role and its grants stay in PostgreSQL (drop it yourself if it should go)",
        ])
        #expect(try Self.impacts("roles:\n  reporting:\n    inRoles: [pg_read_all_data]\n",
                                 "roles:\n  reporting:\n    login: false\n    connectionLimit: 5\n    inRoles: [pg_read_all_data, pg_write_all_data]\n") == [
            "impact: online: \(Self.cluster): roles.reporting.connectionLimit: -1 -> 5: CloudNativePG alters the role online; connections over a lower limit stay, new ones are refused",
            "impact: exposure: \(Self.cluster): roles.reporting.inRoles: [pg_read_all_data] -> [pg_read_all_data, pg_write_all_data]: the role reporting gains the privileges of pg_write_all_data: review for security",
            "impact: exposure-reduced: \(Self.cluster): roles.reporting.login: true -> false: the role reporting may no longer log in; its clients lose access",
        ])
        #expect(try Self.impacts("roles:\n  reporting:\n    login: false\n    inRoles: [pg_read_all_data]\n", "roles:\n  reporting: {}\n") == [
            "impact: exposure: \(Self.cluster): roles.reporting.login: false -> true: the role reporting may now log in: review for security",
            "impact: exposure-reduced: \(Self.cluster): roles.reporting.inRoles: [pg_read_all_data] -> []: the role reporting loses privileges; its clients may lose access",
        ])
    }

    @Test func databasesCreatedKeptOwnedAndExtended() throws {
        let roles = "roles:\n  reporting: {}\n"
        #expect(try Self.impacts(roles, roles + "databases:\n  analytics:\n    owner: reporting\n") == [
            "impact: online: \(Self.cluster): databases.analytics: CloudNativePG creates the database analytics online, owned by reporting",
        ])
        #expect(try Self.impacts("databases:\n  analytics: {}\n", "") == [
            "impact: online: \(Self.cluster): databases.analytics: CloudNativePG stops managing the database analytics; the database and its data stay in PostgreSQL (drop it yourself if it should go)",
        ])
        #expect(try Self.impacts(roles + "databases:\n  analytics:\n    extensions: [pg_trgm, hstore]\n",
                                 roles + "databases:\n  analytics:\n    owner: reporting\n    extensions: [pg_trgm, citext]\n") == [
            "impact: online: \(Self.cluster): databases.analytics.extensions: [pg_trgm, hstore] -> [pg_trgm, citext]: CloudNativePG creates the added extensions online; removed ones (hstore) stay installed",
            "impact: online: \(Self.cluster): databases.analytics.owner: app -> reporting: CloudNativePG changes the database's owner online",
        ])
    }

    @Test func alertsAndTheDashboardLeaveTheInstancesAlone() throws {
        #expect(try Self.impacts("", "monitoring:\n  dashboard: false\n  alerts:\n    replicationLagSeconds: 120\n") == [
            "impact: no-effect: \(Self.cluster): monitoring.alerts.replicationLagSeconds: 60 -> 120: the alerting rules change (the PrometheusRule, and the Azure rule group when deploy.sh runs); the instances are not touched",
            "impact: no-effect: \(Self.cluster): monitoring.dashboard: true -> false: whether deploy.sh installs the Grafana dashboard (turning it off removes nothing); the instances are not touched",
        ])
    }

    @Test func aRunbookLinkChangesOnlyTheAlertingRules() throws {
        #expect(try Self.impacts("", "monitoring:\n  alerts:\n    runbookBaseURL: https://wiki.example.com/pgha/runbooks.md\n") == [
            "impact: no-effect: \(Self.cluster): monitoring.alerts.runbookBaseURL: (unset) -> https://wiki.example.com/pgha/runbooks.md: the alerting rules change (the PrometheusRule, and the Azure rule group when deploy.sh runs); the instances are not touched",
        ])
    }
}
