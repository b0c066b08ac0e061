import Testing
@testable import PGHAKit

/// Parameter values and sizes that PostgreSQL or CloudNativePG would misread.
@Suite struct ParameterValidationTests {
    @Test func valuesWithNewlinesAreRefused() {
        let yaml = TestSupport.spec("postgres:\n  parameters:\n    work_mem: |\n      4MB\n    log_line_prefix: \"a\\nb\"\n    application_name: \"a\\u0007b\"\n")
        #expect(TestSupport.errors(yaml) == [
            "8:15 error[PGHA0216] postgres.parameters.work_mem: the value of 'work_mem' contains a newline",
            "10:22 error[PGHA0216] postgres.parameters.log_line_prefix: the value of 'log_line_prefix' contains a newline",
            "11:23 error[PGHA0216] postgres.parameters.application_name: the value of 'application_name' contains the control character U+7",
        ])
    }

    @Test func aBareSharedBuffersGetsTheEquivalentSizeInItsHint() {
        let yaml = TestSupport.spec("resources:\n  memory: 512Gi\npostgres:\n  parameters:\n    shared_buffers: \"262144\"\n")
        #expect(TestSupport.diagnostics(yaml, codes: .sizeWithoutUnit, .sharedBuffersAboveMemory) == [
            "10:21 warning[PGHA0210] postgres.parameters.shared_buffers: shared_buffers '262144' has no unit: PostgreSQL reads 8kB pages, CloudNativePG reads megabytes",
        ])
        #expect(TestSupport.hint(yaml, code: .sizeWithoutUnit) == "write the unit: 262144 pages of 8kB are 2GB; or 262144MB if you meant megabytes")
    }

    @Test func aBareSharedBuffersAboveMemoryIsOneError() {
        let yaml = TestSupport.spec("postgres:\n  parameters:\n    shared_buffers: \"262144\"\n")
        #expect(TestSupport.diagnostics(yaml, codes: .sizeWithoutUnit, .sharedBuffersAboveMemory) == [
            "8:21 error[PGHA0109] postgres.parameters.shared_buffers: shared_buffers 262144 (megabytes, as CloudNativePG reads a bare number) is larger than the memory request 8Gi (default)",
        ])
        #expect(TestSupport.hint(yaml, code: .sharedBuffersAboveMemory) == "write the unit: 262144 pages of 8kB are 2GB; or 262144MB if you meant megabytes")
    }

    @Test(arguments: ["64Mi", "512Mi", "1Gi", "1200Mi"])
    func aWALVolumeBelowTheDefaultWALSizesIsWarnedAbout(_ size: String) {
        let yaml = TestSupport.spec("storage:\n  wal:\n    size: \(size)\n")
        #expect(TestSupport.diagnostics(yaml, codes: .walVolumeTooSmall) == [
            "8:11 warning[PGHA0502] storage.wal.size: the \(size) WAL volume is smaller than max_wal_size (default 1GB) plus wal_keep_size (default 512MB) (1536Mi)",
        ])
    }

    @Test func aWrittenWALSizeIsNamedWithoutDefault() {
        let yaml = TestSupport.spec("storage:\n  wal:\n    size: 2Gi\npostgres:\n  parameters:\n    max_wal_size: 1900MB\n")
        #expect(TestSupport.diagnostics(yaml, codes: .walVolumeTooSmall) == [
            "8:11 warning[PGHA0502] storage.wal.size: the 2Gi WAL volume is smaller than max_wal_size plus wal_keep_size (default 512MB) (2412Mi)",
        ])
    }

    @Test func aWALSizeAboveTheVolumeIsOneError() {
        let yaml = TestSupport.spec("storage:\n  wal:\n    size: 1Gi\npostgres:\n  parameters:\n    max_wal_size: 2GB\n")
        #expect(TestSupport.diagnostics(yaml, codes: .walVolumeTooSmall, .walSizeAboveVolume) == [
            "11:19 error[PGHA0209] postgres.parameters.max_wal_size: max_wal_size 2GB does not fit the 1Gi WAL volume",
        ])
    }
}
