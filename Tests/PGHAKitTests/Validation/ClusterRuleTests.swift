import Foundation
import Testing
@testable import PGHAKit

/// Cluster names, derived names and pg_hba rules.
@Suite struct ClusterRuleTests {
    @Test func longClusterNamesKeepValidDefaults() {
        let name = "a" + String(repeating: "b", count: 48) + "c"
        let yaml = "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: \(name)\nbackup:\n  storageAccount: pgtestbackups\nazure:\n  location: westus3\n  resourceGroup: rg\n  aksCluster: aks\n  identity:\n    name: identity\n"
        let result = Compiler.compile(Array(yaml.utf8))
        #expect(result.succeeded, "\(result.diagnostics.map(TestSupport.summary))")
        #expect(result.artifacts.contains { $0.path == "scheduledbackup-\(name)-backup.yaml" })
    }

    @Test func theRecoveryClusterCannotTakeThePublicServicesNames() {
        let yaml = "backup:\n  storageAccount: pgtestbackups\nrecovery:\n  name: pg-test-public\nexpose:\n  allowedSourceRanges: [203.0.113.7/32]\n  dnsLabel: pg-test-demo\n"
        #expect(TestSupport.errors(adding: yaml).map { $0.prefix(20) } == ["9:9 error[PGHA0121] "])
    }

    @Test func plainConnectionsNeedARejectRule() {
        let warnings = TestSupport.diagnostics(TestSupport.spec("postgres:\n  pgHBA:\n    - hostssl all all all scram-sha-256\n"))
        #expect(warnings.contains("7:3 warning[PGHA0113] postgres.pgHBA: connections without TLS are accepted: CloudNativePG ends pg_hba with 'host all all all scram-sha-256'"))
        #expect(TestSupport.diagnostics(TestSupport.spec()).allSatisfy { !$0.contains("PGHA0113") })
    }
}
