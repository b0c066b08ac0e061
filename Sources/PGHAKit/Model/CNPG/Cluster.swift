/// A CloudNativePG `Cluster` (`postgresql.cnpg.io/v1`); field names are the CRD's.
public struct Cluster: ObjectWithSpec, Equatable {
    public var apiVersion = "postgresql.cnpg.io/v1"
    public var kind = "Cluster"
    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: ManifestValue, Equatable {
        public var inheritedMetadata: EmbeddedMetadata?
        public var imageName: String?
        public var imageCatalogRef: ImageCatalogRef?
        public var instances: Int
        public var startDelay: Int?
        public var stopDelay: Int?
        public var smartShutdownTimeout: Int?
        public var probes: Probes?
        public var replicationSlots: ReplicationSlots?
        public var topologySpreadConstraints: [TopologySpreadConstraint]?
        public var affinity: Affinity?
        public var resources: ResourceRequirements?
        public var bootstrap: Bootstrap
        public var storage: StorageConfiguration
        public var walStorage: StorageConfiguration?
        public var postgresql: PostgresConfiguration?
        public var serviceAccountTemplate: ServiceAccountTemplate?
        public var backup: BackupConfiguration?
        public var plugins: [PluginConfiguration]?
        public var managed: ManagedConfiguration? = nil
        public var externalClusters: [ExternalCluster]?

        public var manifestNode: ManifestNode {
            .object([
                "inheritedMetadata": inheritedMetadata,
                "imageName": imageName,
                "imageCatalogRef": imageCatalogRef,
                "instances": instances,
                "startDelay": startDelay,
                "stopDelay": stopDelay,
                "smartShutdownTimeout": smartShutdownTimeout,
                "probes": probes,
                "replicationSlots": replicationSlots,
                "topologySpreadConstraints": topologySpreadConstraints,
                "affinity": affinity,
                "resources": resources,
                "bootstrap": bootstrap,
                "storage": storage,
                "walStorage": walStorage,
                "postgresql": postgresql,
                "serviceAccountTemplate": serviceAccountTemplate,
                "backup": backup,
                "plugins": plugins,
                "managed": managed,
                "externalClusters": externalClusters,
            ])
        }
    }

    /// Labels and annotations (`inheritedMetadata`, `serviceAccountTemplate.metadata`).
    public struct EmbeddedMetadata: ManifestValue, Equatable {
        public var annotations: SortedMap?
        public var labels: SortedMap?

        public var manifestNode: ManifestNode {
            .object([
                "annotations": annotations,
                "labels": labels,
            ])
        }
    }

    public struct ReplicationSlots: ManifestValue, Equatable {
        public var highAvailability: HighAvailability
        public var updateInterval: Int

        public var manifestNode: ManifestNode {
            .object([
                "highAvailability": highAvailability,
                "updateInterval": updateInterval,
            ])
        }

        public struct HighAvailability: ManifestValue, Equatable {
            public var enabled: Bool

            public var manifestNode: ManifestNode {
                .object([
                    "enabled": enabled,
                ])
            }
        }
    }

    public struct Affinity: ManifestValue, Equatable {
        public var nodeSelector: SortedMap?
        public var tolerations: [Toleration]?

        public var manifestNode: ManifestNode {
            .object([
                "nodeSelector": nodeSelector,
                "tolerations": tolerations,
            ])
        }
    }

    public struct Bootstrap: ManifestValue, Equatable {
        public var initdb: InitDB?
        public var recovery: Recovery?

        public var manifestNode: ManifestNode {
            .object([
                "initdb": initdb,
                "recovery": recovery,
            ])
        }

        public struct InitDB: ManifestValue, Equatable {
            public var database: String
            public var owner: String
            public var secret: SecretReference
            public var dataChecksums: Bool

            public var manifestNode: ManifestNode {
                .object([
                    "database": database,
                    "owner": owner,
                    "secret": secret,
                    "dataChecksums": dataChecksums,
                ])
            }
        }

        public struct Recovery: ManifestValue, Equatable {
            public var source: String
            public var database: String
            public var owner: String
            public var recoveryTarget: RecoveryTarget?

            public var manifestNode: ManifestNode {
                .object([
                    "source": source,
                    "database": database,
                    "owner": owner,
                    "recoveryTarget": recoveryTarget,
                ])
            }
        }

        /// Where WAL replay stops (point-in-time recovery); CloudNativePG allows one target.
        public struct RecoveryTarget: ManifestValue, Equatable {
            public var targetTime: String?
            public var targetLSN: String?
            public var targetName: String?
            public var targetImmediate: Bool?

            public var manifestNode: ManifestNode {
                .object([
                    "targetTime": targetTime,
                    "targetLSN": targetLSN,
                    "targetName": targetName,
                    "targetImmediate": targetImmediate,
                ])
            }
        }
    }

    public struct SecretReference: ManifestValue, Equatable {
        public var name: String

        public var manifestNode: ManifestNode {
            .object([
                "name": name,
            ])
        }
    }

    public struct StorageConfiguration: ManifestValue, Equatable {
        public var size: String
        public var pvcTemplate: PersistentVolumeClaimSpec

        public var manifestNode: ManifestNode {
            .object([
                "size": size,
                "pvcTemplate": pvcTemplate,
            ])
        }
    }

    /// The fields of a core/v1 `PersistentVolumeClaimSpec` that pgha sets.
    public struct PersistentVolumeClaimSpec: ManifestValue, Equatable {
        public var accessModes: [String]
        public var resources: ResourceRequirements
        public var storageClassName: String
        public var volumeAttributesClassName: String?
        public var volumeMode: String

        public var manifestNode: ManifestNode {
            .object([
                "accessModes": accessModes,
                "resources": resources,
                "storageClassName": storageClassName,
                "volumeAttributesClassName": volumeAttributesClassName,
                "volumeMode": volumeMode,
            ])
        }
    }

    public struct PostgresConfiguration: ManifestValue, Equatable {
        public var parameters: SortedMap?
        public var synchronous: SynchronousReplicaConfiguration?
        public var pg_hba: [String]?
        public var shared_preload_libraries: [String]?

        public var manifestNode: ManifestNode {
            .object([
                "parameters": parameters,
                "synchronous": synchronous,
                "pg_hba": pg_hba,
                "shared_preload_libraries": shared_preload_libraries,
            ])
        }
    }

    /// `postgresql.synchronous` (CloudNativePG 1.24+; `failoverQuorum` 1.28+).
    public struct SynchronousReplicaConfiguration: ManifestValue, Equatable {
        public var method: String
        public var number: Int
        public var dataDurability: String
        public var failoverQuorum: Bool?

        public var manifestNode: ManifestNode {
            .object([
                "method": method,
                "number": number,
                "dataDurability": dataDurability,
                "failoverQuorum": failoverQuorum,
            ])
        }
    }

    public struct ServiceAccountTemplate: ManifestValue, Equatable {
        public var metadata: EmbeddedMetadata

        public var manifestNode: ManifestNode {
            .object([
                "metadata": metadata,
            ])
        }
    }

    public struct BackupConfiguration: ManifestValue, Equatable {
        public var barmanObjectStore: BarmanObjectStoreConfiguration
        public var retentionPolicy: String

        public var manifestNode: ManifestNode {
            .object([
                "barmanObjectStore": barmanObjectStore,
                "retentionPolicy": retentionPolicy,
            ])
        }
    }

    public struct ExternalCluster: ManifestValue, Equatable {
        public var name: String
        public var barmanObjectStore: BarmanObjectStoreConfiguration?
        public var plugin: PluginConfiguration?

        public var manifestNode: ManifestNode {
            .object([
                "name": name,
                "barmanObjectStore": barmanObjectStore,
                "plugin": plugin,
            ])
        }
    }

    /// A CNPG-I plugin the Cluster uses (`spec.plugins[]`, `externalClusters[].plugin`).
    public struct PluginConfiguration: ManifestValue, Equatable {
        public var name: String
        public var isWALArchiver: Bool?
        public var parameters: SortedMap?

        public var manifestNode: ManifestNode {
            .object([
                "name": name,
                "isWALArchiver": isWALArchiver,
                "parameters": parameters,
            ])
        }
    }

    /// The image catalog entry the Cluster runs (`spec.imageCatalogRef`).
    public struct ImageCatalogRef: ManifestValue, Equatable {
        public var apiGroup: String
        public var kind: String
        public var name: String
        public var major: Int

        public var manifestNode: ManifestNode {
            .object([
                "apiGroup": apiGroup,
                "kind": kind,
                "name": name,
                "major": major,
            ])
        }
    }
}
