import Testing
@testable import PGHAKit

/// Synchronous replication, failover quorum, probes and shutdown, checked against the target operator.
@Suite struct ReplicationRuleTests {
    @Test func failoverQuorumNeedsOperator127() {
        #expect(TestSupport.errors(adding: "operator:\n  version: \"1.26\"\nreplication:\n  failoverQuorum: true\n")
            == ["9:19 error[PGHA0140] replication.failoverQuorum: CloudNativePG 1.26 has no failover quorum"])
        #expect(TestSupport.errors(adding: "operator:\n  version: \"1.27\"\nreplication:\n  failoverQuorum: true\n") == [])
    }

    @Test func failoverQuorumNeedsSynchronousReplication() {
        #expect(TestSupport.errors(adding: "replication:\n  syncReplicas: 0\n  failoverQuorum: true\n")
            == ["8:19 error[PGHA0141] replication.failoverQuorum: failover quorum needs synchronous replication"])
    }

    @Test func synchronousSettingsWithoutSynchronousReplicationWarn() {
        let diagnostics = TestSupport.diagnostics(TestSupport.spec("instances: 1\nreplication:\n  syncMethod: first\n"))
        #expect(diagnostics == ["8:15 warning[PGHA0142] replication.syncMethod: 'syncMethod' does nothing with asynchronous replication (syncReplicas 0)"])
    }

    @Test func syncReplicasMustStayBelowInstances() {
        #expect(TestSupport.errors(adding: "instances: 2\nreplication:\n  syncReplicas: 2\n")
            == ["8:17 error[PGHA0103] replication.syncReplicas: 2 synchronous replicas need at least 3 instances, not 2"])
    }

    @Test func stopDelayMustLeaveFifteenSecondsAfterTheSmartShutdown() {
        #expect(TestSupport.errors(adding: "replication:\n  stopDelay: 60\n  smartShutdownTimeout: 50\n")
            == ["7:14 error[PGHA0143] replication.stopDelay: stopDelay 60 leaves 10 seconds after the 50-second smart shutdown; the fast shutdown needs at least 15"])
        #expect(TestSupport.errors(adding: "replication:\n  stopDelay: 10\n")
            == ["7:14 error[PGHA0143] replication.stopDelay: stopDelay 10 leaves 9 seconds after the 1-second smart shutdown; the fast shutdown needs at least 15"])
        #expect(TestSupport.errors(adding: "replication:\n  stopDelay: 30\n") == [], "the default smart shutdown shrinks to fit a short stopDelay")
        #expect(TestSupport.errors(adding: "replication:\n  smartShutdownTimeout: 1790\n")
            == ["7:25 error[PGHA0143] replication.smartShutdownTimeout: stopDelay 1800 leaves 10 seconds after the 1790-second smart shutdown; the fast shutdown needs at least 15"])
        #expect(TestSupport.errors(adding: "replication:\n  stopDelay: 45\n  smartShutdownTimeout: 30\n") == [])
    }

    @Test func lagBoundsNeedStreamingProbes() {
        #expect(TestSupport.errors(adding: "operator:\n  version: \"1.25\"\nreplication:\n  readinessMaximumLag: 16Mi\n")
            == ["9:24 error[PGHA0144] replication.readinessMaximumLag: CloudNativePG 1.25 has no streaming probes, so no lag bound"])
    }

    @Test func lagBoundsAreWholeByteQuantities() {
        #expect(TestSupport.errors(adding: "replication:\n  startupMaximumLag: 16MB\n  readinessMaximumLag: 500m\n") == [
            "7:22 error[PGHA0145] replication.startupMaximumLag: '16MB' is not a number of bytes",
            "8:24 error[PGHA0145] replication.readinessMaximumLag: '500m' is not a number of bytes",
        ])
        #expect(TestSupport.errors(adding: "replication:\n  startupMaximumLag: 0\n") == [])
    }
}
