/// A CloudNativePG `Cluster` (`postgresql.cnpg.io/v1`); field names are the CRD's.
public struct Cluster: KubernetesObject, Equatable {
    public var apiVersion = "postgresql.cnpg.io/v1"
    public var kind = "Cluster"
    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: Encodable, Sendable, Equatable {
        public var inheritedMetadata: EmbeddedMetadata?
        public var imageName: String
        public var instances: Int
        public var startDelay: Int?
        public var stopDelay: Int?
        public var minSyncReplicas: Int?
        public var maxSyncReplicas: Int?
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
        public var externalClusters: [ExternalCluster]?
    }

    /// Labels and annotations (`inheritedMetadata`, `serviceAccountTemplate.metadata`).
    public struct EmbeddedMetadata: Encodable, Sendable, Equatable {
        public var annotations: SortedMap?
        public var labels: SortedMap?
    }

    public struct ReplicationSlots: Encodable, Sendable, Equatable {
        public var highAvailability: HighAvailability
        public var updateInterval: Int

        public struct HighAvailability: Encodable, Sendable, Equatable {
            public var enabled: Bool
        }
    }

    public struct Affinity: Encodable, Sendable, Equatable {
        public var nodeSelector: SortedMap?
    }

    public struct Bootstrap: Encodable, Sendable, Equatable {
        public var initdb: InitDB?
        public var recovery: Recovery?

        public struct InitDB: Encodable, Sendable, Equatable {
            public var database: String
            public var owner: String
            public var secret: SecretReference
            public var dataChecksums: Bool
        }

        public struct Recovery: Encodable, Sendable, Equatable {
            public var source: String
            public var database: String
            public var owner: String
        }
    }

    public struct SecretReference: Encodable, Sendable, Equatable {
        public var name: String
    }

    public struct StorageConfiguration: Encodable, Sendable, Equatable {
        public var size: String
        public var pvcTemplate: PersistentVolumeClaimSpec
    }

    /// The fields of a core/v1 `PersistentVolumeClaimSpec` that pgha sets.
    public struct PersistentVolumeClaimSpec: Encodable, Sendable, Equatable {
        public var accessModes: [String]
        public var resources: ResourceRequirements
        public var storageClassName: String
        public var volumeMode: String
    }

    public struct PostgresConfiguration: Encodable, Sendable, Equatable {
        public var parameters: SortedMap?
        public var pg_hba: [String]?
        public var shared_preload_libraries: [String]?
    }

    public struct ServiceAccountTemplate: Encodable, Sendable, Equatable {
        public var metadata: EmbeddedMetadata
    }

    public struct BackupConfiguration: Encodable, Sendable, Equatable {
        public var barmanObjectStore: BarmanObjectStore
        public var retentionPolicy: String
    }

    /// barman-cloud's object store settings, on Azure Blob Storage.
    public struct BarmanObjectStore: Encodable, Sendable, Equatable {
        public var destinationPath: String
        public var serverName: String?
        public var azureCredentials: AzureCredentials
        public var wal: WalBackupConfiguration?
    }

    public struct AzureCredentials: Encodable, Sendable, Equatable {
        public var inheritFromAzureAD: Bool
    }

    public struct WalBackupConfiguration: Encodable, Sendable, Equatable {
        public var maxParallel: Int
    }

    public struct ExternalCluster: Encodable, Sendable, Equatable {
        public var name: String
        public var barmanObjectStore: BarmanObjectStore
    }
}
