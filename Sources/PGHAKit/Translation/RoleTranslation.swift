/// The spec's roles: inline in the Cluster's `managed.roles`, or, from CloudNativePG 1.30, as `DatabaseRole` objects
/// (same fields, each with its own lifecycle; a role the Cluster stops listing is left in place, not dropped).
enum RoleTranslation {
    static let databaseRoleSince = OperatorVersion(major: 1, minor: 30)

    /// The Secret deploy.sh creates with the password of a managed role that logs in.
    static func secret(_ spec: Spec, role: String) -> String { "\(spec.name)-role-\(role.replacingEvery("_", with: "-"))" }

    static func managed(_ spec: Spec) -> Cluster.ManagedConfiguration? {
        guard !spec.roles.isEmpty, spec.operatorSettings.version < databaseRoleSince else { return nil }
        return Cluster.ManagedConfiguration(roles: configurations(spec))
    }

    static func databaseRoles(_ spec: Spec) -> [DatabaseRole] {
        guard spec.operatorSettings.version >= databaseRoleSince else { return [] }
        return configurations(spec).map { role in
            DatabaseRole(
                metadata: ObjectMeta(name: "\(spec.name)-\(role.name.replacingEvery("_", with: "-"))", namespace: spec.namespace,
                                     labels: Labels.common(spec)),
                spec: DatabaseRole.Spec(cluster: LocalObjectReference(name: spec.name), role: role)
            )
        }
    }

    private static func configurations(_ spec: Spec) -> [Cluster.RoleConfiguration] {
        spec.roles.sorted { $0.key < $1.key }.map { name, role in
            Cluster.RoleConfiguration(
                name: name, ensure: "present", login: role.login, connectionLimit: role.connectionLimit,
                inRoles: role.inRoles.isEmpty ? nil : role.inRoles,
                passwordSecret: role.login ? Cluster.SecretReference(name: secret(spec, role: name)) : nil
            )
        }
    }
}
