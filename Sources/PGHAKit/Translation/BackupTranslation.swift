/// Builds the `ScheduledBackup` and the one-off `Backup`.
enum BackupTranslation {
    static func scheduled(_ spec: Spec, _ backup: Spec.Backup) -> ScheduledBackup {
        ScheduledBackup(
            metadata: ObjectMeta(name: "\(spec.name)-scheduled-backup", namespace: spec.namespace, labels: Labels.common(spec)),
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
            metadata: ObjectMeta(name: "\(spec.name)-on-demand-backup", namespace: spec.namespace, labels: Labels.common(spec)),
            spec: Backup.Spec(method: "barmanObjectStore", cluster: LocalObjectReference(name: spec.name))
        )
    }
}
