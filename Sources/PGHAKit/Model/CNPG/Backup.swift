/// A CloudNativePG on-demand `Backup` (`postgresql.cnpg.io/v1`).
public struct Backup: ObjectWithSpec, Equatable {
    public var apiVersion = "postgresql.cnpg.io/v1"
    public var kind = "Backup"
    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: ManifestValue, Equatable {
        public var method: String
        public var pluginConfiguration: BackupPluginConfiguration?
        public var cluster: LocalObjectReference

        public var manifestNode: ManifestNode {
            .object {
                $0.field("method", method)
                $0.field("pluginConfiguration", pluginConfiguration)
                $0.field("cluster", cluster)
            }
        }
    }
}

/// A reference to an object in the same namespace, by name.
public struct LocalObjectReference: ManifestValue, Equatable {
    public var name: String

    public var manifestNode: ManifestNode {
        .object {
            $0.field("name", name)
        }
    }
}

/// The plugin that takes a backup (`method: plugin`).
public struct BackupPluginConfiguration: ManifestValue, Equatable {
    public var name: String

    public var manifestNode: ManifestNode {
        .object {
            $0.field("name", name)
        }
    }
}
