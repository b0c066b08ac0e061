/// A CloudNativePG `DatabaseRole` (`postgresql.cnpg.io/v1`, 1.30+): one managed role as an object of its own, with
/// the fields of the Cluster's `managed.roles` entries.
public struct DatabaseRole: ObjectWithSpec, Equatable {
    public var apiVersion = "postgresql.cnpg.io/v1"
    public var kind = "DatabaseRole"
    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: ManifestValue, Equatable {
        public var cluster: LocalObjectReference
        public var role: Cluster.RoleConfiguration

        /// `cluster`, then the role's own fields, flat, as the CRD has them.
        public var manifestNode: ManifestNode {
            .object {
                $0.field("cluster", cluster)
                $0.field("name", role.name)
                $0.field("ensure", role.ensure)
                $0.field("login", role.login)
                $0.field("connectionLimit", role.connectionLimit)
                $0.field("inRoles", role.inRoles)
                $0.field("passwordSecret", role.passwordSecret)
            }
        }
    }
}
