extension Cluster {
    /// `spec.managed`: the roles the operator reconciles.
    public struct ManagedConfiguration: ManifestValue, Equatable {
        public var roles: [RoleConfiguration]

        public var manifestNode: ManifestNode {
            .object {
                $0.field("roles", roles)
            }
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
            .object {
                $0.field("name", name)
                $0.field("ensure", ensure)
                $0.field("login", login)
                $0.field("connectionLimit", connectionLimit)
                $0.field("inRoles", inRoles)
                $0.field("passwordSecret", passwordSecret)
            }
        }
    }
}
