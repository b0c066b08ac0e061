/// Builds the `ScheduledBackup` and the one-off `Backup`. Their names stay within 63 characters: CloudNativePG
/// copies a ScheduledBackup's name into a label of every Backup it creates.
enum BackupTranslation {
    static func scheduled(_ spec: Spec, _ backup: Spec.Backup) -> ScheduledBackup {
        ScheduledBackup(
            metadata: ObjectMeta(name: "\(spec.name)-backup", namespace: spec.namespace, labels: Labels.common(spec)),
            spec: ScheduledBackup.Spec(
                schedule: YAMLString(backup.schedule),
                backupOwnerReference: "self",
                method: method(backup),
                pluginConfiguration: pluginConfiguration(backup),
                cluster: LocalObjectReference(name: spec.name)
            )
        )
    }

    /// The one-off Backup of a spec with backups, taken by the spec's method.
    static func onDemand(_ spec: Spec) -> Backup {
        let backup = spec.backup
        return Backup(
            metadata: ObjectMeta(name: "\(spec.name)-on-demand", namespace: spec.namespace, labels: Labels.common(spec)),
            spec: Backup.Spec(method: method(backup), pluginConfiguration: pluginConfiguration(backup),
                              cluster: LocalObjectReference(name: spec.name))
        )
    }

    private static func method(_ backup: Spec.Backup?) -> String {
        backup?.method == .inTree ? "barmanObjectStore" : "plugin"
    }

    private static func pluginConfiguration(_ backup: Spec.Backup?) -> BackupPluginConfiguration? {
        backup?.method == .inTree ? nil : ObjectStoreTranslation.backupConfiguration
    }
}
