/// What a YAML scalar means, classified by hand with the rules of Yams' default resolver (YAML 1.1 booleans,
/// integers, floats and nulls) but without its regular expressions, which made reading a spec cost milliseconds.
/// Quoted and block scalars are strings; an explicit standard tag (`!!int 5`, `!!str true`) wins.
enum ScalarKind: Equatable {
    case string, integer, float, boolean, null, other

    static func of(_ scalar: YAMLNode.Scalar) -> ScalarKind {
        let tag = scalar.tag
        // The two tags nearly every scalar has: none (plain) and the one libyaml gives quoted and block scalars.
        if tag.isEmpty { return scalar.style == .plain || scalar.style == .any ? classifyPlain(scalar.string) : .string }
        if tag == "tag:yaml.org,2002:str" { return .string }
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
    static func booleanValue(of text: String) -> Bool? {
        // Every boolean word starts with y, n, t, f or o: other texts skip hashing.
        guard let first = text.utf8.first, booleanInitials.contains(first | 0x20) else { return nil }
        return booleans[text]
    }

    private static let booleanInitials: [UInt8] = Array("yntfo".utf8)

    static func classifyPlain(_ text: String) -> ScalarKind {
        if let first = text.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20) {
            // No number starts with a letter: only the null and boolean words are not strings.
            guard text.utf8.count <= 5 else { return .string }
            if text == "null" || text == "Null" || text == "NULL" { return .null }
            return booleanValue(of: text) != nil ? .boolean : .string
        }
        if text.isEmpty || text == "~" { return .null }
        switch NumberShape(text.utf8) {
        case .notANumber: return .string
        case .decimalInteger: return .integer
        case .other: break
        }
        let bytes = Array(text.utf8)[...]
        if isInteger(bytes) { return .integer }
        if isFloat(bytes) { return .float }
        return .string
    }

    /// What one pass over a plain scalar's bytes tells, before the full patterns are tried: a byte no integer or
    /// float pattern has (`5min`, `256MB`) makes it a string; decimal digits without a leading zero (`16`, `0`)
    /// make it an integer.
    private enum NumberShape {
        case notANumber, decimalInteger, other

        init(_ bytes: String.UTF8View) {
            var allDecimal = true
            for byte in bytes {
                guard byte < 0x80, Self.numberBytes[Int(byte)] else {
                    self = .notANumber
                    return
                }
                if !ScalarKind.isDecimal(byte) { allDecimal = false }
            }
            self = allDecimal && (bytes.count == 1 || bytes.first != UInt8(ascii: "0")) ? .decimalInteger : .other
        }

        /// The bytes YAML 1.1's integer and float patterns are made of: signs, digits, `_`, `.`, `:`, the prefixes
        /// `0b`, `0o` and `0x`, hexadecimal digits (with the exponent's `e`), and the letters of `.inf` and `.nan`.
        private static let numberBytes: [Bool] = (0..<128).map { code in
            let byte = UInt8(code)
            return ScalarKind.isHex(byte) || "+-_.:xoinINF".utf8.contains(byte)
        }
    }

    private typealias Bytes = ArraySlice<UInt8>

    /// Whether `bytes` is non-empty and made of `_` and bytes `allowed` accepts.
    private static func digits(_ bytes: Bytes, _ allowed: (UInt8) -> Bool) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { $0 == UInt8(ascii: "_") || allowed($0) }
    }

    private static func isDecimal(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isOctal(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) }

    private static func isHex(_ byte: UInt8) -> Bool {
        isDecimal(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }

    private static func isSign(_ byte: UInt8?) -> Bool { byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") }

    private static func starts(_ bytes: Bytes, with prefix: String) -> Bool { bytes.starts(with: prefix.utf8) }

    /// `[-+]?(0b[01_]+ | 0o?[0-7_]+ | 0 | [1-9][0-9_]* | 0x[0-9a-fA-F_]+ | [1-9][0-9_]*(:[0-5]?[0-9])+)`.
    private static func isInteger(_ text: Bytes) -> Bool {
        let body = isSign(text.first) ? text.dropFirst() : text
        if starts(body, with: "0b") { return digits(body.dropFirst(2)) { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") } }
        if starts(body, with: "0x") { return digits(body.dropFirst(2), isHex) }
        if starts(body, with: "0o") { return digits(body.dropFirst(2), isOctal) }
        if body.elementsEqual("0".utf8) { return true }
        if starts(body, with: "0") { return digits(body.dropFirst(), isOctal) }
        let parts = body.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard let head = parts.first, let first = head.first, first != UInt8(ascii: "0"), isDecimal(first), digits(head, isDecimal) else {
            return false
        }
        return parts.dropFirst().allSatisfy(isSexagesimalPart)
    }

    private static func isSexagesimalPart(_ part: Bytes) -> Bool {
        guard (1...2).contains(part.count), part.allSatisfy(isDecimal) else { return false }
        return part.count == 1 || (UInt8(ascii: "0")...UInt8(ascii: "5")).contains(part.first!)
    }

    /// `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?`, `\.[0-9_]+([eE][-+][0-9]+)?`, sexagesimal floats,
    /// `[-+]?\.(inf|Inf|INF)` and `\.(nan|NaN|NAN)`.
    private static func isFloat(_ text: Bytes) -> Bool {
        if [".nan", ".NaN", ".NAN"].contains(where: { text.elementsEqual($0.utf8) }) { return true }
        let body = isSign(text.first) ? text.dropFirst() : text
        if [".inf", ".Inf", ".INF"].contains(where: { body.elementsEqual($0.utf8) }) { return true }
        var mantissa = body
        var exponent: Bytes?
        if let e = body.firstIndex(where: { $0 | 0x20 == UInt8(ascii: "e") }) {
            mantissa = body[..<e]
            exponent = body[(e + 1)...]
        }
        if let exponent {
            let exponentDigits = isSign(exponent.first) ? exponent.dropFirst() : exponent
            guard !exponentDigits.isEmpty, exponentDigits.allSatisfy(isDecimal) else { return false }
        }
        if mantissa.first == UInt8(ascii: ".") {
            return digits(mantissa.dropFirst(), isDecimal) && (exponent == nil || isSign(exponent?.first))
        }
        let parts = mantissa.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, let first = whole.first, isDecimal(first) else { return false }
        if whole.contains(UInt8(ascii: ":")) {
            let sexagesimal = whole.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard exponent == nil, parts.count == 2, digits(sexagesimal[0], isDecimal),
                  sexagesimal.dropFirst().allSatisfy(isSexagesimalPart) else { return false }
        } else if !digits(whole, isDecimal) {
            return false
        }
        return parts.count == 1 || parts[1].allSatisfy { $0 == UInt8(ascii: "_") || isDecimal($0) }
    }
}
