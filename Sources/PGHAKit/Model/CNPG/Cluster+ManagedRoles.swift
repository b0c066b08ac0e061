extension Cluster {
    /// `spec.managed`: the roles the operator reconciles.
    public struct ManagedConfiguration: ManifestValue, Equatable {
        public var roles: [RoleConfiguration]

        public var manifestNode: ManifestNode {
            .object([
                "roles": roles,
            ])
        }
    }

    /// One entry of `spec.managed.roles`.
    public struct RoleConfiguration: ManifestValue, Equatable {
        public var name: String
        public var ensure: String
        public var login: Bool
        public var connectionLimit: Int
        public var inRoles: [String]?
        public var passwordSecret: SecretReference?

        public var manifestNode: ManifestNode {
            .object([
                "name": name,
                "ensure": ensure,
                "login": login,
                "connectionLimit": connectionLimit,
                "inRoles": inRoles,
                "passwordSecret": passwordSecret,
            ])
        }
    }
}
