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
            .object([
                "cluster": cluster,
                "name": role.name,
                "ensure": role.ensure,
                "login": role.login,
                "connectionLimit": role.connectionLimit,
                "inRoles": role.inRoles,
                "passwordSecret": role.passwordSecret,
            ])
        }
    }
}
