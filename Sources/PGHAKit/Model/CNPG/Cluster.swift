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
            .object {
                $0.field("inheritedMetadata", inheritedMetadata)
                $0.field("imageName", imageName)
                $0.field("imageCatalogRef", imageCatalogRef)
                $0.field("instances", instances)
                $0.field("startDelay", startDelay)
                $0.field("stopDelay", stopDelay)
                $0.field("smartShutdownTimeout", smartShutdownTimeout)
                $0.field("probes", probes)
                $0.field("replicationSlots", replicationSlots)
                $0.field("topologySpreadConstraints", topologySpreadConstraints)
                $0.field("affinity", affinity)
                $0.field("resources", resources)
                $0.field("bootstrap", bootstrap)
                $0.field("storage", storage)
                $0.field("walStorage", walStorage)
                $0.field("postgresql", postgresql)
                $0.field("serviceAccountTemplate", serviceAccountTemplate)
                $0.field("backup", backup)
                $0.field("plugins", plugins)
                $0.field("managed", managed)
                $0.field("externalClusters", externalClusters)
            }
        }
    }

    /// Labels and annotations (`inheritedMetadata`, `serviceAccountTemplate.metadata`).
    public struct EmbeddedMetadata: ManifestValue, Equatable {
        public var annotations: SortedMap?
        public var labels: SortedMap?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("annotations", annotations)
                $0.field("labels", labels)
            }
        }
    }

    public struct ReplicationSlots: ManifestValue, Equatable {
        public var highAvailability: HighAvailability
        public var updateInterval: Int

        public var manifestNode: ManifestNode {
            .object {
                $0.field("highAvailability", highAvailability)
                $0.field("updateInterval", updateInterval)
            }
        }

        public struct HighAvailability: ManifestValue, Equatable {
            public var enabled: Bool

            public var manifestNode: ManifestNode {
                .object {
                    $0.field("enabled", enabled)
                }
            }
        }
    }

    public struct Affinity: ManifestValue, Equatable {
        public var nodeSelector: SortedMap?
        public var tolerations: [Toleration]?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("nodeSelector", nodeSelector)
                $0.field("tolerations", tolerations)
            }
        }
    }

    public struct Bootstrap: ManifestValue, Equatable {
        public var initdb: InitDB?
        public var recovery: Recovery?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("initdb", initdb)
                $0.field("recovery", recovery)
            }
        }

        public struct InitDB: ManifestValue, Equatable {
            public var database: String
            public var owner: String
            public var secret: SecretReference
            public var dataChecksums: Bool

            public var manifestNode: ManifestNode {
                .object {
                    $0.field("database", database)
                    $0.field("owner", owner)
                    $0.field("secret", secret)
                    $0.field("dataChecksums", dataChecksums)
                }
            }
        }

        public struct Recovery: ManifestValue, Equatable {
            public var source: String
            public var database: String
            public var owner: String
            public var recoveryTarget: RecoveryTarget?

            public var manifestNode: ManifestNode {
                .object {
                    $0.field("source", source)
                    $0.field("database", database)
                    $0.field("owner", owner)
                    $0.field("recoveryTarget", recoveryTarget)
                }
            }
        }

        /// Where WAL replay stops (point-in-time recovery); CloudNativePG allows one target.
        public struct RecoveryTarget: ManifestValue, Equatable {
            public var targetTime: String?
            public var targetLSN: String?
            public var targetName: String?
            public var targetImmediate: Bool?
            public var backupID: String?

            public var manifestNode: ManifestNode {
                .object {
                    $0.field("backupID", backupID)
                    $0.field("targetTime", targetTime)
                    $0.field("targetLSN", targetLSN)
                    $0.field("targetName", targetName)
                    $0.field("targetImmediate", targetImmediate)
                }
            }
        }
    }

    public struct SecretReference: ManifestValue, Equatable {
        public var name: String

        public var manifestNode: ManifestNode {
            .object {
                $0.field("name", name)
            }
        }
    }

    public struct StorageConfiguration: ManifestValue, Equatable {
        public var size: String
        public var pvcTemplate: PersistentVolumeClaimSpec

        public var manifestNode: ManifestNode {
            .object {
                $0.field("size", size)
                $0.field("pvcTemplate", pvcTemplate)
            }
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
            .object {
                $0.field("accessModes", accessModes)
                $0.field("resources", resources)
                $0.field("storageClassName", storageClassName)
                $0.field("volumeAttributesClassName", volumeAttributesClassName)
                $0.field("volumeMode", volumeMode)
            }
        }
    }

    public struct PostgresConfiguration: ManifestValue, Equatable {
        public var parameters: SortedMap?
        public var synchronous: SynchronousReplicaConfiguration?
        public var pg_hba: [String]?
        public var shared_preload_libraries: [String]?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("parameters", parameters)
                $0.field("synchronous", synchronous)
                $0.field("pg_hba", pg_hba)
                $0.field("shared_preload_libraries", shared_preload_libraries)
            }
        }
    }

    /// `postgresql.synchronous` (CloudNativePG 1.24+; `failoverQuorum` 1.28+).
    public struct SynchronousReplicaConfiguration: ManifestValue, Equatable {
        public var method: String
        public var number: Int
        public var dataDurability: String
        public var failoverQuorum: Bool?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("method", method)
                $0.field("number", number)
                $0.field("dataDurability", dataDurability)
                $0.field("failoverQuorum", failoverQuorum)
            }
        }
    }

    public struct ServiceAccountTemplate: ManifestValue, Equatable {
        public var metadata: EmbeddedMetadata

        public var manifestNode: ManifestNode {
            .object {
                $0.field("metadata", metadata)
            }
        }
    }

    public struct BackupConfiguration: ManifestValue, Equatable {
        public var barmanObjectStore: BarmanObjectStoreConfiguration
        public var retentionPolicy: String

        public var manifestNode: ManifestNode {
            .object {
                $0.field("barmanObjectStore", barmanObjectStore)
                $0.field("retentionPolicy", retentionPolicy)
            }
        }
    }

    public struct ExternalCluster: ManifestValue, Equatable {
        public var name: String
        public var barmanObjectStore: BarmanObjectStoreConfiguration?
        public var plugin: PluginConfiguration?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("name", name)
                $0.field("barmanObjectStore", barmanObjectStore)
                $0.field("plugin", plugin)
            }
        }
    }

    /// A CNPG-I plugin the Cluster uses (`spec.plugins[]`, `externalClusters[].plugin`).
    public struct PluginConfiguration: ManifestValue, Equatable {
        public var name: String
        public var isWALArchiver: Bool?
        public var parameters: SortedMap?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("name", name)
                $0.field("isWALArchiver", isWALArchiver)
                $0.field("parameters", parameters)
            }
        }
    }

    /// The image catalog entry the Cluster runs (`spec.imageCatalogRef`).
    public struct ImageCatalogRef: ManifestValue, Equatable {
        public var apiGroup: String
        public var kind: String
        public var name: String
        public var major: Int

        public var manifestNode: ManifestNode {
            .object {
                $0.field("apiGroup", apiGroup)
                $0.field("kind", kind)
                $0.field("name", name)
                $0.field("major", major)
            }
        }
    }
}
