/// Turns a validated spec into the resources to render, each with its file path. Pure: no I/O.
public enum Translator {
    /// Folder of objects applied once, by hand or by a drill script, never by a GitOps controller.
    public static let oneOffFolder = "oneoff"
    /// Folder of operator-wide objects, which live in the operator's namespace.
    public static let operatorFolder = "operator"

    public static func translate(_ spec: Spec, specFileName: String? = nil) -> [Resource] {
        translate(spec, specFileName: specFileName, fleetMember: false, scripts: nil)
    }

    /// As `translate(_:specFileName:)`, for a fleet member when `fleetMember` (`Compiler.Options.fleetMember`), the
    /// scripts taken from `scripts` when a spec with equal inputs built them there.
    static func translate(_ spec: Spec, specFileName: String?, fleetMember: Bool, scripts: BuiltScripts?) -> [Resource] {
        var steady: [any KubernetesObject] = [ClusterTranslation.primary(spec)]
        if let premiumV2 = spec.storage.premiumV2 { steady.append(StorageClassTranslation.premiumV2(spec, premiumV2)) }
        if let performance = StorageClassTranslation.premiumV2Performance(spec) { steady.append(performance) }
        if spec.storage.localNVMe { steady.append(StorageClassTranslation.localNVMe(spec)) }
        if spec.monitoring.prometheus { steady.append(MonitoringTranslation.prometheus(spec)) }
        if spec.monitoring.managedPrometheus { steady.append(MonitoringTranslation.managedPrometheus(spec)) }
        let alerts = AlertTranslation.rendered(spec)
        if spec.monitoring.prometheus && spec.monitoring.alerts.enabled { steady.append(AlertTranslation.prometheusRule(spec, alerts)) }
        if let backup = spec.backup {
            if backup.method == .plugin { steady.append(ObjectStoreTranslation.objectStore(spec, backup)) }
            steady.append(BackupTranslation.scheduled(spec, backup))
        }
        steady += RoleTranslation.databaseRoles(spec) as [any KubernetesObject]
        steady += DatabaseTranslation.databases(spec)
        if let expose = spec.expose {
            steady.append(ServiceTranslation.readWrite(spec, expose))
            steady.append(ServiceTranslation.readOnly(spec, expose))
        }
        if let pooler = spec.pooler {
            for object in PoolerTranslation.poolers(spec, pooler) {
                steady.append(object)
                steady += MonitoringTranslation.pooler(spec, object)
            }
        }

        var oneOff: [any KubernetesObject] = []
        if let backup = spec.backup {
            if backup.onDemand { oneOff.append(BackupTranslation.onDemand(spec)) }
            if let recovery = spec.recovery { oneOff.append(ClusterTranslation.recovery(spec, recovery, backup)) }
        }

        var resources = folder("", steady, role: .steadyState)
        resources += folder(oneOffFolder, oneOff, role: .oneOff)
        if !spec.operatorSettings.config.isEmpty {
            let configMap = ConfigMap(
                metadata: ObjectMeta(name: "cnpg-controller-manager-config", namespace: spec.operatorSettings.namespace),
                data: SortedMap(spec.operatorSettings.config)
            )
            resources += folder(operatorFolder, [configMap], role: .operatorSettings)
        }
        return resources + ScriptTranslation.resources(spec, specFileName: specFileName, fleetMember: fleetMember, built: scripts, alerts: alerts)
    }

    /// The objects of one folder; a kustomization lists them unless they are one-off.
    private static func folder(_ name: String, _ objects: [any KubernetesObject], role: Artifact.Role) -> [Resource] {
        guard !objects.isEmpty else { return [] }
        let prefix = name.isEmpty ? "" : "\(name)/"
        let fileNames = objects.map(Resource.fileName(for:))
        var resources = zip(fileNames, objects).map { Resource(path: prefix + $0, manifest: $1, role: role) }
        if role != .oneOff {
            resources.append(Resource(path: prefix + "kustomization.yaml", manifest: Kustomization(resources: fileNames.sorted()), role: role))
        }
        return resources
    }
}
