/// A CloudNativePG `Database` (`postgresql.cnpg.io/v1`, 1.25+): a database the operator creates and keeps.
public struct Database: ObjectWithSpec, Equatable {
    public var apiVersion = "postgresql.cnpg.io/v1"
    public var kind = "Database"
    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: ManifestValue, Equatable {
        public var cluster: LocalObjectReference
        public var ensure: String
        public var name: String
        public var owner: String
        public var extensions: [ExtensionSpec]?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("cluster", cluster)
                $0.field("ensure", ensure)
                $0.field("name", name)
                $0.field("owner", owner)
                $0.field("extensions", extensions)
            }
        }
    }

    /// An extension to create in the database (1.26+).
    public struct ExtensionSpec: ManifestValue, Equatable {
        public var name: String
        public var ensure: String

        public var manifestNode: ManifestNode {
            .object {
                $0.field("name", name)
                $0.field("ensure", ensure)
            }
        }
    }
}
