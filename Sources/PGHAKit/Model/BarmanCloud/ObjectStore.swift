/// The Barman Cloud Plugin's `ObjectStore` (`barmancloud.cnpg.io/v1`): where a cluster's WAL and base backups go.
public struct ObjectStore: ObjectWithSpec, Equatable {
    public var apiVersion = "barmancloud.cnpg.io/v1"
    public var kind = "ObjectStore"
    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: ManifestValue, Equatable {
        /// barman-cloud's settings; `serverName` must stay empty (the Cluster's plugin parameter names the server).
        public var configuration: BarmanObjectStoreConfiguration
        public var retentionPolicy: String?
        public var instanceSidecarConfiguration: InstanceSidecarConfiguration?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("configuration", configuration)
                $0.field("retentionPolicy", retentionPolicy)
                $0.field("instanceSidecarConfiguration", instanceSidecarConfiguration)
            }
        }
    }

    /// The sidecar the plugin adds to each instance pod.
    public struct InstanceSidecarConfiguration: ManifestValue, Equatable {
        public var resources: ResourceRequirements?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("resources", resources)
            }
        }
    }
}
