import Testing
@testable import PGHAKit

/// Managed roles and databases.
@Suite struct RoleRuleTests {
    @Test func roleNamesAreSimpleAndNotReserved() {
        #expect(TestSupport.errors(adding: "roles:\n  Reporting: {}\n  cnpg_x: {}\n  streaming_replica: {}\n  ok:\n    inRoles: [\"pg read\"]\n") == [
            "7:3 error[PGHA0820] roles.Reporting: 'Reporting' is not a simple PostgreSQL identifier",
            "8:3 error[PGHA0820] roles.cnpg_x: the role name 'cnpg_x' is reserved",
            "9:3 error[PGHA0820] roles.streaming_replica: the role name 'streaming_replica' is reserved",
            "11:15 error[PGHA0820] roles.ok.inRoles[0]: 'pg read' is not a simple PostgreSQL identifier",
        ])
    }

    /// A managed role named like the bootstrap owner would take its password from another Secret than the one
    /// applications read; a reserved bootstrap owner makes initdb hand applications an existing role.
    @Test func theBootstrapOwnerIsNeitherManagedNorReserved() {
        #expect(TestSupport.errors(adding: "roles:\n  app:\n    connectionLimit: 50\n") == [
            "7:3 error[PGHA0820] roles.app: 'app' is the bootstrap owner: a managed role of that name would set its password from the Secret pg-test-role-app and leave pg-test-app-credentials, the Secret applications use, with a password that no longer works",
        ])
        #expect(TestSupport.errors(adding: "bootstrap:\n  owner: postgres\n") == [
            "7:10 error[PGHA0820] bootstrap.owner: the bootstrap owner 'postgres' is reserved: initdb skips a role that exists, so applications would get the superuser's or the operator's role",
        ])
    }

    @Test func databasesNeedAnOwnerThatExists() {
        #expect(TestSupport.errors(adding: "roles:\n  reporting: {}\ndatabases:\n  analytics:\n    owner: reporting\n  billing:\n    owner: nobody\n  app_two: {}\n") == [
            "12:12 error[PGHA0822] databases.billing.owner: the owner 'nobody' is not a role of this cluster",
        ])
        #expect(TestSupport.errors(adding: "databases:\n  postgres: {}\n") == ["7:3 error[PGHA0821] databases.postgres: 'postgres' cannot be a managed database"])
    }

    @Test func extensionsNeedOperator126AndRealNames() {
        #expect(TestSupport.errors(adding: "databases:\n  analytics:\n    extensions: [uuid-ossp, \"pg trgm\"]\n")
            == ["8:29 error[PGHA0112] databases.analytics.extensions[1]: 'pg trgm' is not an extension name"])
        #expect(TestSupport.errors(adding: "operator:\n  version: \"1.25\"\ndatabases:\n  analytics:\n    extensions: [pg_trgm]\n")
            == ["10:5 error[PGHA0823] databases.analytics.extensions: CloudNativePG 1.25 cannot create extensions through a Database"])
    }
}
