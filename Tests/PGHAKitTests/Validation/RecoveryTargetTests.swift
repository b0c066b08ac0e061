import Foundation
import Testing
import Yams
@testable import PGHAKit

/// `recovery.targetTime`, `targetLSN`, `targetName` and `targetImmediate`: validated, and rendered into the recovery
/// Cluster's `bootstrap.recovery.recoveryTarget`.
@Suite struct RecoveryTargetTests {
    static func spec(_ recovery: String, backup: Bool = true) -> String {
        TestSupport.spec((backup ? "backup:\n  storageAccount: pgtestbackups\n" : "") + "recovery:\n" + recovery)
    }

    static func errors(_ recovery: String, backup: Bool = true) -> [String] {
        TestSupport.diagnostics(spec(recovery, backup: backup)).filter { $0.contains(" error[") }
    }

    @Test func aTimeTargetIsRenderedIntoTheRecoveryCluster() throws {
        let result = TestSupport.compile(Self.spec("  targetTime: \"2026-11-29T18:30:00.123456+01:00\"\n"))
        #expect(result.succeeded, "\(result.diagnostics.map(TestSupport.summary))")
        let cluster = try #require(result.artifacts.first { $0.path == "oneoff/cluster-pg-test-recovered.yaml" })
        #expect(cluster.contents.contains("""
          bootstrap:
            recovery:
              source: clusterBackup
              database: app
              owner: app
              recoveryTarget:
                targetTime: '2026-11-29T18:30:00.123456+01:00'
          storage:
        """))
    }

    @Test(arguments: [
        ("  targetLSN: 0/3000060\n", "targetLSN: 0/3000060"),
        ("  targetName: before-migration\n  backupID: 20261129T183000\n", "backupID: 20261129T183000\n        targetName: before-migration"),
        ("  targetImmediate: true\n  backupID: 20261129T183000\n", "backupID: 20261129T183000\n        targetImmediate: true"),
        ("  backupID: 20261129T183000\n", "backupID: 20261129T183000"),
        ("  targetTime: \"2026-11-30T08:00:00Z\"\n  backupID: 20261129T183000\n", "backupID: 20261129T183000\n        targetTime: '2026-11-30T08:00:00Z'"),
    ])
    func eachTargetIsRenderedAlone(_ recovery: String, _ rendered: String) throws {
        let result = TestSupport.compile(Self.spec(recovery))
        #expect(result.succeeded, "\(result.diagnostics.map(TestSupport.summary))")
        let cluster = try #require(result.artifacts.first { $0.path == "oneoff/cluster-pg-test-recovered.yaml" })
        #expect(cluster.contents.contains("      recoveryTarget:\n        \(rendered)\n  storage:"))
    }

    @Test func withoutATargetNothingIsRendered() throws {
        for recovery in ["  instances: 1\n", "  targetImmediate: false\n"] {
            let result = TestSupport.compile(Self.spec(recovery))
            let cluster = try #require(result.artifacts.first { $0.path == "oneoff/cluster-pg-test-recovered.yaml" })
            #expect(!cluster.contents.contains("recoveryTarget"))
        }
    }

    @Test func theRenderedTargetsMatchTheCRD() throws {
        guard let crds = TestSupport.crdDirectory else { return }
        let validator = try #require(try CRDSchemaValidator(
            crd: crds.appendingPathComponent("cnpg-1.30.0/postgresql.cnpg.io_clusters.yaml"), version: "v1"))
        for recovery in ["  targetTime: \"2026-11-29T18:30:00Z\"\n", "  targetLSN: 0/3000060\n", "  targetName: x\n  backupID: 20261129T183000\n",
                         "  targetImmediate: true\n  backupID: 20261129T183000\n"] {
            let result = TestSupport.compile(Self.spec(recovery))
            let cluster = try #require(result.artifacts.first { $0.path == "oneoff/cluster-pg-test-recovered.yaml" })
            let object = try #require(try Yams.load(yaml: cluster.contents) as? [String: Any])
            #expect(validator.violations(of: object) == [], "\(recovery)")
        }
    }

    @Test func aTargetWithoutBackupsIsReportedAtTheTargetOnly() {
        #expect(Self.errors("  targetTime: \"2026-11-29T18:30:00Z\"\n", backup: false) == [
            "7:15 error[PGHA0130] recovery.targetTime: 'recovery.targetTime' needs 'backup': point-in-time recovery replays the backups' WAL archive",
        ])
    }

    @Test func everyTargetAfterTheFirstIsReported() {
        #expect(Self.errors("  targetTime: \"2026-11-29T18:30:00Z\"\n  targetName: x\n  targetImmediate: true\n") == [
            "10:15 error[PGHA0131] recovery.targetName: 'recovery.targetName' cannot be set together with 'recovery.targetTime': recovery stops at one target",
            "11:20 error[PGHA0131] recovery.targetImmediate: 'recovery.targetImmediate' cannot be set together with 'recovery.targetTime': recovery stops at one target",
        ])
    }

    @Test(arguments: ["2026-11-29T18:30:00Z", "2026-11-29T18:30:00.5-05:30", "2024-02-29T23:59:59+00:00"])
    func validTimes(_ time: String) {
        #expect(RFC3339Time(time) == .valid)
        #expect(Self.errors("  targetTime: \"\(time)\"\n") == [])
    }

    @Test(arguments: ["2026-11-29 18:30:00Z", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-29T24:00:00Z",
                      "2026-11-29T18:30:00.Z", "2026-11-29T18:30:00+0100", "2026-11-29T18:30:00z", "29/11/2026", ""])
    func invalidTimes(_ time: String) {
        #expect(RFC3339Time(time) == .invalid)
        #expect(Self.errors("  targetTime: \"\(time)\"\n") == [
            "9:15 error[PGHA0132] recovery.targetTime: '\(time)' is not an RFC 3339 time",
        ])
    }

    @Test func aTimeWithoutAZoneIsReported() {
        #expect(RFC3339Time("2026-11-29T18:30:00.25") == .withoutZone)
        #expect(Self.errors("  targetTime: \"2026-11-29T18:30:00\"\n") == [
            "9:15 error[PGHA0133] recovery.targetTime: '2026-11-29T18:30:00' has no time zone",
        ])
    }

    @Test func lsnsAreTwoHexadecimalNumbers() {
        #expect(RecoveryTargetRules.isLSN("0/3000060") && RecoveryTargetRules.isLSN("FFFFFFFF/ffffffff"))
        for bad in ["3000060", "0/", "/1", "0/123456789", "g/1", "0/1/2"] {
            #expect(!RecoveryTargetRules.isLSN(bad), "\(bad)")
        }
        #expect(Self.errors("  targetLSN: \"0x3000060\"\n") == [
            "9:14 error[PGHA0134] recovery.targetLSN: '0x3000060' is not an LSN",
        ])
    }

    @Test func restorePointNamesFitPostgreSQLsLimit() {
        let backup = "  backupID: 20261129T183000\n"
        #expect(Self.errors("  targetName: \(String(repeating: "a", count: 63))\n" + backup) == [])
        #expect(Self.errors("  targetName: \(String(repeating: "a", count: 64))\n" + backup) == [
            "9:15 error[PGHA0135] recovery.targetName: the restore point name is longer than 63 bytes",
        ])
        #expect(Self.errors("  targetName: \"\"\n" + backup) == [
            "9:15 error[PGHA0135] recovery.targetName: the restore point name is empty",
        ])
        #expect(Self.errors("  targetName: \"before\\tmigration\"\n" + backup) == [
            "9:15 error[PGHA0135] recovery.targetName: the restore point name holds a control character (a tab, a newline), which the recovery configuration cannot carry",
        ])
    }

    /// CloudNativePG refuses a name or immediate target without a backup ID: neither says which backup to restore.
    @Test func targetsThatCannotChooseABackupNeedItsID() {
        #expect(Self.errors("  targetName: before-migration\n") == [
            "9:15 error[PGHA0136] recovery.targetName: 'recovery.targetName' needs 'recovery.backupID': unlike a time or an LSN, it does not say which backup to restore, and CloudNativePG refuses the Cluster without one",
        ])
        #expect(Self.errors("  targetImmediate: true\n") == [
            "9:20 error[PGHA0136] recovery.targetImmediate: 'recovery.targetImmediate' needs 'recovery.backupID': unlike a time or an LSN, it does not say which backup to restore, and CloudNativePG refuses the Cluster without one",
        ])
        #expect(Self.errors("  targetLSN: 0/3000060\n") == [])
        #expect(Self.errors("  targetImmediate: false\n") == [])
    }

    @Test func backupIDsAreBarmanCloudsTimestamps() {
        #expect(RecoveryTargetRules.isBackupID("20261129T183000"))
        for bad in ["20261129183000", "2026-11-29T18:30:00", "20261129t183000", "20261129T18300", "20261129T1830000", "backup-1", ""] {
            #expect(!RecoveryTargetRules.isBackupID(bad), "\(bad)")
        }
        #expect(Self.errors("  backupID: backup-20261129\n") == [
            "9:13 error[PGHA0137] recovery.backupID: 'backup-20261129' is not a barman-cloud backup ID",
        ])
    }
}
