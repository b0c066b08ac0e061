/// Managed roles and Database objects: names, reserved names, owners that exist, what the operator version has.
enum RoleRules {
    /// Roles PostgreSQL and CloudNativePG keep for themselves (`pkg/postgres/roles.go`, `IsRoleReserved`).
    static func isReservedRole(_ name: String) -> Bool {
        name == "postgres" || name == "streaming_replica" || name.hasPrefix("cnpg_") || name.hasPrefix("pg_")
    }

    /// Extension names as shipped (`pg_trgm`, `uuid-ossp`): lowercase letters, digits, '_' and '-'.
    static func isExtensionName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 63 && name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || NameRules.isLowerAlphanumeric($0) }
    }

    static func check(_ context: inout ValidationContext) {
        let spec = context.spec
        for (name, role) in spec.roles.sorted(by: { $0.key < $1.key }) {
            let path = "roles.\(name)"
            if !ClusterRules.isSimpleIdentifier(name) {
                context.error(.invalidRoleName, "'\(name)' is not a simple PostgreSQL identifier", at: path,
                              hint: "use at most 63 lowercase letters, digits and '_', starting with a letter or '_'")
            } else if isReservedRole(name) {
                context.error(.invalidRoleName, "the role name '\(name)' is reserved", at: path,
                              hint: "postgres, streaming_replica and names starting with cnpg_ or pg_ belong to PostgreSQL and the operator")
            } else if name == spec.bootstrap.owner {
                context.error(.invalidRoleName,
                              "'\(name)' is the bootstrap owner: a managed role of that name would set its password from the Secret \(RoleTranslation.secret(spec, role: name)) and leave \(spec.bootstrap.secret), the Secret applications use, with a password that no longer works",
                              at: path, hint: "remove roles.\(name); the bootstrap owner is configured under bootstrap")
            }
            for (index, member) in role.inRoles.enumerated() where !ClusterRules.isSimpleIdentifier(member) {
                context.error(.invalidRoleName, "'\(member)' is not a simple PostgreSQL identifier", at: "\(path).inRoles[\(index)]",
                              hint: "name an existing role, such as pg_read_all_data")
            }
        }
        if isReservedRole(spec.bootstrap.owner), context.checksValue(at: "bootstrap.owner") {
            context.error(.invalidRoleName,
                          "the bootstrap owner '\(spec.bootstrap.owner)' is reserved: initdb skips a role that exists, so applications would get the superuser's or the operator's role",
                          at: "bootstrap.owner", hint: "use a role of the application's own, such as app")
        }
        let owners = Set(spec.roles.keys).union([spec.bootstrap.owner])
        for (name, database) in spec.databases.sorted(by: { $0.key < $1.key }) {
            let path = "databases.\(name)"
            if !ClusterRules.isSimpleIdentifier(name) || ["postgres", "template0", "template1"].contains(name) {
                context.error(.invalidDatabaseName, "'\(name)' cannot be a managed database", at: path,
                              hint: "use a simple identifier other than postgres, template0 and template1")
            }
            if !owners.contains(database.owner) {
                context.error(.databaseOwnerNotARole, "the owner '\(database.owner)' is not a role of this cluster", at: "\(path).owner",
                              hint: "use bootstrap.owner ('\(spec.bootstrap.owner)') or declare it under roles")
            }
            if !database.extensions.isEmpty && spec.operatorSettings.version < DatabaseTranslation.extensionsSince {
                context.error(.databaseExtensionsUnavailable,
                              "CloudNativePG \(spec.operatorSettings.version) cannot create extensions through a Database", at: "\(path).extensions",
                              hint: "target operator 1.26 or newer, or create the extensions with SQL")
            }
            for (index, extensionName) in database.extensions.enumerated() where !isExtensionName(extensionName) {
                context.error(.invalidIdentifier, "'\(extensionName)' is not an extension name", at: "\(path).extensions[\(index)]",
                              hint: "lowercase letters, digits, '_' and '-', such as pg_trgm or uuid-ossp")
            }
        }
    }
}
