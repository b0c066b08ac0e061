/// Builds the primary and recovery CloudNativePG `Cluster`s from a spec.
enum ClusterTranslation {
    static func primary(_ spec: Spec) -> Cluster {
        var annotations: [String: String] = [:]
        var labels: [String: String] = [:]
        if let expose = spec.expose { annotations[Labels.dnsLabelName] = expose.dnsLabel }
        if spec.backup != nil { labels[Labels.workloadIdentityUse] = "true" }
        if spec.storage.localNVMe { annotations[StorageClassTranslation.acceptEphemeralStorage] = "true" }
        let replication = spec.replication
        return Cluster(
            metadata: ObjectMeta(name: spec.name, namespace: spec.namespace, labels: Labels.common(spec),
                                 annotations: failoverQuorumAnnotation(spec)),
            spec: Cluster.Spec(
                inheritedMetadata: embedded(annotations: annotations, labels: labels),
                imageName: imageName(spec),
                imageCatalogRef: imageCatalogRef(spec),
                instances: spec.instances,
                startDelay: replication.startDelay,
                stopDelay: replication.stopDelay,
                smartShutdownTimeout: replication.smartShutdownTimeout,
                probes: probes(spec),
                replicationSlots: Cluster.ReplicationSlots(
                    highAvailability: .init(enabled: replication.highAvailabilitySlots),
                    updateInterval: replication.slotUpdateInterval
                ),
                topologySpreadConstraints: zoneSpread(spec, cluster: spec.name),
                affinity: affinity(spec),
                resources: resources(spec),
                bootstrap: Cluster.Bootstrap(initdb: Cluster.Bootstrap.InitDB(
                    database: spec.bootstrap.database,
                    owner: spec.bootstrap.owner,
                    secret: Cluster.SecretReference(name: spec.bootstrap.secret),
                    dataChecksums: spec.bootstrap.dataChecksums
                )),
                storage: volume(spec, size: spec.storage.size, storageClass: spec.storage.storageClass),
                walStorage: spec.storage.wal.map { volume(spec, size: $0.size, storageClass: $0.storageClass) },
                postgresql: postgresql(spec, synchronous: synchronous(spec)),
                serviceAccountTemplate: spec.backup == nil ? nil : serviceAccountTemplate(spec),
                backup: spec.backup.flatMap { backup in
                    backup.method == .inTree ? Cluster.BackupConfiguration(
                        barmanObjectStore: ObjectStoreTranslation.configuration(backup, credentials: inTreeCredentials),
                        retentionPolicy: backup.retention
                    ) : nil
                },
                plugins: spec.backup.flatMap { backup in
                    backup.method == .plugin ? [ObjectStoreTranslation.walArchiver(spec, backup)] : nil
                },
                managed: RoleTranslation.managed(spec),
                externalClusters: nil
            )
        )
    }

    /// The recovery name for the external cluster a recovery Cluster restores from.
    static let recoverySource = "clusterBackup"

    /// The in-tree credentials: the AKS managed identity, as in the guide.
    private static let inTreeCredentials = AzureCredentials(inheritFromAzureAD: true)

    /// A Cluster bootstrapped from the primary's backups. It carries the primary's parameters and resources
    /// (WAL replay refuses settings such as `max_connections` lower than the primary's) and names the
    /// application database and owner (CloudNativePG would otherwise create an empty `app` database). It has no
    /// `plugins` entry and no `backup`, so it archives nothing; it runs as the primary's workload identity, which may
    /// write to the primary's backup folder.
    static func recovery(_ spec: Spec, _ recovery: Spec.Recovery, _ backup: Spec.Backup) -> Cluster {
        Cluster(
            metadata: ObjectMeta(name: recovery.name, namespace: spec.namespace, labels: Labels.common(spec)),
            spec: Cluster.Spec(
                inheritedMetadata: embedded(annotations: [:], labels: [Labels.workloadIdentityUse: "true"]),
                imageName: imageName(spec),
                imageCatalogRef: imageCatalogRef(spec),
                instances: recovery.instances,
                topologySpreadConstraints: recovery.instances > 1 ? zoneSpread(spec, cluster: recovery.name) : nil,
                affinity: affinity(spec),
                resources: resources(spec),
                bootstrap: Cluster.Bootstrap(recovery: Cluster.Bootstrap.Recovery(
                    source: recoverySource, database: spec.bootstrap.database, owner: spec.bootstrap.owner,
                    recoveryTarget: recoveryTarget(recovery)
                )),
                storage: volume(spec, size: spec.storage.size, storageClass: spec.storage.storageClass),
                walStorage: spec.storage.wal.map { volume(spec, size: $0.size, storageClass: $0.storageClass) },
                postgresql: postgresql(spec, synchronous: nil),
                serviceAccountTemplate: serviceAccountTemplate(spec),
                externalClusters: [externalCluster(spec, recovery, backup)]
            )
        )
    }

    /// The spec's point-in-time target, if any.
    private static func recoveryTarget(_ recovery: Spec.Recovery) -> Cluster.Bootstrap.RecoveryTarget? {
        guard !recovery.targetPaths.isEmpty || recovery.backupID != nil else { return nil }
        return Cluster.Bootstrap.RecoveryTarget(targetTime: recovery.targetTime, targetLSN: recovery.targetLSN,
                                                targetName: recovery.targetName,
                                                targetImmediate: recovery.targetImmediate ? true : nil,
                                                backupID: recovery.backupID)
    }

    /// The backups the recovery Cluster restores: through the plugin and the primary's ObjectStore, or in-tree.
    private static func externalCluster(_ spec: Spec, _ recovery: Spec.Recovery, _ backup: Spec.Backup) -> Cluster.ExternalCluster {
        switch backup.method {
        case .plugin:
            return Cluster.ExternalCluster(name: recoverySource, plugin: ObjectStoreTranslation.recoverySource(spec, backup))
        case .inTree:
            var configuration = ObjectStoreTranslation.configuration(backup, credentials: inTreeCredentials)
            configuration.serverName = spec.name
            configuration.wal = WalBackupConfiguration(maxParallel: recovery.walMaxParallel)
            configuration.data = nil
            return Cluster.ExternalCluster(name: recoverySource, barmanObjectStore: configuration)
        }
    }

    /// The image, unless the spec takes it from a catalog.
    private static func imageName(_ spec: Spec) -> String? {
        spec.postgres.imageCatalog == nil ? spec.postgres.image : nil
    }

    private static func imageCatalogRef(_ spec: Spec) -> Cluster.ImageCatalogRef? {
        guard let catalog = spec.postgres.imageCatalog else { return nil }
        return Cluster.ImageCatalogRef(apiGroup: "postgresql.cnpg.io", kind: catalog.kind, name: catalog.name,
                                       major: spec.postgres.majorVersion ?? 18)
    }

    private static func embedded(annotations: [String: String], labels: [String: String]) -> Cluster.EmbeddedMetadata? {
        if annotations.isEmpty && labels.isEmpty { return nil }
        return Cluster.EmbeddedMetadata(annotations: SortedMap(annotations).nonEmpty, labels: SortedMap(labels).nonEmpty)
    }

    /// Spreads the instance pods across zones. The selector includes `cnpg.io/podRole: instance` because
    /// `cnpg.io/cluster` alone also matches the cluster's initdb/join Job pods and its Pooler pods, whose
    /// placement would then skew the count.
    private static func zoneSpread(_ spec: Spec, cluster: String) -> [TopologySpreadConstraint]? {
        ZoneSpread.constraints(spec, selecting: Labels.instances(of: cluster), whenUnsatisfiable: "DoNotSchedule")
    }

    private static func affinity(_ spec: Spec) -> Cluster.Affinity? {
        let tolerations = spec.tolerations.compactMap(NodeTaint.init).map {
            Toleration(key: $0.key, operator: "Equal", value: $0.value, effect: $0.effect)
        }
        if spec.nodeSelector.isEmpty && tolerations.isEmpty { return nil }
        return Cluster.Affinity(nodeSelector: SortedMap(spec.nodeSelector).nonEmpty, tolerations: tolerations.isEmpty ? nil : tolerations)
    }

    private static func resources(_ spec: Spec) -> ResourceRequirements {
        ResourceRequirements(
            requests: ["cpu": spec.resources.cpu, "memory": spec.resources.memory],
            limits: ["cpu": spec.resources.cpuLimit, "memory": spec.resources.memoryLimit]
        )
    }

    /// A volume; one of the Premium SSD v2 class names its VolumeAttributesClass, which CloudNativePG (1.27 and later)
    /// also sets on the existing claims, so a performance change reaches every disk online.
    private static func volume(_ spec: Spec, size: String, storageClass: String) -> Cluster.StorageConfiguration {
        Cluster.StorageConfiguration(
            size: size,
            pvcTemplate: Cluster.PersistentVolumeClaimSpec(
                accessModes: ["ReadWriteOnce"],
                resources: ResourceRequirements(requests: ["storage": size]),
                storageClassName: storageClass,
                volumeAttributesClassName: StorageClassTranslation.volumeAttributesClassName(spec, storageClass: storageClass),
                volumeMode: "Filesystem"
            )
        )
    }

    /// Synchronous replication as `postgresql.synchronous`: the legacy minSyncReplicas/maxSyncReplicas know neither
    /// data durability nor failover quorum, and CloudNativePG refuses the two styles together.
    private static func synchronous(_ spec: Spec) -> Cluster.SynchronousReplicaConfiguration? {
        let replication = spec.replication
        guard replication.syncReplicas > 0 else { return nil }
        let quorumField = replication.failoverQuorum
            && spec.operatorSettings.version >= Spec.Replication.failoverQuorumFieldSince
        return Cluster.SynchronousReplicaConfiguration(
            method: replication.syncMethod,
            number: replication.syncReplicas,
            dataDurability: replication.dataDurability,
            failoverQuorum: quorumField ? true : nil
        )
    }

    /// CloudNativePG 1.27 has failover quorum only as an annotation (deprecated once the field exists in 1.28).
    private static func failoverQuorumAnnotation(_ spec: Spec) -> SortedMap? {
        let version = spec.operatorSettings.version
        guard spec.replication.failoverQuorum, spec.replication.syncReplicas > 0,
              version >= Spec.Replication.failoverQuorumSince, version < Spec.Replication.failoverQuorumFieldSince
        else { return nil }
        return ["alpha.cnpg.io/failoverQuorum": "true"]
    }

    /// A streaming startup probe with a lag bound, and a streaming readiness probe when the spec bounds the lag;
    /// the operator derives the startup probe's failureThreshold from startDelay as long as pgha does not set it.
    private static func probes(_ spec: Spec) -> Cluster.Probes? {
        guard spec.operatorSettings.version >= Spec.Replication.streamingProbesSince else { return nil }
        return Cluster.Probes(
            startup: Cluster.ProbeWithStrategy(type: "streaming", maximumLag: spec.replication.startupMaximumLag),
            readiness: spec.replication.readinessMaximumLag.map { Cluster.ProbeWithStrategy(type: "streaming", maximumLag: $0) }
        )
    }

    private static func postgresql(_ spec: Spec, synchronous: Cluster.SynchronousReplicaConfiguration?) -> Cluster.PostgresConfiguration {
        let postgres = spec.postgres
        return Cluster.PostgresConfiguration(
            parameters: SortedMap(postgres.parameters).nonEmpty,
            synchronous: synchronous,
            pg_hba: postgres.pgHBA.isEmpty ? nil : postgres.pgHBA,
            shared_preload_libraries: postgres.sharedPreloadLibraries.isEmpty ? nil : postgres.sharedPreloadLibraries
        )
    }

    private static func serviceAccountTemplate(_ spec: Spec) -> Cluster.ServiceAccountTemplate {
        let annotations = spec.azure.identityClientID.map { [Labels.workloadIdentityClientID: $0] } ?? [:]
        return Cluster.ServiceAccountTemplate(metadata: Cluster.EmbeddedMetadata(
            annotations: SortedMap(annotations).nonEmpty,
            labels: [Labels.workloadIdentityUse: "true"]
        ))
    }
}
