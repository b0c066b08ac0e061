/// Checks the backup section: schedule, retention and the storage account and container names.
enum BackupRules {
    static func check(_ context: inout ValidationContext) {
        guard let backup = context.spec.backup else { return }
        switch CronSchedule.read(backup.schedule) {
        case .sixFields:
            break
        case .fiveFields:
            context.error(.fiveFieldSchedule,
                          "'\(backup.schedule)' has 5 fields: CloudNativePG reads the first as seconds, not minutes",
                          at: "backup.schedule",
                          hint: "add the seconds field first: '0 \(backup.schedule)'")
        case .descriptor(let equivalent):
            context.warning(.descriptorSchedule, "CloudNativePG warns on descriptor schedules such as '\(backup.schedule)'",
                            at: "backup.schedule", hint: equivalent.map { "write the 6-field form: '\($0)'" })
        case .neverRuns:
            context.error(.scheduleNeverRuns, "'\(backup.schedule)' never runs: no month has the day it names", at: "backup.schedule",
                          hint: "pick days of month that the chosen months have (1 to 28 exist in every month)")
        case .invalid(let problem):
            context.error(.invalidSchedule, "invalid schedule '\(backup.schedule)': \(problem)", at: "backup.schedule",
                          hint: "6 fields, seconds first: '0 15 * * * *' is every hour at :15")
        }
        if !isRetentionPolicy(backup.retention) {
            let field = backup.method == .plugin ? "the ObjectStore's retentionPolicy" : "the Cluster's backup.retentionPolicy"
            context.error(.invalidRetention, "'\(backup.retention)' is not a retention policy: \(field) must match ^[1-9][0-9]*[dwm]$",
                          at: "backup.retention", hint: "a number and d (days), w (weeks) or m (months), such as 7d")
        }
        if !NameRules.matches(backup.storageAccount, lengths: 3...24, allowed: "", first: NameRules.isLowerAlphanumeric,
                              last: NameRules.isLowerAlphanumeric) || backup.storageAccount.utf8.contains(where: NameRules.isUppercaseLetter) {
            context.error(.invalidStorageAccountName, "'\(backup.storageAccount)' is not a valid storage account name", at: "backup.storageAccount",
                          hint: "3 to 24 lowercase letters and digits, unique across Azure")
        }
        if !isContainerName(backup.container) {
            context.error(.invalidContainerName, "'\(backup.container)' is not a valid blob container name", at: "backup.container",
                          hint: "3 to 63 lowercase letters, digits and single hyphens, starting and ending alphanumeric")
        }
    }

    /// `^[1-9][0-9]*[dwm]$`, the CRD's pattern.
    static func isRetentionPolicy(_ text: String) -> Bool {
        guard let unit = text.last, "dwm".contains(unit), let first = text.first, first != "0" else { return false }
        let digits = text.dropLast()
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func isContainerName(_ name: String) -> Bool {
        NameRules.matches(name, lengths: 3...63, allowed: "-", first: NameRules.isLowerAlphanumeric, last: NameRules.isLowerAlphanumeric)
            && !name.contains("--") && !name.utf8.contains(where: NameRules.isUppercaseLetter)
    }
}
