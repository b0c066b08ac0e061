import Testing
@testable import PGHAKit

/// Every repeated key is reported at the repeat, naming the first occurrence, and the rest of the spec is still
/// checked.
@Suite struct DuplicateKeyTests {
    @Test func everyRepeatIsReportedAndOtherErrorsStillShow() {
        let yaml = "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-a\nname: pg-b\ninstaces: 3\nazure:\n  location: westus3\n  location: eastus\n"
            + "resources: {cpu: 1, cpu: 2, \"memory\": 1Gi, 'memory': 2Gi}\nname: pg-c\n"
        #expect(TestSupport.errors(yaml) == [
            "4:1 error[PGHA0013] name: the key 'name' appears again in this mapping (first at 3:1)",
            "5:1 error[PGHA0010] instaces: unknown key 'instaces'",
            "8:3 error[PGHA0013] azure.location: the key 'location' appears again in this mapping (first at 7:3)",
            "9:21 error[PGHA0013] resources.cpu: the key 'cpu' appears again in this mapping (first at 9:13)",
            "9:44 error[PGHA0013] resources.memory: the key 'memory' appears again in this mapping (first at 9:29)",
            "10:1 error[PGHA0013] name: the key 'name' appears again in this mapping (first at 3:1)",
        ])
    }

    @Test func pastTheLimitTheKeysFoundAreReportedAtTheirFirstOccurrence() {
        let keys = (0..<70).map { "  k\($0): v" }.joined(separator: "\n")
        let yaml = TestSupport.spec("nodeSelector:\n" + keys + "\n" + keys + "\n")
        let diagnostics = Compiler.check(Array(yaml.utf8)).diagnostics
        #expect(diagnostics.count == DuplicateKeys.maximumRenames + 1)
        #expect(diagnostics.allSatisfy { $0.code == .duplicateKey })
        #expect(diagnostics.first.map(TestSupport.summary) == "7:3 error[PGHA0013] : the key 'k0' appears more than once in this mapping")
        #expect(diagnostics.map(\.location) == diagnostics.map(\.location).sorted())
    }

    @Test func validationGoesOnBesideARepeatedKey() {
        let yaml = TestSupport.spec("instances: 3\ninstances: 3\nresources:\n  memory: 8GB\n")
        #expect(TestSupport.errors(yaml) == [
            "7:1 error[PGHA0013] instances: the key 'instances' appears again in this mapping (first at 6:1)",
            "9:11 error[PGHA0104] resources.memory: '8GB' is not a Kubernetes quantity",
        ])
    }

    @Test func aRepeatedParameterIsReportedOnce() {
        let yaml = TestSupport.spec("postgres:\n  parameters:\n    work_mem: 4MB\n    \"work_mem\": 8MB\n")
        #expect(TestSupport.errors(yaml) == [
            "9:5 error[PGHA0013] postgres.parameters.work_mem: the key 'work_mem' appears again in this mapping (first at 8:5)",
        ])
    }
}
