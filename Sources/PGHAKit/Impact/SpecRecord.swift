/// The machine-readable record of the spec a rendering came from: every field of the effective spec (defaults
/// applied), under the spec's own field names, as JSON at `.pgha/spec.json` in the spec's output folder. `check` and
/// `diff` read the previous rendering's record back to say what a change will do (`ImpactClassifier`).
public enum SpecRecord {
    /// The record's path, relative to a spec's output folder.
    public static let path = ".pgha/spec.json"

    /// The record of `spec` as a file of its rendering.
    public static func artifact(for spec: Spec) -> Artifact {
        var output: [UInt8] = []
        output.reserveCapacity(8192)
        json(node(spec), indent: 0, to: &output)
        output.append(UInt8(ascii: "\n"))
        return Artifact(path: path, contents: String(decoding: output, as: UTF8.self), role: .reference)
    }

    /// The fields of a record's bytes, flattened (`SpecFields`); nil when they are not a JSON object.
    public static func fields(_ bytes: [UInt8]) -> SpecFields? {
        FlatJSONReader.fields(bytes)
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

    /// Appends `node` as JSON indented by two spaces a level, its first line at `indent`.
    private static func json(_ node: ManifestNode, indent: Int, to output: inout [UInt8]) {
        func newline(_ indent: Int) {
            output.append(UInt8(ascii: "\n"))
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
        }
        switch node {
        case .string(let text), .word(let text): appendJSONString(text, to: &output)
        case .integer(let number): output.append(contentsOf: String(number).utf8)
        case .boolean(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .sequence(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 2)
                json(item, indent: indent + 2, to: &output)
            }
            if !items.isEmpty { newline(indent) }
            output.append(UInt8(ascii: "]"))
        case .mapping(let entries):
            output.append(UInt8(ascii: "{"))
            for (index, entry) in entries.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 2)
                appendJSONString(entry.key, to: &output)
                output.append(contentsOf: ": ".utf8)
                json(entry.value, indent: indent + 2, to: &output)
            }
            if !entries.isEmpty { newline(indent) }
            output.append(UInt8(ascii: "}"))
        }
    }
}

extension ManifestNode: ManifestValue {
    public var manifestNode: ManifestNode { self }
}
