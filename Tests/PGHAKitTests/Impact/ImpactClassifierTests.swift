import Testing
@testable import PGHAKit

/// Each impact category, classified from a pair of specs (the minimal spec with `extra` added on each side).
@Suite struct ImpactClassifierTests {
    /// The fields of the record the spec with `extra` renders.
    static func fields(_ extra: String, name: String = "pg-test") throws -> SpecFields {
        let result = TestSupport.compile(TestSupport.spec(extra, name: name))
        #expect(result.succeeded, "\(result.diagnostics.map(TestSupport.summary))")
        let record = try #require(result.artifacts.first { $0.path == SpecRecord.path })
        return try #require(SpecRecord.fields(Array(record.contents.utf8)))
    }

    /// The impact lines of changing the minimal spec with `old` added into the one with `new` added.
    static func impacts(_ old: String, _ new: String) throws -> [String] {
        ImpactClassifier.classify(from: try fields(old), to: try fields(new)).map(\.line)
    }

    static let restartOrder = ImpactClassifier.restartOrder

    @Test func anUnchangedSpecHasNoImpact() throws {
        #expect(try Self.impacts("instances: 3\n", "instances: 3\n") == [])
    }

    @Test func aPostmasterParameterRestartsEveryInstance() throws {
        #expect(try Self.impacts("postgres:\n  parameters:\n    max_connections: \"200\"\n",
                                 "postgres:\n  parameters:\n    max_connections: \"300\"\n") == [
            "impact: restart: cnpg-database/pg-test: postgres.parameters.max_connections: 200 -> 300: a postmaster parameter; every instance restarts, \(Self.restartOrder)",
        ])
    }

    @Test func aSighupOrSessionParameterReloads() throws {
        #expect(try Self.impacts("postgres:\n  parameters:\n    work_mem: 4MB\n", "postgres:\n  parameters:\n    work_mem: 8MB\n    checkpoint_timeout: 10min\n") == [
            "impact: reload: cnpg-database/pg-test: postgres.parameters.checkpoint_timeout: (unset) -> 10min: a sighup parameter; the instances reload their configuration, no restart",
            "impact: reload: cnpg-database/pg-test: postgres.parameters.work_mem: 4MB -> 8MB: a user parameter; the instances reload their configuration, no restart",
        ])
    }

    @Test func preloadedLibrariesAndResourcesRestartEveryInstance() throws {
        #expect(try Self.impacts("", "postgres:\n  sharedPreloadLibraries: [pg_cron]\nresources:\n  memory: 16Gi\n") == [
            "impact: restart: cnpg-database/pg-test: postgres.sharedPreloadLibraries: [] -> [pg_cron]: shared_preload_libraries is a postmaster parameter; every instance restarts, \(Self.restartOrder)",
            "impact: restart: cnpg-database/pg-test: resources.limits.memory: 8Gi -> 16Gi: every instance's pod is recreated with the new resources, \(Self.restartOrder)",
            "impact: restart: cnpg-database/pg-test: resources.memory: 8Gi -> 16Gi: every instance's pod is recreated with the new resources, \(Self.restartOrder)",
        ])
    }

    @Test func bootstrapRecoveryMonitoringAndOnDemandBackupsHaveNoEffect() throws {
        let backup = "backup:\n  storageAccount: pgtestbackups\n"
        #expect(try Self.impacts(backup + "bootstrap:\n  database: app\n", backup + "  onDemand: false\nbootstrap:\n  database: orders\nmonitoring:\n  prometheus: false\n") == [
            "impact: no-effect: cnpg-database/pg-test: backup.onDemand: true -> false: only the one-off Backup in oneoff/ changes",
            "impact: no-effect: cnpg-database/pg-test: bootstrap.database: app -> orders: bootstrap applies only when a cluster is created; the existing one is not touched",
            "impact: no-effect: cnpg-database/pg-test: monitoring.prometheus: true -> false: a PodMonitor is added or removed; the instances are not touched",
        ])
    }

    @Test func growingAVolumeExpandsItOnline() throws {
        #expect(try Self.impacts("storage:\n  size: 64Gi\n", "storage:\n  size: 128Gi\n") == [
            "impact: volume-expansion: cnpg-database/pg-test: storage.size: 64Gi -> 128Gi: CloudNativePG expands every instance's volume online (Azure disks that support it; others resize when their pod restarts)",
        ])
    }

    @Test func shrinkingAVolumeOrRemovingTheWALVolumeIsRefused() throws {
        #expect(try Self.impacts("storage:\n  size: 128Gi\n", "storage:\n  size: 64Gi\n") == [
            "impact: volume-shrink: cnpg-database/pg-test: storage.size: 128Gi -> 64Gi: a volume cannot shrink; CloudNativePG refuses the change",
        ])
        #expect(try Self.impacts("storage:\n  wal:\n    size: 16Gi\n", "") == [
            "impact: volume-shrink: cnpg-database/pg-test: storage.wal: removing the WAL volume, which CloudNativePG refuses",
        ])
    }

    @Test func aNewStorageClassDoesNotApplyToExistingVolumes() throws {
        #expect(try Self.impacts("", "storage:\n  storageClass: premium2-disk-sc\n") == [
            "impact: storage-class: cnpg-database/pg-test: storage.storageClass: managed-csi-premium -> premium2-disk-sc: the class of an existing volume cannot change; only volumes created from now on get it",
        ])
    }

    @Test func aMajorVersionChangeIsAnIrreversibleUpgradeOrARefusedDowngrade() throws {
        #expect(try Self.impacts("postgres:\n  version: 17\n", "postgres:\n  version: 18\n") == [
            "impact: major-upgrade: cnpg-database/pg-test: postgres.version: PostgreSQL 17 -> 18: an offline major upgrade (pg_upgrade); every instance stops, and it cannot be undone: back up first",
        ])
        #expect(try Self.impacts("postgres:\n  version: 18\n", "postgres:\n  version: 17\n") == [
            "impact: major-upgrade: cnpg-database/pg-test: postgres.version: PostgreSQL 18 -> 17: a major-version downgrade, which CloudNativePG refuses",
        ])
    }

    @Test func anImageOfTheSameMajorIsARollingUpdate() throws {
        #expect(try Self.impacts("postgres:\n  image: ghcr.io/cloudnative-pg/postgresql:17.4-system-trixie\n",
                                 "postgres:\n  image: ghcr.io/cloudnative-pg/postgresql:17.5-system-trixie\n") == [
            "impact: minor-update: cnpg-database/pg-test: postgres.image: ghcr.io/cloudnative-pg/postgresql:17.4-system-trixie -> ghcr.io/cloudnative-pg/postgresql:17.5-system-trixie: a rolling update to the new image, \(Self.restartOrder)",
        ])
    }

    @Test func instancesZonesAndSynchronousReplicas() throws {
        #expect(try Self.impacts("instances: 3\n", "instances: 5\n") == [
            "impact: scale: cnpg-database/pg-test: instances: scale out 3 -> 5: CloudNativePG adds 2 standby(s), each cloned from the primary",
        ])
        #expect(try Self.impacts("instances: 3\n", "instances: 2\n") == [
            "impact: scale: cnpg-database/pg-test: instances: scale in 3 -> 2: CloudNativePG removes 1 standby(s) and their volumes",
        ])
        #expect(try Self.impacts("zones: [\"1\", \"2\", \"3\"]\n", "zones: [\"1\", \"2\"]\n") == [
            "impact: zones: cnpg-database/pg-test: zones: [1, 2, 3] -> [1, 2]: new and rescheduled instances follow the new zones; running ones are not moved, and the node pool's zones are fixed when deploy.sh creates it",
        ])
        #expect(try Self.impacts("replication:\n  syncReplicas: 1\n", "replication:\n  syncReplicas: 2\n") == [
            "impact: sync-replication: cnpg-database/pg-test: replication.syncReplicas: 1 -> 2: each commit waits for 2 standby(s); writes block while fewer are available",
        ])
        #expect(try Self.impacts("replication:\n  syncReplicas: 1\n", "replication:\n  syncReplicas: 0\n") == [
            "impact: sync-replication: cnpg-database/pg-test: replication.failoverQuorum: true -> false: how commits wait for standbys, and whether a failover waits for a quorum of them, changes",
            "impact: sync-replication: cnpg-database/pg-test: replication.syncReplicas: 1 -> 0: commits no longer wait for a standby; a failover may lose the last commits",
        ])
    }

    @Test func publicExposureAddedWidenedNarrowedAndRemoved() throws {
        let expose = { (ranges: String) in "expose:\n  allowedSourceRanges: \(ranges)\n  dnsLabel: pg-test-db\n" }
        #expect(try Self.impacts("", expose("[203.0.113.0/24]")) == [
            "impact: exposure: cnpg-database/pg-test: expose: public LoadBalancer Services are added, open to [203.0.113.0/24]: review for security",
        ])
        #expect(try Self.impacts(expose("[203.0.113.0/24]"), expose("[203.0.113.0/24, 198.51.100.0/24]")) == [
            "impact: exposure: cnpg-database/pg-test: expose.allowedSourceRanges: now also open to 198.51.100.0/24: review for security",
        ])
        #expect(try Self.impacts(expose("[203.0.113.0/24, 198.51.100.0/24]"), expose("[203.0.113.0/24]")) == [
            "impact: exposure-reduced: cnpg-database/pg-test: expose.allowedSourceRanges: no longer open to 198.51.100.0/24: clients there lose access",
        ])
        #expect(try Self.impacts(expose("[203.0.113.0/24]"), "") == [
            "impact: exposure-reduced: cnpg-database/pg-test: expose: the public Services are removed: clients outside the AKS cluster lose access",
        ])
    }

    @Test func pgHBAAcceptingMoreIsASecurityReviewAndRejectingMoreAReload() throws {
        let hba = { (lines: String) in "postgres:\n  pgHBA: \(lines)\n" }
        let base = "[\"hostssl all all all scram-sha-256\", \"hostnossl all all all reject\"]"
        #expect(try Self.impacts(hba(base), hba("[\"host all all 10.0.0.0/8 trust\", \"hostssl all all all scram-sha-256\", \"hostnossl all all all reject\"]")) == [
            "impact: pg-hba-loosened: cnpg-database/pg-test: postgres.pgHBA: adds 'host all all 10.0.0.0/8 trust': pg_hba may accept connections it refused; review for security (applied by a reload)",
        ])
        #expect(try Self.impacts(hba(base), hba("[\"hostssl all all all scram-sha-256\"]")) == [
            "impact: pg-hba-loosened: cnpg-database/pg-test: postgres.pgHBA: removes 'hostnossl all all all reject': pg_hba may accept connections it refused; review for security (applied by a reload)",
        ])
        #expect(try Self.impacts(hba(base), hba("[\"host all guest all reject\", \"hostssl all all all scram-sha-256\", \"hostnossl all all all reject\"]")) == [
            "impact: reload: cnpg-database/pg-test: postgres.pgHBA: adds 'host all guest all reject': pg_hba accepts fewer connections; the instances reload it, no restart",
        ])
    }

    @Test func backupScheduleRetentionDestinationStartAndStop() throws {
        let backup = "backup:\n  storageAccount: pgtestbackups\n"
        #expect(try Self.impacts(backup, "backup:\n  storageAccount: pgtestarchive\n  schedule: \"0 30 2 * * *\"\n  retention: 30d\n") == [
            "impact: backup: cnpg-database/pg-test: backup.retention: 7d -> 30d: CloudNativePG deletes backups and WAL older than the new retention",
            "impact: backup: cnpg-database/pg-test: backup.schedule: 0 15 * * * * -> 0 30 2 * * *: base backups run on the new schedule",
            "impact: backup: cnpg-database/pg-test: backup.storageAccount: pgtestbackups -> pgtestarchive: base backups and WAL go to a new destination, which must not already hold another cluster's archive",
        ])
        #expect(try Self.impacts("", backup) == [
            "impact: backup: cnpg-database/pg-test: backup: continuous backup starts (base backups and WAL archive to pgtestbackups/backups)",
        ])
        #expect(try Self.impacts(backup, "") == [
            "impact: backup: cnpg-database/pg-test: backup: continuous backup stops: no new base backups or archived WAL, so no point-in-time recovery past now (existing backups stay in the container)",
        ])
    }

    @Test func aClusterCreatedDeletedOrRenamed() throws {
        let old = try Self.fields(""), renamed = try Self.fields("", name: "pg-other")
        #expect(ImpactClassifier.classify(from: nil, to: old).map(\.line) == [
            "impact: cluster-created: cnpg-database/pg-test: a new cluster: CloudNativePG creates it, empty, with 3 instances",
        ])
        let deleted = "impact: cluster-deleted: cnpg-database/pg-test: the cluster's manifests are removed: a GitOps controller that prunes deletes the Cluster, its volumes and its data (backups in object storage stay)"
        #expect(ImpactClassifier.classify(from: old, to: nil).map(\.line) == [deleted])
        #expect(ImpactClassifier.classify(from: old, to: renamed).map(\.line) == [
            deleted, "impact: cluster-created: cnpg-database/pg-other: a new cluster: CloudNativePG creates it, empty, with 3 instances",
        ])
    }

    @Test func aChangeNoRuleKnowsIsUnclassified() throws {
        #expect(try Self.impacts("  kubernetesVersion: \"1.32\"\n", "  kubernetesVersion: \"1.33\"\n") == [
            "impact: unclassified: cnpg-database/pg-test: azure.kubernetesVersion: 1.32 -> 1.33: pgha cannot tell what CloudNativePG does with this change",
        ])
        var future = try Self.fields("")
        future.values["postgres.pooler.instances"] = .scalar("2")
        #expect(ImpactClassifier.classify(from: try Self.fields(""), to: future).map(\.line) == [
            "impact: unclassified: cnpg-database/pg-test: postgres.pooler.instances: (unset) -> 2: pgha cannot tell what CloudNativePG does with this change",
        ])
        var garbled = try Self.fields("")
        garbled.values["storage.size"] = .scalar("big")
        garbled.values["instances"] = nil
        #expect(ImpactClassifier.classify(from: try Self.fields(""), to: garbled).map(\.line) == [
            "impact: unclassified: cnpg-database/pg-test: instances: 3 -> (unset): not two numbers of instances",
            "impact: unclassified: cnpg-database/pg-test: storage.size: 64Gi -> big: not two sizes pgha can compare",
        ])
        future.values["postgres.parameters.no_such_setting"] = .scalar("on")
        #expect(ImpactClassifier.classify(from: try Self.fields(""), to: future).map(\.line).first ==
            "impact: unclassified: cnpg-database/pg-test: postgres.parameters.no_such_setting: (unset) -> on: not a parameter PostgreSQL 18 knows")
    }

    @Test func everyCategoryHasACase() {
        #expect(ImpactCategory.allCases.map(\.rawValue) == [
            "restart", "reload", "online", "no-effect", "volume-expansion", "volume-shrink", "storage-class", "major-upgrade", "minor-update",
            "scale", "zones", "sync-replication", "exposure", "exposure-reduced", "pg-hba-loosened", "backup", "cluster-created",
            "cluster-deleted", "unclassified",
        ])
    }
}
