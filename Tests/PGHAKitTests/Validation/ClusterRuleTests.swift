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
        #expect(result.diagnostics.filter { $0.severity == .warning }.map(TestSupport.summary) == [
            "3:7 warning[PGHA0108] name: the cluster name has 50 characters: CloudNativePG's job for a major version upgrade in place, '\(name)-1-major-upgrade', would not fit the 63 characters of a pod's host name, so raising postgres.version would fail",
        ])
    }

    /// CloudNativePG names a job `<cluster>-<serial>-<role>` and its pod's host name after it (at most 63 characters).
    @Test func clusterNamesLeaveRoomForTheOperatorsJobNames() {
        let azure = "azure:\n  location: westus3\n  resourceGroup: rg\n  aksCluster: aks\n"
        let fits = "a" + String(repeating: "b", count: 46)
        #expect(TestSupport.diagnostics("apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: \(fits)\n" + azure).filter { $0.contains("PGHA0108") } == [])
        let backup = "backup:\n  storageAccount: pgtestbackups\n"
        #expect(TestSupport.errors(adding: backup + "recovery:\n  name: \(fits)\n") == [])
        #expect(TestSupport.errors(adding: backup + "recovery:\n  name: \(fits)x\n") == [
            "9:9 error[PGHA0121] recovery.name: the recovery cluster's name '\(fits)x' has 48 characters: its restore job '\(fits)x-1-full-recovery' would not fit the 63 characters of a pod's host name, and the cluster would never start",
        ])
        // The default, <name>-recovered, is too long from 38 characters on.
        let name = "a" + String(repeating: "b", count: 37)
        let yaml = "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: \(name)\n" + azure + backup + "recovery: {}\n"
        #expect(TestSupport.errors(yaml) == [
            "10:1 error[PGHA0121] recovery: the recovery cluster's name '\(name)-recovered' has 48 characters: its restore job '\(name)-recovered-1-full-recovery' would not fit the 63 characters of a pod's host name, and the cluster would never start",
        ])
        #expect(TestSupport.hint(yaml, code: .recoveryNameClash) == "the default name '<name>-recovered' is too long; set 'recovery.name' to at most 47 characters")
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

    /// deploy.sh labels the node pool with the node selector; AKS refuses labels with its reserved prefixes.
    @Test func nodeSelectorsCannotUseAKSsReservedPrefixes() {
        #expect(TestSupport.errors(adding: "nodeSelector:\n  kubernetes.azure.com/mode: user\n  kubernetes.io/os: windows\n") == [
            "7:3 error[PGHA0110] nodeSelector.kubernetes.azure.com/mode: 'kubernetes.azure.com/mode' has the prefix kubernetes.azure.com/, which AKS reserves: it refuses a node pool with such a label, and deploy.sh labels the pool with the node selector",
            "8:3 error[PGHA0110] nodeSelector.kubernetes.io/os: 'kubernetes.io/os' has the prefix kubernetes.io/, which AKS reserves: it refuses a node pool with such a label, and deploy.sh labels the pool with the node selector",
        ])
        // Labels AKS gives the pool's nodes itself select them, and stay off the pool's --labels.
        let own = TestSupport.spec("nodeSelector:\n  kubernetes.azure.com/agentpool: postgres\n  kubernetes.io/os: linux\n  workload: postgres\n")
        #expect(TestSupport.errors(own) == [])
        let spec = try! #require(Compiler.check(Array(own.utf8)).spec)
        #expect(ScriptValues.poolLabels(spec) == ["workload=postgres"])
        // The architecture must be the pool's VM size's: arm64 on an x86 size would leave every instance Pending.
        #expect(TestSupport.errors(adding: "nodeSelector:\n  kubernetes.io/arch: arm64\n").count == 1)
        #expect(TestSupport.errors(adding: "nodeSelector:\n  kubernetes.io/arch: amd64\n") == [])
        #expect(TestSupport.errors(TestSupport.spec("  nodePool:\n    vmSize: standard_d4ps_v5\nnodeSelector:\n  kubernetes.io/arch: arm64\n")) == [])
        #expect(ScriptValues.isArm("Standard_E2pds_v6") && !ScriptValues.isArm("standard_d4s_v3") && !ScriptValues.isArm("Standard_NC24ads_A100_v4"))
    }
}
