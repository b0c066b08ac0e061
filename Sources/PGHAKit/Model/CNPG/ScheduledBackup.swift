/// A CloudNativePG `ScheduledBackup` (`postgresql.cnpg.io/v1`).
public struct ScheduledBackup: ObjectWithSpec, Equatable {
    public var apiVersion = "postgresql.cnpg.io/v1"
    public var kind = "ScheduledBackup"
    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: ManifestValue, Equatable {
        /// A 6-field cron expression, seconds first.
        public var schedule: YAMLString
        public var backupOwnerReference: String
        public var method: String
        public var pluginConfiguration: BackupPluginConfiguration?
        public var cluster: LocalObjectReference

        public var manifestNode: ManifestNode {
            .object {
                $0.field("schedule", schedule)
                $0.field("backupOwnerReference", backupOwnerReference)
                $0.field("method", method)
                $0.field("pluginConfiguration", pluginConfiguration)
                $0.field("cluster", cluster)
            }
        }
    }
}
