import Testing
@testable import PGHAKit

/// Node pool taints and the instances' tolerations.
@Suite struct SchedulingRuleTests {
    @Test func taintsAreKeyValueEffect() {
        let yaml = "tolerations: [\"workload=postgres:NoSchedule\", \"a b=c:NoSchedule\", \"k=:NoSchedule\", \"k=v:Sometimes\"]\n"
        #expect(TestSupport.errors(adding: yaml) == [
            "6:47 error[PGHA0146] tolerations[1]: 'a b=c:NoSchedule' is not a taint of the form key=value:Effect",
            "6:67 error[PGHA0146] tolerations[2]: 'k=:NoSchedule' is not a taint of the form key=value:Effect",
            "6:84 error[PGHA0146] tolerations[3]: 'k=v:Sometimes' is not a taint of the form key=value:Effect",
        ])
        #expect(TestSupport.errors(adding: "  nodePool:\n    taints: [dedicated]\n")
            .contains("7:14 error[PGHA0146] azure.nodePool.taints[0]: 'dedicated' is not a taint of the form key=value:Effect"))
    }

    @Test func aTolerationWithoutAPoolTaintWarns() {
        let diagnostics = TestSupport.diagnostics(TestSupport.spec("tolerations: [\"workload=postgres:NoSchedule\", \"gpu=true:NoExecute\"]\n"))
        #expect(diagnostics == ["6:47 warning[PGHA0510] tolerations[1]: no node pool pgha creates has the taint 'gpu=true:NoExecute'"])
    }

    @Test func thePoolsTaintMustBeTolerated() {
        #expect(TestSupport.errors(adding: "tolerations: []\n")
            == ["6:1 error[PGHA0511] tolerations: the instances must run on the node pool (nodeSelector) but do not tolerate its taint 'workload=postgres:NoSchedule'"])
        #expect(TestSupport.errors(adding: "tolerations: []\nnodeSelector: {}\n") == [], "without a nodeSelector the instances may run elsewhere")
        #expect(TestSupport.errors(adding: "  nodePool:\n    taints: [\"workload=postgres:PreferNoSchedule\"]\ntolerations: []\n") == [])
    }
}
