import Foundation
import Testing
@testable import PGHAKit

/// PostgreSQL parameters are read and refused as CloudNativePG and PostgreSQL read them.
@Suite struct ParameterRuleTests {
    @Test func parameterNamesMustBeLowerCase() {
        #expect(TestSupport.errors(adding: "postgres:\n  parameters:\n    Shared_Buffers: 1GB\n")
            == ["8:5 error[PGHA0201] postgres.parameters.Shared_Buffers: 'Shared_Buffers' is not lower-case"])
    }

    @Test func walLevelMinimalIsAlwaysRefused() {
        #expect(TestSupport.errors(adding: "instances: 1\npostgres:\n  parameters:\n    wal_level: minimal\n").map { $0.prefix(20) } == ["9:16 error[PGHA0205]"])
    }

    @Test func sizesAreReadAsCloudNativePGReadsThem() {
        #expect(TestSupport.errors(adding: "postgres:\n  parameters:\n    shared_buffers: 1.5GB\n    max_wal_size: 2 GB\n") == [])
    }
}
