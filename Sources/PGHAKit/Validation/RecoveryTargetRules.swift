/// The point-in-time target of `recovery`: one target at most, each in a form PostgreSQL and CloudNativePG accept,
/// and backups whose WAL archive it replays.
enum RecoveryTargetRules {
    static func check(_ context: inout ValidationContext) {
        guard let recovery = context.spec.recovery else { return }
        if let backupID = recovery.backupID, !isBackupID(backupID) {
            context.error(.invalidBackupID, "'\(backupID)' is not a barman-cloud backup ID", at: "recovery.backupID",
                          hint: "write the ID of a completed backup, a UTC time as YYYYMMDDTHHMMSS such as 20261129T183000 (a Backup's status.backupId)")
        }
        let targets = recovery.targetPaths
        guard let first = targets.first else { return }
        if recovery.backupID == nil, first == "recovery.targetName" || first == "recovery.targetImmediate" {
            context.error(.recoveryTargetWithoutBackupID,
                          "'\(first)' needs 'recovery.backupID': unlike a time or an LSN, it does not say which backup to restore, and CloudNativePG refuses the Cluster without one",
                          at: first, hint: "set recovery.backupID to the ID of the last completed backup before the target (a Backup's status.backupId)")
        }
        if context.spec.backup == nil {
            context.error(.recoveryTargetWithoutBackup,
                          "'\(first)' needs 'backup': point-in-time recovery replays the backups' WAL archive",
                          at: first, hint: "add a 'backup' section, or remove 'recovery'")
        }
        for extra in targets.dropFirst() {
            context.error(.exclusiveRecoveryTargets, "'\(extra)' cannot be set together with '\(first)': recovery stops at one target",
                          at: extra, hint: "keep one of \(targets.map { "'\($0)'" }.joined(separator: ", "))")
        }
        if let time = recovery.targetTime { checkTime(&context, time) }
        if let lsn = recovery.targetLSN, !isLSN(lsn) {
            context.error(.invalidRecoveryLSN, "'\(lsn)' is not an LSN", at: "recovery.targetLSN",
                          hint: "write two hexadecimal numbers separated by '/', as pg_current_wal_lsn() prints them, such as 0/3000060")
        }
        if let name = recovery.targetName, name.isEmpty || name.utf8.count > maxRestorePointName || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            context.error(.invalidRestorePointName,
                          name.isEmpty ? "the restore point name is empty"
                              : name.utf8.count > maxRestorePointName ? "the restore point name is longer than \(maxRestorePointName) bytes"
                              : "the restore point name holds a control character (a tab, a newline), which the recovery configuration cannot carry",
                          at: "recovery.targetName", hint: "use the name given to pg_create_restore_point()")
        }
    }

    /// PostgreSQL truncates nothing: `pg_create_restore_point` refuses names of `MAXFNAMELEN` (64) bytes or more.
    static let maxRestorePointName = 63

    private static func checkTime(_ context: inout ValidationContext, _ time: String) {
        switch RFC3339Time(time) {
        case .valid:
            break
        case .withoutZone:
            context.error(.recoveryTimeWithoutZone, "'\(time)' has no time zone", at: "recovery.targetTime",
                          hint: "end it with Z for UTC or an offset such as +01:00: CloudNativePG would read it as UTC, which is right only by chance")
        case .invalid:
            context.error(.invalidRecoveryTime, "'\(time)' is not an RFC 3339 time", at: "recovery.targetTime",
                          hint: "write a date, T, a time and a zone, such as 2026-11-29T18:30:00Z")
        }
    }

    /// A backup ID as barman-cloud makes it: the backup's start, UTC, as `YYYYMMDDTHHMMSS`.
    static func isBackupID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 15 && bytes[8] == UInt8(ascii: "T")
            && bytes.enumerated().allSatisfy { $0.offset == 8 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0.element) }
    }

    /// An LSN as PostgreSQL prints it: `X/X`, each part 1 to 8 hexadecimal digits.
    static func isLSN(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { part in
            (1...8).contains(part.utf8.count) && part.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit }
        }
    }
}
