/// A ScheduledBackup schedule, parsed as CloudNativePG parses it (robfig/cron v1.2.0 with the fields
/// `second minute hour day-of-month month [day-of-week]` and `@` descriptors).
enum CronSchedule {
    /// The result of reading a schedule.
    enum Reading: Equatable {
        /// Six fields, seconds first: what pgha renders.
        case sixFields
        /// Five fields: CloudNativePG reads the first as seconds, so `0 * * * *` runs every minute.
        case fiveFields
        /// A descriptor such as `@hourly`, with its six-field equivalent when there is one.
        case descriptor(equivalent: String?)
        /// Not a schedule CloudNativePG accepts.
        case invalid(String)
        /// A valid schedule whose days of month occur in none of its months (`0 0 0 31 2 *`), so it never fires.
        case neverRuns
    }

    private struct FieldBounds {
        let name: String
        let range: ClosedRange<Int>
        let names: [String: Int]
    }

    private static let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                                 "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    private static let weekdays = ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]
    private static let fields = [
        FieldBounds(name: "second", range: 0...59, names: [:]),
        FieldBounds(name: "minute", range: 0...59, names: [:]),
        FieldBounds(name: "hour", range: 0...23, names: [:]),
        FieldBounds(name: "day of month", range: 1...31, names: [:]),
        FieldBounds(name: "month", range: 1...12, names: months),
        FieldBounds(name: "day of week", range: 0...6, names: weekdays),
    ]
    private static let descriptors = [
        "@yearly": "0 0 0 1 1 *", "@annually": "0 0 0 1 1 *", "@monthly": "0 0 0 1 * *",
        "@weekly": "0 0 0 * * 0", "@daily": "0 0 0 * * *", "@midnight": "0 0 0 * * *", "@hourly": "0 0 * * * *",
    ]

    static func read(_ schedule: String) -> Reading {
        if schedule.hasPrefix("@") {
            if let equivalent = descriptors[schedule] { return .descriptor(equivalent: equivalent) }
            if schedule.hasPrefix("@every ") {
                let duration = String(schedule.dropFirst("@every ".count))
                return isGoDuration(duration) ? .descriptor(equivalent: nil)
                    : .invalid("'\(duration)' is not a duration such as 1h30m")
            }
            return .invalid("unrecognized descriptor '\(schedule)'")
        }
        let words = schedule.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        guard !words.isEmpty else { return .invalid("the schedule is empty") }
        if words[0].hasPrefix("@") { return .invalid("a descriptor must start the schedule, with no space before it") }
        guard words.count == 5 || words.count == 6 else {
            return .invalid("expected 6 fields (second minute hour day-of-month month day-of-week), found \(words.count)")
        }
        for (word, bounds) in zip(words, fields) {
            if let problem = check(word, bounds) { return .invalid(problem) }
        }
        if words.count == 6 && !hasMatchingDay(dayOfMonth: words[3], month: words[4], dayOfWeek: words[5]) { return .neverRuns }
        return words.count == 6 ? .sixFields : .fiveFields
    }

    /// Whether some day matches. robfig/cron matches a day on either day field when neither has a part starting
    /// with `*` or `?`, and on both otherwise; so with a restricted day of week some day always matches.
    private static func hasMatchingDay(dayOfMonth: String, month: String, dayOfWeek: String) -> Bool {
        guard dayOfWeek.split(separator: ",").contains(where: { $0.hasPrefix("*") || $0.hasPrefix("?") }) else { return true }
        let longestMonth = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let days = values(of: dayOfMonth, fields[3])
        return values(of: month, fields[4]).contains { month in days.contains { $0 <= longestMonth[month] } }
    }

    /// The values a field that `check` accepted selects.
    private static func values(of field: String, _ bounds: FieldBounds) -> Set<Int> {
        var result = Set<Int>()
        for part in field.split(separator: ",") {
            let stepParts = part.split(separator: "/")
            let step = stepParts.count == 2 ? Int(stepParts[1]) ?? 1 : 1
            let ends = stepParts[0] == "*" || stepParts[0] == "?" ? [bounds.range.lowerBound, bounds.range.upperBound]
                : stepParts[0].split(separator: "-").compactMap { Int($0) ?? bounds.names[$0.lowercased()] }
            guard let first = ends.first else { continue }
            let last = ends.count == 2 ? ends[1] : (stepParts.count == 2 ? bounds.range.upperBound : first)
            result.formUnion(stride(from: first, through: last, by: step))
        }
        return result
    }

    private static func check(_ field: String, _ bounds: FieldBounds) -> String? {
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            let stepParts = part.split(separator: "/", omittingEmptySubsequences: false)
            guard stepParts.count <= 2 else { return "too many slashes in the \(bounds.name) field '\(field)'" }
            if stepParts.count == 2 {
                guard let step = Int(stepParts[1]), step > 0 else {
                    return "the step '\(stepParts[1])' in the \(bounds.name) field must be a positive number"
                }
            }
            let range = stepParts[0]
            if range == "*" || range == "?" { continue }
            let ends = range.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count <= 2 else { return "too many hyphens in the \(bounds.name) field '\(field)'" }
            var values: [Int] = []
            for end in ends {
                guard let value = Int(end) ?? bounds.names[end.lowercased()] else {
                    return "'\(end)' is not a valid \(bounds.name)"
                }
                guard bounds.range.contains(value) else {
                    return "\(value) is outside the \(bounds.name) range \(bounds.range.lowerBound)-\(bounds.range.upperBound)"
                }
                values.append(value)
            }
            if values.count == 2, values[0] > values[1] {
                return "the \(bounds.name) range \(range) starts after it ends"
            }
        }
        return nil
    }

    /// A Go `time.ParseDuration` string with a positive total, such as `90m` or `1h30m`.
    private static func isGoDuration(_ text: String) -> Bool {
        let units = ["ns", "us", "µs", "ms", "s", "m", "h"]
        var rest = Substring(text)
        guard !rest.isEmpty else { return false }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, Double(number) != nil else { return false }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !$0.isNumber && $0 != "." }
            guard units.contains(String(unit)) else { return false }
            rest = rest.dropFirst(unit.count)
        }
        return true
    }
}
