/// Builds the `ScheduledBackup` and the one-off `Backup`. Their names stay within 63 characters: CloudNativePG
/// copies a ScheduledBackup's name into a label of every Backup it creates.
enum BackupTranslation {
    static func scheduled(_ spec: Spec, _ backup: Spec.Backup) -> ScheduledBackup {
        ScheduledBackup(
            metadata: ObjectMeta(name: "\(spec.name)-backup", namespace: spec.namespace, labels: Labels.common(spec)),
            spec: ScheduledBackup.Spec(
                schedule: YAMLString(backup.schedule),
                backupOwnerReference: "self",
                method: "barmanObjectStore",
                cluster: LocalObjectReference(name: spec.name)
            )
        )
    }

    static func onDemand(_ spec: Spec) -> Backup {
        Backup(
            metadata: ObjectMeta(name: "\(spec.name)-on-demand", namespace: spec.namespace, labels: Labels.common(spec)),
            spec: Backup.Spec(method: "barmanObjectStore", cluster: LocalObjectReference(name: spec.name))
        )
    }
}
