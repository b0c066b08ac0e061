import Testing
@testable import PGHAKit

/// Diagnostics point at what the user wrote: the nearest written key for a default, the key itself when the key is
/// wrong; and one cause gives one diagnostic.
@Suite struct DefaultedValueTests {
    @Test func aDefaultIsBlamedOnTheNearestWrittenKeyAndSaysSo() {
        let yaml = TestSupport.spec("resources:\n  memory: 256Mi\n")
        #expect(TestSupport.diagnostics(yaml) == [
            "7:11 warning[PGHA0504] resources.memory: max_connections (default 100) × work_mem (default 4MB) (400Mi) exceeds the memory limit 256Mi",
        ])
    }

    @Test func aDefaultMemoryIsSaidToBeOne() {
        let yaml = TestSupport.spec("postgres:\n  parameters:\n    shared_buffers: 9GB\n    effective_cache_size: 10GB\n")
        #expect(TestSupport.diagnostics(yaml, codes: .sharedBuffersAboveMemory, .memoryOvercommit) == [
            "8:21 error[PGHA0109] postgres.parameters.shared_buffers: shared_buffers 9GB is larger than the memory request 8Gi (default)",
            "9:27 warning[PGHA0503] postgres.parameters.effective_cache_size: effective_cache_size 10GB is larger than the memory limit 8Gi (default)",
        ])
    }

    @Test func noDiagnosticNamesAPathAbsentFromTheFile() {
        let yaml = TestSupport.spec("resources:\n  memory: 256Mi\nstorage:\n  wal:\n    size: 512Mi\nbackup:\n  storageAccount: pgtestbackups\n")
        let parsed = SpecParser.parse(Array(yaml.utf8))
        let spec = try! #require(parsed.spec)
        for diagnostic in Compiler.check(Array(yaml.utf8)).diagnostics {
            #expect(diagnostic.path.isEmpty || spec.sourceMap.contains(diagnostic.path), "\(TestSupport.summary(diagnostic))")
        }
    }

    @Test func zeroMemoryIsOneError() {
        let yaml = TestSupport.spec("resources:\n  memory: \"0\"\npostgres:\n  parameters:\n    shared_buffers: 1GB\n")
        #expect(TestSupport.diagnostics(yaml).filter { !$0.contains(" note[") } == [
            "7:11 error[PGHA0104] resources.memory: 'resources.memory' must be larger than zero",
        ])
    }

    @Test func zeroCPUIsRefusedLikeZeroMemory() {
        #expect(TestSupport.errors(adding: "resources:\n  cpu: \"0\"\n") == [
            "7:8 error[PGHA0104] resources.cpu: 'resources.cpu' must be larger than zero",
        ])
    }

    @Test func aWrongKeyIsPointedAtNotItsValue() {
        let yaml = TestSupport.spec("postgres:\n  parameters:\n    work-mem: 4MB\n    listen_addresses: \"*\"\nnodeSelector:\n  \"bad key!\": x\noperator:\n  config:\n    bad-name: \"1\"\n")
        #expect(TestSupport.errors(yaml) == [
            "8:5 error[PGHA0201] postgres.parameters.work-mem: 'work-mem' is not a valid parameter name",
            "9:5 error[PGHA0203] postgres.parameters.listen_addresses: CloudNativePG does not allow 'listen_addresses' to be set",
            "11:3 error[PGHA0110] nodeSelector.bad key!: 'bad key!' is not a valid label key",
            "14:5 error[PGHA0602] operator.config.bad-name: 'bad-name' is not an operator setting name",
        ])
    }
}
