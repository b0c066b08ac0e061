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
        #expect(TestSupport.errors(adding: "postgres:\n  parameters:\n    shared_buffers: 1.5GB\n    max_wal_size: 2 GB\n    min_wal_size: \"512\"\n") == [])
        // Without a unit, the operator's webhook takes only digits (strconv.Atoi on the value as written).
        #expect(TestSupport.errors(adding: "postgres:\n  parameters:\n    max_wal_size: \"2048.5\"\n    min_wal_size: \"5 12\"\n") == [
            "8:19 error[PGHA0207] postgres.parameters.max_wal_size: '2048.5' is not a size CloudNativePG can read for max_wal_size",
            "9:19 error[PGHA0207] postgres.parameters.min_wal_size: '5 12' is not a size CloudNativePG can read for min_wal_size",
        ])
    }

    /// A memory request below 1MiB is a slip (512m is half a byte); small ones run, as PostgreSQL touches its shared
    /// buffers as it fills them.
    @Test func aMemoryRequestBelowAMebibyteIsASlip() {
        #expect(TestSupport.errors(adding: "resources:\n  memory: 512m\n") == [
            "7:11 error[PGHA0109] resources.memory: the memory request 512m is less than 1MiB: no PostgreSQL instance runs in it",
        ])
        #expect(TestSupport.hint(TestSupport.spec("resources:\n  memory: 512m\n"), code: .sharedBuffersAboveMemory)
            == "'m' means thousandths: 512m is less than a byte; write Mi, such as 512Mi")
        #expect(TestSupport.errors(adding: "resources:\n  memory: 100Mi\n  limits:\n    memory: 1Gi\n") == [])
        #expect(TestSupport.errors(adding: "resources:\n  memory: 128M\n") == [])
    }

    /// Too few WAL senders keep standbys from streaming or joining; too few slots leave a standby's slot missing.
    @Test func replicationLimitsCoverTheInstances() {
        #expect(TestSupport.errors(adding: "postgres:\n  parameters:\n    max_wal_senders: \"0\"\n    max_replication_slots: \"1\"\n") == [
            "8:22 error[PGHA0217] postgres.parameters.max_wal_senders: max_wal_senders 0 is below the 3 that the 3 instances need: one for each standby and two for a standby that joins",
            "9:28 error[PGHA0217] postgres.parameters.max_replication_slots: max_replication_slots 1 is below the 2 that the 3 instances need: one high-availability slot for each other instance",
        ])
        #expect(TestSupport.errors(adding: "instances: 1\npostgres:\n  parameters:\n    max_wal_senders: \"0\"\n") == [])
        #expect(TestSupport.errors(adding: "replication:\n  highAvailabilitySlots: false\npostgres:\n  parameters:\n    max_wal_senders: \"3\"\n    max_replication_slots: \"0\"\n") == [])
    }

    /// The pods request no huge pages, so PostgreSQL with huge_pages on stops at start.
    @Test func hugePagesOnCannotStart() {
        #expect(TestSupport.errors(adding: "postgres:\n  parameters:\n    huge_pages: \"on\"\n") == [
            "8:17 error[PGHA0212] postgres.parameters.huge_pages: huge_pages 'on' needs huge pages, which the instances do not request: PostgreSQL would not start",
        ])
        #expect(TestSupport.errors(adding: "postgres:\n  parameters:\n    huge_pages: try\n") == [])
        #expect(TestSupport.errors(adding: "postgres:\n  parameters:\n    huge_pages: \"off\"\n") == [])
    }

    /// scram-sha-256 rules cannot check a password stored as an MD5 hash.
    @Test func md5PasswordsNeedAnMD5Rule() {
        #expect(TestSupport.errors(adding: "postgres:\n  parameters:\n    password_encryption: md5\n") == [
            "8:26 error[PGHA0218] postgres.parameters.password_encryption: password_encryption md5 stores passwords that no pg_hba rule of this cluster accepts: scram-sha-256 rules cannot check an MD5 hash, so every password login fails",
        ])
        #expect(TestSupport.errors(adding: "postgres:\n  parameters:\n    password_encryption: md5\n  pgHBA:\n    - hostssl all legacy 10.0.0.0/8 md5\n    - hostnossl all all all reject\n") == [])
        #expect(TestSupport.errors(adding: "postgres:\n  parameters:\n    password_encryption: scram-sha-256\n") == [])
        // password sends the cleartext, which PostgreSQL checks against an MD5 hash too.
        #expect(TestSupport.errors(adding: "postgres:\n  parameters:\n    password_encryption: md5\n  pgHBA:\n    - hostssl all all all password\n") == [])
    }

    /// PostgreSQL archives nothing while archive_command (the operator's) and archive_library are both set.
    @Test func archiveLibraryIsRefusedAsTheOperatorArchives() {
        #expect(TestSupport.errors(adding: "postgres:\n  parameters:\n    archive_library: basic_archive\n") == [
            "8:5 error[PGHA0202] postgres.parameters.archive_library: 'archive_library' cannot be set: CloudNativePG archives WAL with archive_command, and PostgreSQL archives nothing while both are set",
        ])
        #expect(TestSupport.hint(TestSupport.spec("postgres:\n  parameters:\n    archive_library: basic_archive\n"), code: .fixedParameter)
            == "WAL archiving follows the 'backup' section")
        #expect(TestSupport.errors(adding: "postgres:\n  parameters:\n    archive_library: \"\"\n") == [])
    }

    /// `isValidName` scans bytes; it is held to CloudNativePG's pattern on every string of up to five characters
    /// from an alphabet of each character class (seeded, so every run checks the same strings).
    @Test func parameterNamesAreCheckedAsCloudNativePGsPatternReadsThem() {
        let pattern = /[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?/
        let alphabet: [Character] = ["a", "Z", "_", "0", "9", "$", ".", "-", " ", "é", "\r\n"]
        var generator = TestSupport.SeededGenerator(state: 15)
        for _ in 0..<20_000 {
            let name = String((0..<Int.random(in: 0...5, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(OperatorParameters.isValidName(name) == (name.wholeMatch(of: pattern) != nil), "\(name.debugDescription)")
        }
    }
}
