/// Builds the typed `Spec` from a node tree that `StructureChecker` accepted, applying every default.
enum SpecBuilder {
    /// `duplicateKeys` names the earlier occurrences of repeated keys, which are left out.
    static func build(_ root: YAMLNode, sourceMap: SourceMap, skipping duplicateKeys: DuplicateKeys = DuplicateKeys()) -> Spec {
        let top = Fields(root, skipping: duplicateKeys)
        let name = top.string("name") ?? ""
        let namespace = top.string("namespace") ?? "cnpg-database"
        let azure = top.object("azure")
        let resourceGroup = azure.string("resourceGroup") ?? "rg-\(name)"
        let aksCluster = azure.string("aksCluster") ?? "aks-\(name)"
        let location = azure.string("location") ?? ""
        let postgres = top.object("postgres")
        let resources = top.object("resources")
        let limits = resources.object("limits")
        let storage = top.object("storage")
        let replication = top.object("replication")
        let bootstrap = top.object("bootstrap")
        let monitoring = top.object("monitoring")
        let alerts = monitoring.object("alerts")
        let operatorFields = top.object("operator")
        let operatorVersion = OperatorVersion(operatorFields.string("version") ?? "1.30") ?? OperatorVersion(major: 1, minor: 30)
        let identity = azure.object("identity")
        let cpu = resources.string("cpu") ?? "2"
        let memory = resources.string("memory") ?? "8Gi"
        let premiumV2 = storage.has("premiumV2") ? Spec.Storage.PremiumV2(
            iops: storage.object("premiumV2").int("iops") ?? 3000,
            throughputMBps: storage.object("premiumV2").int("throughputMBps") ?? 125
        ) : nil
        let localNVMe = storage.bool("localNVMe") ?? false
        let storageClass = storage.string("storageClass")
            ?? (localNVMe ? "\(namespace)-\(name)-local-nvme" : premiumV2 == nil ? "managed-csi-premium" : "\(namespace)-\(name)-premium-v2")
        let image = postgres.string("image")
        let instances = top.int("instances") ?? 3
        let majorVersion = image.map(Spec.Postgres.majorVersion(ofImage:)) ?? postgres.int("version") ?? 18
        let parameters = postgres.stringMap("parameters") ?? [:]
        let libraries = postgres.stringList("sharedPreloadLibraries") ?? []
        let backupSection = top.has("backup") ? backup(top.object("backup"), clusterName: name, operatorVersion: operatorVersion) : nil
        let nodePoolTaints = azure.object("nodePool").stringList("taints") ?? ["workload=postgres:NoSchedule"]
        let syncReplicas = replication.int("syncReplicas") ?? (instances > 1 ? 1 : 0)
        let dataDurability = replication.string("dataDurability") ?? "required"
        let stopDelay = replication.int("stopDelay") ?? 1800
        let bootstrapOwner = bootstrap.string("owner") ?? "app"

        return Spec(
            name: name,
            namespace: namespace,
            instances: instances,
            zones: top.stringList("zones") ?? ["1", "2", "3"],
            nodeSelector: top.stringMap("nodeSelector") ?? ["workload": "postgres"],
            tolerations: top.stringList("tolerations") ?? nodePoolTaints,
            operatorSettings: Spec.Operator(
                namespace: operatorFields.string("namespace") ?? "cnpg-system",
                version: operatorVersion,
                config: operatorFields.stringMap("config")
                    ?? (operatorVersion < OperatorVersion(major: 1, minor: 26) ? ["ENABLE_AZURE_PVC_UPDATES": "true"] : [:])
            ),
            postgres: Spec.Postgres(
                majorVersion: majorVersion,
                image: image ?? PostgresImage.reference(major: majorVersion ?? 18, method: backupSection?.method,
                                                        parameters: parameters, libraries: libraries),
                parameters: parameters,
                pgHBA: postgres.stringList("pgHBA") ?? ["hostssl all all all scram-sha-256", "hostnossl all all all reject"],
                sharedPreloadLibraries: libraries,
                imageCatalog: postgres.has("imageCatalog") ? Spec.Postgres.ImageCatalog(
                    kind: postgres.object("imageCatalog").string("kind") ?? "ImageCatalog",
                    name: postgres.object("imageCatalog").string("name") ?? ""
                ) : nil
            ),
            resources: Spec.Resources(
                cpu: cpu,
                memory: memory,
                cpuLimit: limits.string("cpu") ?? cpu,
                memoryLimit: limits.string("memory") ?? memory
            ),
            storage: Spec.Storage(
                size: storage.string("size") ?? "64Gi",
                storageClass: storageClass,
                wal: storage.has("wal") ? Spec.Storage.Volume(
                    size: storage.object("wal").string("size") ?? "",
                    storageClass: storage.object("wal").string("storageClass") ?? storageClass
                ) : nil,
                premiumV2: premiumV2,
                localNVMe: localNVMe
            ),
            bootstrap: Spec.Bootstrap(
                database: bootstrap.string("database") ?? "app",
                owner: bootstrapOwner,
                secret: bootstrap.string("secret") ?? "\(name)-app-credentials",
                dataChecksums: bootstrap.bool("dataChecksums") ?? true
            ),
            roles: top.objectMap("roles").mapValues { role in
                Spec.Role(
                    login: role.bool("login") ?? true,
                    connectionLimit: role.int("connectionLimit") ?? -1,
                    inRoles: role.stringList("inRoles") ?? []
                )
            },
            databases: top.objectMap("databases").mapValues { database in
                Spec.Database(
                    owner: database.string("owner") ?? bootstrapOwner,
                    extensions: database.stringList("extensions") ?? []
                )
            },
            replication: Spec.Replication(
                syncReplicas: syncReplicas,
                syncMethod: replication.string("syncMethod") ?? "any",
                dataDurability: dataDurability,
                failoverQuorum: replication.bool("failoverQuorum")
                    ?? (syncReplicas > 0 && dataDurability == "required" && operatorVersion >= Spec.Replication.failoverQuorumSince),
                highAvailabilitySlots: replication.bool("highAvailabilitySlots") ?? true,
                slotUpdateInterval: replication.int("slotUpdateInterval") ?? 30,
                startDelay: replication.int("startDelay") ?? 3600,
                stopDelay: stopDelay,
                smartShutdownTimeout: replication.int("smartShutdownTimeout") ?? max(1, min(180, stopDelay - 15)),
                startupMaximumLag: replication.string("startupMaximumLag") ?? "32Mi",
                readinessMaximumLag: replication.string("readinessMaximumLag")
            ),
            backup: backupSection,
            recovery: top.has("recovery") ? recovery(top.object("recovery"), clusterName: name) : nil,
            monitoring: Spec.Monitoring(
                prometheus: monitoring.bool("prometheus") ?? true,
                managedPrometheus: monitoring.bool("managedPrometheus") ?? false,
                dashboard: monitoring.bool("dashboard") ?? true,
                alerts: Spec.Monitoring.Alerts(
                    enabled: alerts.bool("enabled") ?? true,
                    replicationLagSeconds: alerts.int("replicationLagSeconds") ?? 60,
                    connectionsPercent: alerts.int("connectionsPercent") ?? 80,
                    diskUsagePercent: alerts.int("diskUsagePercent") ?? 80,
                    backupMaxAgeHours: alerts.int("backupMaxAgeHours") ?? 26,
                    runbookBaseURL: alerts.string("runbookBaseURL")
                )
            ),
            expose: top.has("expose") ? expose(top.object("expose"), clusterName: name) : nil,
            pooler: top.has("pooler") ? pooler(top.object("pooler")) : nil,
            azure: Spec.Azure(
                subscription: azure.string("subscription"),
                location: location,
                resourceGroup: resourceGroup,
                aksCluster: aksCluster,
                nodeResourceGroup: azure.string("nodeResourceGroup") ?? "MC_\(resourceGroup)_\(aksCluster)_\(location)",
                kubernetesVersion: azure.string("kubernetesVersion") ?? KubernetesSupport.defaultVersion(for: operatorVersion),
                tier: azure.string("tier") ?? "standard",
                authorizedIPRanges: azure.stringList("authorizedIPRanges") ?? [],
                identityName: identity.string("name") ?? "\(name)-identity",
                identityClientID: identity.string("clientID"),
                controlPlaneIdentityName: azure.object("controlPlaneIdentity").string("name") ?? "\(aksCluster)-identity",
                systemPool: nodePool(azure.object("systemPool"), name: "systempool", vmSize: "standard_d2s_v3", min: 2, max: 3, taints: []),
                nodePool: nodePool(azure.object("nodePool"), name: "postgres", vmSize: "standard_d4s_v3", min: 3, max: 6,
                                   taints: nodePoolTaints),
                grafana: azure.string("grafana") ?? "\(name)-grafana",
                monitorWorkspace: azure.string("monitorWorkspace") ?? "\(name)-prometheus",
                logAnalyticsWorkspace: azure.string("logAnalyticsWorkspace") ?? "\(name)-logs",
                tags: azure.stringMap("tags") ?? [:]
            ),
            sourceMap: sourceMap
        )
    }

    private static func backup(_ fields: Fields, clusterName: String, operatorVersion: OperatorVersion) -> Spec.Backup {
        let sidecar = fields.object("sidecar")
        return Spec.Backup(
            method: fields.string("method").flatMap(BackupMethod.init(rawValue:)) ?? OperatorRelease.defaultBackupMethod(for: operatorVersion),
            objectStore: fields.string("objectStore") ?? "\(clusterName)-backups",
            storageAccount: fields.string("storageAccount") ?? "",
            container: fields.string("container") ?? "backups",
            retention: fields.string("retention") ?? "7d",
            schedule: fields.string("schedule") ?? "0 15 * * * *",
            onDemand: fields.bool("onDemand") ?? true,
            walCompression: fields.string("walCompression"),
            dataCompression: fields.string("dataCompression"),
            walMaxParallel: fields.int("walMaxParallel") ?? 8,
            sidecar: Spec.Backup.Sidecar(cpu: sidecar.string("cpu") ?? "500m", memory: sidecar.string("memory") ?? "512Mi")
        )
    }

    private static func recovery(_ fields: Fields, clusterName: String) -> Spec.Recovery {
        Spec.Recovery(
            name: fields.string("name") ?? "\(clusterName)-recovered",
            instances: fields.int("instances") ?? 1,
            walMaxParallel: fields.int("walMaxParallel") ?? 8,
            targetTime: fields.string("targetTime"),
            targetLSN: fields.string("targetLSN"),
            targetName: fields.string("targetName"),
            targetImmediate: fields.bool("targetImmediate") ?? false,
            backupID: fields.string("backupID")
        )
    }

    private static func expose(_ fields: Fields, clusterName: String) -> Spec.Expose {
        Spec.Expose(
            allowedSourceRanges: fields.stringList("allowedSourceRanges") ?? [],
            allowInternet: fields.bool("allowInternet") ?? false,
            allowTrust: fields.bool("allowTrust") ?? false,
            dnsLabel: fields.string("dnsLabel") ?? "",
            publicIP: fields.string("publicIP") ?? "\(clusterName)-pip",
            readWritePort: fields.int("readWritePort") ?? 5432,
            readOnlyPort: fields.int("readOnlyPort") ?? 5433
        )
    }

    private static func pooler(_ fields: Fields) -> Spec.Pooler {
        let resources = fields.object("resources")
        let expose = fields.object("expose")
        return Spec.Pooler(
            instances: fields.int("instances") ?? 2,
            poolMode: fields.string("poolMode") ?? "transaction",
            readOnly: fields.bool("readOnly") ?? false,
            parameters: fields.stringMap("parameters") ?? [:],
            cpu: resources.string("cpu") ?? "500m",
            memory: resources.string("memory") ?? "256Mi",
            expose: fields.has("expose") ? Spec.Pooler.Exposure(
                allowedSourceRanges: expose.stringList("allowedSourceRanges") ?? [],
                dnsLabel: expose.string("dnsLabel")
            ) : nil
        )
    }

    private static func nodePool(_ fields: Fields, name: String, vmSize: String, min: Int, max: Int, taints: [String]) -> Spec.Azure.NodePool {
        Spec.Azure.NodePool(
            name: fields.string("name") ?? name,
            vmSize: fields.string("vmSize") ?? vmSize,
            minCount: fields.int("minCount") ?? min,
            maxCount: fields.int("maxCount") ?? max,
            taints: taints
        )
    }

    /// Read access to the fields of one mapping node (empty when the node is absent), by key text.
    private struct Fields {
        private let pairs: [(key: String, value: YAMLNode)]
        private let duplicateKeys: DuplicateKeys

        init(_ node: YAMLNode?, skipping duplicateKeys: DuplicateKeys) {
            self.duplicateKeys = duplicateKeys
            // Reserved for every pair: `compactMap` grows its array from empty, reallocating it as it fills.
            var pairs: [(key: String, value: YAMLNode)] = []
            let mapping = node?.mapping ?? []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                if let text = key.scalar?.string, !duplicateKeys.isPlaceholder(text) { pairs.append((text, value)) }
            }
            self.pairs = pairs
        }

        private func value(_ key: String) -> YAMLNode? {
            pairs.first { $0.key == key }?.value
        }

        func has(_ key: String) -> Bool { value(key) != nil }
        func object(_ key: String) -> Fields { Fields(value(key), skipping: duplicateKeys) }
        func string(_ key: String) -> String? { value(key)?.scalar?.string }
        func int(_ key: String) -> Int? { string(key).flatMap { Int($0) } }
        func bool(_ key: String) -> Bool? { value(key)?.scalar.flatMap { ScalarKind.booleanValue(of: $0.string) } }

        func stringList(_ key: String) -> [String]? {
            value(key)?.sequence.map { $0.compactMap { $0.scalar?.string } }
        }

        /// A mapping of names to objects, such as `roles`; empty when absent.
        func objectMap(_ key: String) -> [String: Fields] {
            guard let pairs = value(key)?.mapping else { return [:] }
            var result: [String: Fields] = [:]
            for (key, value) in pairs { if let key = key.scalar?.string { result[key] = Fields(value, skipping: duplicateKeys) } }
            return result
        }

        func stringMap(_ key: String) -> [String: String]? {
            guard value(key)?.mapping != nil else { return nil }
            let fields = object(key)
            var result: [String: String] = [:]
            result.reserveCapacity(fields.pairs.count)
            for (key, value) in fields.pairs {
                if let value = value.scalar?.string { result[key] = value }
            }
            return result
        }
    }
}

extension Spec.Postgres {
    /// The major version a CloudNativePG image tag starts with (`16.4-system-trixie` → 16), or nil.
    static func majorVersion(ofImage image: String) -> Int? {
        guard let tag = imageTag(image) else { return nil }
        let digits = tag.prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }

    /// The tag of an image reference (`repo:tag` or `repo:tag@digest`), or nil when there is none.
    static func imageTag(_ image: String) -> String? {
        let withoutDigest = image.split(separator: "@", maxSplits: 1).first.map(String.init) ?? image
        let lastComponent = withoutDigest.split(separator: "/").last.map(String.init) ?? withoutDigest
        guard let colon = lastComponent.lastIndex(of: ":") else { return nil }
        return String(lastComponent[lastComponent.index(after: colon)...])
    }
}
