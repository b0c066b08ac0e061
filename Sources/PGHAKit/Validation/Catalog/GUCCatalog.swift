/// One PostgreSQL setting (GUC) as the server describes it.
public struct GUC: Sendable, Equatable {
    /// When a change takes effect (`pg_settings.context`).
    public enum Context: String, Sendable {
        case `internal`, postmaster, sighup, superuserBackend = "superuser-backend", backend, superuser, user
    }

    /// The kind of value (`pg_settings.vartype`).
    public enum ValueType: String, Sendable {
        case bool, integer, real, string, enumeration = "enum"
    }

    public let name: String
    public let context: Context
    public let type: ValueType
    /// The unit of a bare number, as `pg_settings.unit` spells it: "B", "kB", "MB", "8kB", "ms", "s", "min".
    public let unit: String?
    /// The bounds of an integer or real setting, in its unit; nil for other types.
    public let minimum: Double?
    public let maximum: Double?
    /// The values `pg_settings.enumvals` lists, in the server's order.
    public let enumValues: [String]
    /// Further spellings the server accepts but does not list, such as wal_level's deprecated "archive" or the
    /// "true"/"yes"/"1" variants of on/off enums.
    public let hiddenEnumValues: [String]
}

/// The settings of each supported PostgreSQL major version, from `GUCCatalog+Data.swift`.
public enum GUCCatalog {
    /// The names of a major version's settings, in byte order; nil for an unsupported major.
    public static func names(forMajor major: Int) -> [String]? {
        table(forMajor: major).map { table in table.lines.indices.map { String(decoding: table.name(at: $0), as: UTF8.self) } }
    }

    /// One setting looked up as the server does, ignoring ASCII case ("datestyle" finds DateStyle); nil when the
    /// major is unsupported or the name unknown.
    public static func setting(named name: String, forMajor major: Int) -> GUC? {
        guard let table = table(forMajor: major) else { return nil }
        return table.index(lookingUp: name).map(table.setting(at:))
    }

    /// One major version's generated table: one `name|context|type|unit|min|max|enum values|hidden enum
    /// spellings` line per setting, sorted by name (lists comma-separated; an enum value may be empty, as
    /// ssl_max_protocol_version's is). Only the lines of the settings looked up are parsed, so checking a spec's
    /// few parameters does not pay for the whole table, and each is parsed once: the specs of a fleet set the same
    /// parameters.
    struct Table: Sendable {
        private let text: [UInt8]
        /// Each line's bytes, in the table's order.
        let lines: [Range<Int>]
        private let parsed = ParsedSettings()

        init(_ table: String) {
            text = Array(table.utf8)
            var lines: [Range<Int>] = []
            var start = 0
            for (index, byte) in text.enumerated() where byte == UInt8(ascii: "\n") {
                if index > start { lines.append(start..<index) }
                start = index + 1
            }
            if text.count > start { lines.append(start..<text.count) }
            self.lines = lines
        }

        /// The name field of line `index`.
        func name(at index: Int) -> ArraySlice<UInt8> {
            let line = text[lines[index]]
            return line[..<(line.firstIndex(of: UInt8(ascii: "|")) ?? line.endIndex)]
        }

        /// The line of the setting named exactly `name`, found by binary search.
        func index(of name: [UInt8]) -> Int? {
            var low = 0
            var high = lines.count
            while low < high {
                let middle = (low + high) / 2
                let candidate = self.name(at: middle)
                if candidate.elementsEqual(name) { return middle }
                if candidate.lexicographicallyPrecedes(name) { low = middle + 1 } else { high = middle }
            }
            return nil
        }

        /// The line of the setting whose ASCII-lowercased name is `folded`.
        func index(ofFolded folded: [UInt8]) -> Int? {
            lines.indices.first { name(at: $0).lazy.map { (65...90).contains($0) ? $0 + 32 : $0 }.elementsEqual(folded) }
        }

        /// The line of the setting named `name`, exactly or else ignoring ASCII case, searched for on the name's first
        /// lookup.
        func index(lookingUp name: String) -> Int? {
            let bytes = Array(name.utf8)
            return parsed.index(of: bytes) { index(of: bytes) ?? index(ofFolded: Array(name.gucFolded.utf8)) }
        }

        /// The setting on line `index`, parsed on its first lookup.
        func setting(at index: Int) -> GUC {
            parsed.setting(at: index, parse: parseSetting(at:))
        }

        /// The setting on line `index`, parsed from the line.
        func parseSetting(at index: Int) -> GUC {
            func string(_ field: ArraySlice<UInt8>) -> String { String(decoding: field, as: UTF8.self) }
            func list(_ field: ArraySlice<UInt8>) -> [String] {
                field.isEmpty ? [] : field.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(string)
            }
            let fields = text[lines[index]].split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false)
            guard fields.count == 8,
                  let context = GUC.Context(rawValue: string(fields[1])),
                  let type = GUC.ValueType(rawValue: string(fields[2]))
            else { preconditionFailure("malformed GUC catalog line: \(string(text[lines[index]]))") }
            return GUC(
                name: string(fields[0]),
                context: context,
                type: type,
                unit: fields[3].isEmpty ? nil : string(fields[3]),
                minimum: Double(string(fields[4])),
                maximum: Double(string(fields[5])),
                enumValues: list(fields[6]),
                hiddenEnumValues: list(fields[7])
            )
        }
    }
}

/// The settings of a table parsed so far, by line, and the lines of the names looked up so far. The table never
/// changes, so a setting parsed once is the setting, and a name found once is found there.
private final class ParsedSettings: @unchecked Sendable {
    private let lock = Lock()
    private var settings: [Int: GUC] = [:]
    /// By the name's bytes: `String` equality would take a canonically equivalent spelling (`K` and the Kelvin sign)
    /// for the name the search found.
    private var lines: [[UInt8]: Int] = [:]

    func index(of name: [UInt8], search: () -> Int?) -> Int? {
        if let known = lock.withLock({ lines[name] }) { return known }
        guard let line = search() else { return nil }
        lock.withLock { lines[name] = line }
        return line
    }

    func setting(at index: Int, parse: (Int) -> GUC) -> GUC {
        if let known = lock.withLock({ settings[index] }) { return known }
        let setting = parse(index)
        lock.withLock { settings[index] = setting }
        return setting
    }
}

extension StringProtocol {
    /// The string with only A-Z lowercased, as PostgreSQL folds GUC names and enum values (pg_strcasecmp).
    var gucFolded: String {
        String(decoding: utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
