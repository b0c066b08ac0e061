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
    /// The settings of a major version keyed by their `pg_settings` name; nil for an unsupported major.
    /// Each version's table is parsed once, on first use.
    public static func settings(forMajor major: Int) -> [String: GUC]? {
        table(forMajor: major)?.byName
    }

    /// One setting looked up as the server does, ignoring ASCII case ("datestyle" finds DateStyle); nil when the
    /// major is unsupported or the name unknown.
    public static func setting(named name: String, forMajor major: Int) -> GUC? {
        guard let table = table(forMajor: major) else { return nil }
        return table.byName[name] ?? table.byFoldedName[name.gucFolded]
    }

    /// One major version's settings, by exact and by ASCII-lowercased name.
    struct Table: Sendable {
        let byName: [String: GUC]
        let byFoldedName: [String: GUC]
    }

    /// Parses the generated table: one `name|context|type|unit|min|max|enum values|hidden enum spellings`
    /// line per setting, lists comma-separated (an enum value may be empty, as ssl_max_protocol_version's is).
    /// The table is ASCII, so it is split on bytes: split on characters, parsing it took a quarter of the time
    /// `pgha render` takes for one spec.
    static func parse(_ table: String) -> Table {
        func split(_ text: Substring, on separator: Unicode.Scalar) -> [Substring] {
            text.utf8.split(separator: UInt8(ascii: separator), omittingEmptySubsequences: false).map(Substring.init)
        }
        func list(_ field: Substring) -> [String] {
            field.isEmpty ? [] : split(field, on: ",").map(String.init)
        }
        var settings: [String: GUC] = [:]
        for line in split(Substring(table), on: "\n") where !line.isEmpty {
            let fields = split(line, on: "|")
            guard fields.count == 8,
                  let context = GUC.Context(rawValue: String(fields[1])),
                  let type = GUC.ValueType(rawValue: String(fields[2]))
            else { preconditionFailure("malformed GUC catalog line: \(line)") }
            let name = String(fields[0])
            settings[name] = GUC(
                name: name,
                context: context,
                type: type,
                unit: fields[3].isEmpty ? nil : String(fields[3]),
                minimum: Double(fields[4]),
                maximum: Double(fields[5]),
                enumValues: list(fields[6]),
                hiddenEnumValues: list(fields[7])
            )
        }
        return Table(
            byName: settings,
            byFoldedName: Dictionary(uniqueKeysWithValues: settings.values.map { ($0.name.gucFolded, $0) })
        )
    }
}

extension StringProtocol {
    /// The string with only A-Z lowercased, as PostgreSQL folds GUC names and enum values (pg_strcasecmp).
    var gucFolded: String {
        String(decoding: utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
