#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Why PostgreSQL would reject a value for a setting.
public enum GUCValueProblem: Equatable, Sendable {
    /// Not one of on/off/true/false/yes/no/1/0 or a unique prefix of them.
    case notABoolean
    /// No leading integer (decimal, 0x hex or 0 octal), or text after it where the setting takes no unit.
    case notAnInteger
    /// No leading number, or text after it where the setting takes no unit.
    case notANumber
    /// Text after the number that is not a unit of the setting's family; `allowed` lists that family's units.
    case invalidUnit(allowed: [String])
    /// Outside the setting's bounds, rendered in its unit: "64kB", "128kB" for 16 blocks of 8kB, or a bare "16".
    case outOfRange(minimum: String, maximum: String)
    /// Not a value of the enum; `allowed` lists the values the server documents.
    case notInEnum(allowed: [String])
}

/// Checks values the way the server parses them (guc.c: parse_bool, parse_int, parse_real, convert_to_base_unit,
/// config_enum_lookup_by_name) and applies the setting's bounds. Check hooks, which some settings add, are not run.
public enum GUCValueChecker {
    /// The problem PostgreSQL would report for `value`, or nil if the server accepts it.
    public static func check(_ value: String, for setting: GUC) -> GUCValueProblem? {
        switch setting.type {
        case .string:
            return nil
        case .bool:
            return isBoolean(value) ? nil : .notABoolean
        case .enumeration:
            let folded = value.gucFolded
            let matches = { (candidate: String) in candidate.gucFolded == folded }
            let known = setting.enumValues.contains(where: matches) || setting.hiddenEnumValues.contains(where: matches)
            return known ? nil : .notInEnum(allowed: setting.enumValues)
        case .integer, .real:
            switch number(value, for: setting) {
            case .invalid(let problem):
                return problem
            case .valid(let number):
                guard let minimum = setting.minimum, let maximum = setting.maximum,
                      !(minimum...maximum).contains(number)
                else { return nil }
                return .outOfRange(minimum: render(minimum, for: setting), maximum: render(maximum, for: setting))
            }
        }
    }

    /// A memory setting's value in bytes ("256MB" → 268435456; a bare "16384" for shared_buffers counts 8kB
    /// blocks), rounded as the server rounds it; nil if the setting is not a memory setting or the value is invalid.
    /// The value is not checked against the setting's bounds.
    public static func bytes(of value: String, for setting: GUC) -> Double? {
        guard let unit = setting.unit.flatMap(GUCUnit.init), unit.family == .memory,
              case .valid(let number) = number(value, for: setting)
        else { return nil }
        return number * unit.size
    }

    /// parse_bool: a non-empty, case-insensitive prefix of true/false/yes/no, at least two letters of on/off,
    /// or exactly 1 or 0.
    static func isBoolean(_ value: String) -> Bool {
        let folded = value.gucFolded
        func abbreviates(_ word: String, minimumLength: Int = 1) -> Bool {
            folded.utf8.count >= minimumLength && word.utf8.starts(with: folded.utf8)
        }
        switch folded.first {
        case "t": return abbreviates("true")
        case "f": return abbreviates("false")
        case "y": return abbreviates("yes")
        case "n": return abbreviates("no")
        case "o": return abbreviates("on", minimumLength: 2) || abbreviates("off", minimumLength: 2)
        case "1", "0": return folded.utf8.count == 1
        default: return false
        }
    }

    /// parse_int / parse_real: the value in the setting's own unit (integers rounded half to even), or why the
    /// server rejects its syntax.
    static func number(_ value: String, for setting: GUC) -> ParsedNumber {
        let syntaxError: GUCValueProblem = setting.type == .integer ? .notAnInteger : .notANumber
        guard let (parsed, consumed) = leadingNumber(value, integer: setting.type == .integer) else {
            return .invalid(syntaxError)
        }
        var number = parsed
        let rest = value.utf8.dropFirst(consumed).drop(while: isSpace)
        if !rest.isEmpty {
            guard let unit = setting.unit.flatMap(GUCUnit.init) else { return .invalid(syntaxError) }
            let name = rest.prefix(GUCUnit.maximumNameLength).prefix { !isSpace($0) }
            guard rest.dropFirst(name.count).allSatisfy(isSpace),
                  let converted = unit.convert(number, from: String(decoding: name, as: UTF8.self))
            else { return .invalid(.invalidUnit(allowed: unit.family.allowedNames)) }
            number = converted
        }
        return .valid(setting.type == .integer ? number.rounded(.toNearestOrEven) : number)
    }

    /// A number in the setting's unit, or the problem that stopped it.
    enum ParsedNumber {
        case valid(Double)
        case invalid(GUCValueProblem)
    }

    /// strtol (base 0, so hex and octal), falling back to strtod at a '.', 'e' or overflow, as parse_int does;
    /// strtod alone for reals. Returns the number and how many UTF-8 bytes it took, or nil for no number, a
    /// range error or NaN.
    private static func leadingNumber(_ value: String, integer: Bool) -> (Double, Int)? {
        value.withCString { start -> (Double, Int)? in
            var end: UnsafeMutablePointer<CChar>?
            errno = 0
            var number: Double
            if integer {
                number = Double(strtol(start, &end, 0))
                if let stop = end?.pointee, stop == CChar(UInt8(ascii: ".")) || stop == CChar(UInt8(ascii: "e"))
                    || stop == CChar(UInt8(ascii: "E")) || errno == ERANGE {
                    errno = 0
                    number = strtod(start, &end)
                }
            } else {
                number = strtod(start, &end)
            }
            guard let end, UnsafePointer(end) != start, errno != ERANGE, !number.isNaN else { return nil }
            return (number, UnsafePointer(end) - start)
        }
    }

    /// isspace in the C locale.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// A bound as the setting's unit expresses it; block units in kB, and negative sentinels such as -1 bare.
    private static func render(_ bound: Double, for setting: GUC) -> String {
        guard bound >= 0, let unit = setting.unit.flatMap(GUCUnit.init) else { return format(bound) }
        return format(bound * unit.count) + unit.name
    }

    private static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}

/// A `pg_settings.unit` such as "kB", "8kB" or "min": a count of one of the server's named units.
struct GUCUnit: Sendable {
    enum Family: Sendable {
        case memory, time

        /// The unit names, greatest first, with their size in bytes or microseconds (guc.c's conversion tables).
        var units: [(name: String, size: Double)] {
            switch self {
            case .memory: GUCUnit.memoryUnits
            case .time: GUCUnit.timeUnits
            }
        }

        /// The names as the server's hint lists them, smallest first.
        var allowedNames: [String] {
            units.map(\.name).reversed()
        }
    }

    private static let memoryUnits: [(name: String, size: Double)] = [
        ("TB", 1_099_511_627_776), ("GB", 1_073_741_824), ("MB", 1_048_576), ("kB", 1024), ("B", 1),
    ]
    private static let timeUnits: [(name: String, size: Double)] = [
        ("d", 86_400_000_000), ("h", 3_600_000_000), ("min", 60_000_000), ("s", 1_000_000), ("ms", 1000), ("us", 1),
    ]

    /// The longest unit name the server reads (MAX_UNIT_LEN).
    static let maximumNameLength = 3

    let family: Family
    /// How many of `name` one unit is: 8 for "8kB", else 1.
    let count: Double
    let name: String
    /// One unit in bytes or microseconds.
    let size: Double

    init?(_ text: String) {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let name = String(text.dropFirst(digits.count))
        let count = digits.isEmpty ? 1 : Double(digits)
        for family in [Family.memory, .time] {
            if let size = family.units.first(where: { $0.name == name })?.size, let count {
                self.family = family
                self.count = count
                self.name = name
                self.size = count * size
                return
            }
        }
        return nil
    }

    /// convert_to_base_unit: `number` of `unitName` in this unit, rounded to a whole number of the next smaller
    /// named unit (so "1.5kB" of a byte setting is 1536 and "0.3ms" of a millisecond one is 0.3); nil for a name
    /// outside the family. Case-sensitive, as in the server.
    func convert(_ number: Double, from unitName: String) -> Double? {
        let units = family.units
        guard let index = units.firstIndex(where: { $0.name == unitName }) else { return nil }
        let value = number * (units[index].size / size)
        guard index + 1 < units.count else { return value }
        let step = units[index + 1].size / size
        return (value / step).rounded(.toNearestOrEven) * step
    }
}
