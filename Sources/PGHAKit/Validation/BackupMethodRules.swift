/// Checks the backup method against the target operator version, and the fields that belong to one method only.
enum BackupMethodRules {
    static func check(_ context: inout ValidationContext) {
        let spec = context.spec
        guard let backup = spec.backup else { return }
        let version = spec.operatorSettings.version
        let methodPath = spec.sourceMap.contains("backup.method") ? "backup.method" : "backup"
        switch backup.method {
        case .plugin:
            if version < OperatorRelease.pluginMinimum {
                context.error(.pluginNeedsNewerOperator,
                              "the Barman Cloud Plugin needs CloudNativePG \(OperatorRelease.pluginMinimum) or later, not \(version)",
                              at: methodPath, hint: "target operator 1.26 or later (1.27+ recommended), or use 'method: inTree'")
            }
            checkObjectStoreName(&context, backup)
            for (path, value) in [("backup.sidecar.cpu", backup.sidecar.cpu), ("backup.sidecar.memory", backup.sidecar.memory)]
            where Quantity(value).map({ $0.value <= 0 }) ?? true {
                context.error(.invalidQuantity, "'\(value)' is not a positive Kubernetes quantity", at: path,
                              hint: path.hasSuffix("cpu") ? "write cores as 1 or 500m" : "write sizes with binary units, such as 512Mi")
            }
            let monitoring = spec.monitoring
            if version < OperatorRelease.pluginMetricsMinimum, monitoring.alerts.enabled, monitoring.prometheus || monitoring.managedPrometheus {
                context.warning(.backupAlertsUnavailable,
                                "CloudNativePG \(version) does not report the Barman Cloud Plugin's backup metrics, so no alert watches the backups' age or failures",
                                at: methodPath, hint: "target operator \(OperatorRelease.pluginMetricsMinimum) or later; until then check backups with 'kubectl get backups'")
            }
            if spec.recovery != nil, spec.sourceMap.contains("recovery.walMaxParallel") {
                context.warning(.fieldNotForBackupMethod,
                                "'recovery.walMaxParallel' has no effect with the Barman Cloud Plugin: the recovery restores with the ObjectStore's settings",
                                at: "recovery.walMaxParallel", hint: "set 'backup.walMaxParallel' instead")
            }
        case .inTree:
            if version >= OperatorRelease.inTreeBackupsRemovedIn {
                context.error(.inTreeBackupsRemoved,
                              "CloudNativePG \(version) has no in-tree backups: 'backup.barmanObjectStore' was removed in 1.31",
                              at: methodPath,
                              hint: "use 'method: plugin' (the Barman Cloud Plugin, barman-cloud.cloudnative-pg.io); Docs/backup.md explains the migration")
            } else if version >= OperatorRelease.pluginMinimum {
                context.warning(.deprecatedFeature,
                                "CloudNativePG \(version) deprecates the in-tree barmanObjectStore backups (removed in 1.31)",
                                at: methodPath,
                                hint: "use 'method: plugin' (the Barman Cloud Plugin); Docs/backup.md explains the migration")
            }
            for field in ["backup.objectStore", "backup.sidecar"] where spec.sourceMap.contains(field) {
                context.warning(.fieldNotForBackupMethod, "'\(field)' has no effect without the Barman Cloud Plugin", at: field,
                                hint: "remove it, or use 'method: plugin'")
            }
            checkInTreeCompression(&context, backup, version)
            checkImageHasBarmanCloud(&context, spec)
        }
    }

    /// The ObjectStore's name: a DNS-1123 subdomain of at most 253 characters, as for every Kubernetes object.
    private static func checkObjectStoreName(_ context: inout ValidationContext, _ backup: Spec.Backup) {
        guard context.checksValue(at: "backup.objectStore"), !NameRules.isDNS1123Subdomain(backup.objectStore) else { return }
        let reason = backup.objectStore.count > 253 ? "is \(backup.objectStore.count) characters long, over Kubernetes' 253" : "is not a valid object name"
        context.error(.invalidObjectStoreName, "the ObjectStore name '\(backup.objectStore.prefix(64))\(backup.objectStore.count > 64 ? "..." : "")' \(reason)",
                      at: context.spec.sourceMap.contains("backup.objectStore") ? "backup.objectStore" : "backup",
                      hint: "at most 253 lowercase letters, digits, '-' and '.', starting and ending alphanumeric")
    }

    private static func checkInTreeCompression(_ context: inout ValidationContext, _ backup: Spec.Backup, _ version: OperatorVersion) {
        let fields = [("backup.walCompression", backup.walCompression, BackupCompression.inTreeWAL(version)),
                      ("backup.dataCompression", backup.dataCompression, BackupCompression.inTreeData(version))]
        for (path, value, accepted) in fields {
            guard let value, !accepted.contains(value) else { continue }
            context.error(.compressionNotSupported,
                          "CloudNativePG \(version)'s in-tree backups do not accept '\(value)' compression",
                          at: path, hint: "use one of \(accepted.joined(separator: ", ")), or the plugin, which accepts it")
        }
    }

    /// In-tree backups run barman-cloud inside the postgres container: CloudNativePG's `minimal` and `standard`
    /// images have none.
    private static func checkImageHasBarmanCloud(_ context: inout ValidationContext, _ spec: Spec) {
        guard spec.sourceMap.contains("postgres.image"), spec.postgres.image.hasPrefix(PostgresImage.repository + ":"),
              let tag = Spec.Postgres.imageTag(spec.postgres.image),
              let flavour = ["minimal", "standard"].first(where: { tag.contains("-\($0)") }) else { return }
        context.error(.imageWithoutBarmanCloud,
                      "the \(flavour) image has no barman-cloud, which in-tree backups run inside the postgres container",
                      at: "postgres.image",
                      hint: "use the plugin ('method: plugin'), which brings barman-cloud in its sidecar, or a 'system' image")
    }
}
