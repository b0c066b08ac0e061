import Yams

/// What a YAML scalar means, classified by hand with the rules of Yams' default resolver (YAML 1.1 booleans,
/// integers, floats and nulls) but without its regular expressions, which made reading a spec cost milliseconds.
/// Quoted and block scalars are strings; an explicit standard tag (`!!int 5`, `!!str true`) wins. (Value
/// scalars keep their tag as written; only mapping keys are resolved by the composer.)
enum ScalarKind: Equatable {
    case string, integer, float, boolean, null, other

    static func of(_ scalar: Node.Scalar) -> ScalarKind {
        let tag = scalar.tag.description
        if tag.hasPrefix("tag:yaml.org,2002:") {
            switch tag.dropFirst("tag:yaml.org,2002:".count) {
            case "str": return .string
            case "int": return .integer
            case "float": return .float
            case "bool": return .boolean
            case "null": return .null
            default: return .other
            }
        }
        guard scalar.style == .plain || scalar.style == .any else { return .string }
        return classifyPlain(scalar.string)
    }

    private static let booleans: [String: Bool] = [
        "yes": true, "Yes": true, "YES": true, "no": false, "No": false, "NO": false,
        "true": true, "True": true, "TRUE": true, "false": false, "False": false, "FALSE": false,
        "on": true, "On": true, "ON": true, "off": false, "Off": false, "OFF": false,
    ]

    /// The boolean a plain scalar spells, or nil.
    static func booleanValue(of text: String) -> Bool? { booleans[text] }

    static func classifyPlain(_ text: String) -> ScalarKind {
        if let first = text.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20) {
            // No number starts with a letter: only the null and boolean words are not strings.
            guard text.utf8.count <= 5 else { return .string }
            if text == "null" || text == "Null" || text == "NULL" { return .null }
            return booleans[text] != nil ? .boolean : .string
        }
        if text.isEmpty || text == "~" { return .null }
        if isInteger(text) { return .integer }
        if isFloat(text) { return .float }
        return .string
    }

    private static func digits(_ text: Substring, _ allowed: (Character) -> Bool) -> Bool {
        !text.isEmpty && text.allSatisfy { $0 == "_" || allowed($0) }
    }

    private static func isDecimal(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    /// `[-+]?(0b[01_]+ | 0o?[0-7_]+ | 0 | [1-9][0-9_]* | 0x[0-9a-fA-F_]+ | [1-9][0-9_]*(:[0-5]?[0-9])+)`.
    private static func isInteger(_ text: String) -> Bool {
        var body = Substring(text)
        if let first = body.first, first == "-" || first == "+" { body = body.dropFirst() }
        if body.hasPrefix("0b") { return digits(body.dropFirst(2)) { $0 == "0" || $0 == "1" } }
        if body.hasPrefix("0x") { return digits(body.dropFirst(2)) { $0.isHexDigit } }
        if body.hasPrefix("0o") { return digits(body.dropFirst(2)) { ("0"..."7").contains($0) } }
        if body == "0" { return true }
        if body.hasPrefix("0") { return digits(body.dropFirst()) { ("0"..."7").contains($0) } }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard let head = parts.first, let first = head.first, ("1"..."9").contains(first), digits(head, isDecimal) else {
            return false
        }
        return parts.dropFirst().allSatisfy(isSexagesimalPart)
    }

    private static func isSexagesimalPart(_ part: Substring) -> Bool {
        guard (1...2).contains(part.count), part.allSatisfy(isDecimal) else { return false }
        return part.count == 1 || ("0"..."5").contains(part.first!)
    }

    /// `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?`, `\.[0-9_]+([eE][-+][0-9]+)?`, sexagesimal floats,
    /// `[-+]?\.(inf|Inf|INF)` and `\.(nan|NaN|NAN)`.
    private static func isFloat(_ text: String) -> Bool {
        if [".nan", ".NaN", ".NAN"].contains(text) { return true }
        var body = Substring(text)
        if let first = body.first, first == "-" || first == "+" { body = body.dropFirst() }
        if [".inf", ".Inf", ".INF"].contains(body) { return true }
        var mantissa = body
        var exponent: Substring?
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = body[..<e]
            exponent = body[body.index(after: e)...]
        }
        if let exponent {
            var exponentDigits = exponent
            if let sign = exponentDigits.first, sign == "-" || sign == "+" { exponentDigits = exponentDigits.dropFirst() }
            guard !exponentDigits.isEmpty, exponentDigits.allSatisfy(isDecimal) else { return false }
        }
        if mantissa.hasPrefix(".") {
            return digits(mantissa.dropFirst(), isDecimal) && (exponent == nil || "+-".contains(exponent!.first ?? " "))
        }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, let first = whole.first, first.isASCII, first.isNumber else { return false }
        if whole.contains(":") {
            let sexagesimal = whole.split(separator: ":", omittingEmptySubsequences: false)
            guard exponent == nil, parts.count == 2, digits(sexagesimal[0], isDecimal),
                  sexagesimal.dropFirst().allSatisfy(isSexagesimalPart) else { return false }
        } else if !digits(whole, isDecimal) {
            return false
        }
        return parts.count == 1 || parts[1].allSatisfy { $0 == "_" || isDecimal($0) }
    }
}
