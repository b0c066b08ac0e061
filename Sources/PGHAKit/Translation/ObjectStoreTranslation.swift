/// Builds the Barman Cloud Plugin's `ObjectStore` and the references to it: the Cluster's `plugins` entry, the recovery
/// Cluster's external cluster and the backups' plugin configuration.
enum ObjectStoreTranslation {
    /// The plugin's name, as the operator knows it.
    static let pluginName = "barman-cloud.cloudnative-pg.io"

    /// The cluster's ObjectStore: destination, workload identity credentials, retention, compression, parallelism
    /// and the sidecar's resources (requests equal to limits, so the instance pods keep the Guaranteed QoS class).
    static func objectStore(_ spec: Spec, _ backup: Spec.Backup) -> ObjectStore {
        let resources: SortedMap = ["cpu": backup.sidecar.cpu, "memory": backup.sidecar.memory]
        return ObjectStore(
            metadata: ObjectMeta(name: backup.objectStore, namespace: spec.namespace, labels: Labels.common(spec)),
            spec: ObjectStore.Spec(
                configuration: configuration(backup, credentials: AzureCredentials(useDefaultAzureCredentials: true)),
                retentionPolicy: backup.retention,
                instanceSidecarConfiguration: ObjectStore.InstanceSidecarConfiguration(
                    resources: ResourceRequirements(requests: resources, limits: resources)
                )
            )
        )
    }

    /// barman-cloud's settings for `backup`, with no server name (the plugin parameter, or the in-tree default, names it).
    static func configuration(_ backup: Spec.Backup, credentials: AzureCredentials) -> BarmanObjectStoreConfiguration {
        BarmanObjectStoreConfiguration(
            destinationPath: backup.destinationPath,
            azureCredentials: credentials,
            wal: WalBackupConfiguration(compression: backup.walCompression, maxParallel: backup.walMaxParallel),
            data: backup.dataCompression.map { DataBackupConfiguration(compression: $0) }
        )
    }

    /// The primary's `plugins` entry: the plugin archives its WAL and takes its backups into `<container>/<name>/`.
    static func walArchiver(_ spec: Spec, _ backup: Spec.Backup) -> Cluster.PluginConfiguration {
        Cluster.PluginConfiguration(name: pluginName, isWALArchiver: true, parameters: parameters(spec, backup))
    }

    /// A recovery Cluster's source: the primary's ObjectStore and server name.
    static func recoverySource(_ spec: Spec, _ backup: Spec.Backup) -> Cluster.PluginConfiguration {
        Cluster.PluginConfiguration(name: pluginName, parameters: parameters(spec, backup))
    }

    /// `method: plugin`'s configuration on a Backup or ScheduledBackup.
    static let backupConfiguration = BackupPluginConfiguration(name: pluginName)

    private static func parameters(_ spec: Spec, _ backup: Spec.Backup) -> SortedMap {
        ["barmanObjectName": backup.objectStore, "serverName": spec.name]
    }
}
