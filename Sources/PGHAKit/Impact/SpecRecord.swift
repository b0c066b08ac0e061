/// The machine-readable record of the spec a rendering came from: every field of the effective spec (defaults
/// applied), under the spec's own field names, as JSON at `.pgha/spec.json` in the spec's output folder. `check` and
/// `diff` read the previous rendering's record back to say what a change will do (`ImpactClassifier`).
public enum SpecRecord {
    /// The record's path, relative to a spec's output folder.
    public static let path = ".pgha/spec.json"

    /// The record of `spec` as a file of its rendering.
    public static func artifact(for spec: Spec) -> Artifact {
        Artifact(path: path, contents: json(node(spec), indent: "") + "\n", role: .reference)
    }

    /// The fields of a record's bytes, flattened (`SpecFields`); nil when they are not a JSON object.
    public static func fields(_ bytes: [UInt8]) -> SpecFields? {
        guard let text = String(validating: bytes, as: UTF8.self),
              let root = try? YAMLComposer(text).nextRoot(), root.mapping != nil else { return nil }
        var values: [String: SpecFields.Value] = [:]
        flatten(root, path: "", into: &values)
        return SpecFields(values: values)
    }

    private static func flatten(_ node: YAMLNode, path: String, into values: inout [String: SpecFields.Value]) {
        switch node.content {
        case .scalar(let scalar):
            values[path] = .scalar(scalar.string)
        case .sequence(let nodes):
            values[path] = .list(nodes.map { $0.scalar?.string ?? "" })
        case .mapping(let pairs):
            for (key, value) in pairs {
                let name = key.scalar?.string ?? ""
                flatten(value, path: path.isEmpty ? name : path + "." + name, into: &values)
            }
        }
    }

    /// The effective spec as a tree under the spec's field names (`SpecSchema`), optional sections left out when
    /// absent.
    static func node(_ spec: Spec) -> ManifestNode {
        let postgres = spec.postgres
        let azure = spec.azure
        return .object([
            "apiVersion": SpecSchema.apiVersion,
            "kind": SpecSchema.kind,
            "name": spec.name,
            "namespace": spec.namespace,
            "instances": spec.instances,
            "zones": spec.zones,
            "nodeSelector": SortedMap(spec.nodeSelector),
            "tolerations": spec.tolerations,
            "operator": ManifestNode.object([
                "namespace": spec.operatorSettings.namespace,
                "version": spec.operatorSettings.version.description,
                "config": SortedMap(spec.operatorSettings.config),
            ]),
            "postgres": ManifestNode.object([
                "version": postgres.majorVersion,
                "image": postgres.image,
                "parameters": SortedMap(postgres.parameters),
                "pgHBA": postgres.pgHBA,
                "sharedPreloadLibraries": postgres.sharedPreloadLibraries,
                "imageCatalog": postgres.imageCatalog.map { ManifestNode.object(["name": $0.name, "kind": $0.kind]) },
            ]),
            "resources": ManifestNode.object([
                "cpu": spec.resources.cpu,
                "memory": spec.resources.memory,
                "limits": ManifestNode.object(["cpu": spec.resources.cpuLimit, "memory": spec.resources.memoryLimit]),
            ]),
            "storage": ManifestNode.object([
                "size": spec.storage.size,
                "storageClass": spec.storage.storageClass,
                "wal": spec.storage.wal.map { ManifestNode.object(["size": $0.size, "storageClass": $0.storageClass]) },
                "premiumV2": spec.storage.premiumV2.map { ManifestNode.object(["iops": $0.iops, "throughputMBps": $0.throughputMBps]) },
                "localNVMe": spec.storage.localNVMe,
            ]),
            "bootstrap": ManifestNode.object([
                "database": spec.bootstrap.database,
                "owner": spec.bootstrap.owner,
                "secret": spec.bootstrap.secret,
                "dataChecksums": spec.bootstrap.dataChecksums,
            ]),
            "roles": ManifestNode.mapping(spec.roles.sorted { $0.key < $1.key }.map { name, role in
                ManifestNode.Entry(name, .object(["login": role.login, "connectionLimit": role.connectionLimit, "inRoles": role.inRoles]))
            }),
            "databases": ManifestNode.mapping(spec.databases.sorted { $0.key < $1.key }.map { name, database in
                ManifestNode.Entry(name, .object(["owner": database.owner, "extensions": database.extensions]))
            }),
            "replication": ManifestNode.object([
                "syncReplicas": spec.replication.syncReplicas,
                "syncMethod": spec.replication.syncMethod,
                "dataDurability": spec.replication.dataDurability,
                "failoverQuorum": spec.replication.failoverQuorum,
                "highAvailabilitySlots": spec.replication.highAvailabilitySlots,
                "slotUpdateInterval": spec.replication.slotUpdateInterval,
                "startDelay": spec.replication.startDelay,
                "stopDelay": spec.replication.stopDelay,
                "smartShutdownTimeout": spec.replication.smartShutdownTimeout,
                "startupMaximumLag": spec.replication.startupMaximumLag,
                "readinessMaximumLag": spec.replication.readinessMaximumLag,
            ]),
            "backup": spec.backup.map { backup in
                ManifestNode.object([
                    "method": backup.method.rawValue,
                    "objectStore": backup.objectStore,
                    "storageAccount": backup.storageAccount,
                    "container": backup.container,
                    "retention": backup.retention,
                    "schedule": backup.schedule,
                    "onDemand": backup.onDemand,
                    "walCompression": backup.walCompression,
                    "dataCompression": backup.dataCompression,
                    "walMaxParallel": backup.walMaxParallel,
                    "sidecar": ManifestNode.object(["cpu": backup.sidecar.cpu, "memory": backup.sidecar.memory]),
                ])
            },
            "recovery": spec.recovery.map { recovery in
                ManifestNode.object([
                    "name": recovery.name, "instances": recovery.instances, "walMaxParallel": recovery.walMaxParallel,
                    "targetTime": recovery.targetTime, "targetLSN": recovery.targetLSN, "targetName": recovery.targetName,
                    "targetImmediate": recovery.targetImmediate,
                ])
            },
            "monitoring": ManifestNode.object([
                "prometheus": spec.monitoring.prometheus, "managedPrometheus": spec.monitoring.managedPrometheus,
                "dashboard": spec.monitoring.dashboard,
                "alerts": ManifestNode.object([
                    "enabled": spec.monitoring.alerts.enabled,
                    "replicationLagSeconds": spec.monitoring.alerts.replicationLagSeconds,
                    "connectionsPercent": spec.monitoring.alerts.connectionsPercent,
                    "diskUsagePercent": spec.monitoring.alerts.diskUsagePercent,
                    "backupMaxAgeHours": spec.monitoring.alerts.backupMaxAgeHours,
                ]),
            ]),
            "expose": spec.expose.map { expose in
                ManifestNode.object([
                    "allowedSourceRanges": expose.allowedSourceRanges,
                    "allowInternet": expose.allowInternet,
                    "allowTrust": expose.allowTrust,
                    "dnsLabel": expose.dnsLabel,
                    "publicIP": expose.publicIP,
                    "readWritePort": expose.readWritePort,
                    "readOnlyPort": expose.readOnlyPort,
                ])
            },
            "pooler": spec.pooler.map { pooler in
                ManifestNode.object([
                    "instances": pooler.instances,
                    "poolMode": pooler.poolMode,
                    "readOnly": pooler.readOnly,
                    "parameters": SortedMap(pooler.parameters),
                    "resources": ManifestNode.object(["cpu": pooler.cpu, "memory": pooler.memory]),
                    "expose": pooler.expose.map { ManifestNode.object(["allowedSourceRanges": $0.allowedSourceRanges, "dnsLabel": $0.dnsLabel]) },
                ])
            },
            "azure": ManifestNode.object([
                "subscription": azure.subscription,
                "location": azure.location,
                "resourceGroup": azure.resourceGroup,
                "aksCluster": azure.aksCluster,
                "nodeResourceGroup": azure.nodeResourceGroup,
                "kubernetesVersion": azure.kubernetesVersion,
                "tier": azure.tier,
                "authorizedIPRanges": azure.authorizedIPRanges,
                "identity": ManifestNode.object(["name": azure.identityName, "clientID": azure.identityClientID]),
                "controlPlaneIdentity": ManifestNode.object(["name": azure.controlPlaneIdentityName]),
                "systemPool": nodePool(azure.systemPool),
                "nodePool": nodePool(azure.nodePool),
                "grafana": azure.grafana,
                "monitorWorkspace": azure.monitorWorkspace,
                "logAnalyticsWorkspace": azure.logAnalyticsWorkspace,
                "tags": SortedMap(azure.tags),
            ]),
        ])
    }

    private static func nodePool(_ pool: Spec.Azure.NodePool) -> ManifestNode {
        .object(["name": pool.name, "vmSize": pool.vmSize, "minCount": pool.minCount, "maxCount": pool.maxCount, "taints": pool.taints])
    }

    /// `node` as indented JSON.
    private static func json(_ node: ManifestNode, indent: String) -> String {
        let inner = indent + "  "
        switch node {
        case .string(let text), .word(let text): return jsonString(text)
        case .integer(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .sequence(let items):
            guard !items.isEmpty else { return "[]" }
            return "[\n" + items.map { inner + json($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .mapping(let entries):
            guard !entries.isEmpty else { return "{}" }
            return "{\n" + entries.map { inner + jsonString($0.key) + ": " + json($0.value, indent: inner) }
                .joined(separator: ",\n") + "\n\(indent)}"
        }
    }
}

extension ManifestNode: ManifestValue {
    public var manifestNode: ManifestNode { self }
}
