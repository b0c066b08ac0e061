/// Writes a manifest's node tree as block YAML, byte for byte as Yams' serializer (libyaml) writes the same tree
/// with the renderer's options (indent 2, unlimited width), except that YAML 1.1's one-letter booleans and signed
/// fractions (`-.5`) are quoted, as a YAML 1.1 reader could take them for something other than a string, and
/// strings that are not printable one-line ASCII are double-quoted with JSON-style escapes. Tests hold it to Yams.
enum ManifestYAML {
    /// The YAML document of `node` (for a manifest, a mapping).
    static func document(_ node: ManifestNode) -> String {
        var output = ""
        output.reserveCapacity(2048)
        switch node {
        case .mapping(let entries) where !entries.isEmpty:
            write(entries, indent: 0, firstLineWritten: false, to: &output)
        case .sequence(let items) where !items.isEmpty:
            write(items, indent: 0, firstLineWritten: false, to: &output)
        default:
            output += scalarOrEmpty(node)
            output += "\n"
        }
        return output
    }

    /// How libyaml, as Yams drives it, writes a one-line string scalar.
    enum Scalar {
        /// The written form of `text`: plain where libyaml allows it, single-quoted where it does not, where
        /// `quoted` asks for it, or (with `resolving`, as for string values) where a YAML reader would take the
        /// plain text for another type.
        static func string(_ text: String, resolving: Bool, quoted: Bool = false) -> String {
            var text = text
            let (printable, plain) = text.withUTF8 { bytes in
                (!bytes.isEmpty && bytes.count <= 128 && bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }, plainAllowed(bytes))
            }
            guard printable else { return doubleQuoted(text) }
            if quoted || !plain || (resolving && resolvesToOtherType(text)) {
                guard text.utf8.contains(UInt8(ascii: "'")) else { return "'" + text + "'" }
                return "'" + text.replacing("'", with: "''") + "'"
            }
            return text
        }

        /// A double-quoted scalar with JSON-style escapes (valid YAML in every reader), for text that is not
        /// printable one-line ASCII of at most 128 bytes.
        static func doubleQuoted(_ text: String) -> String {
            var result = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": result += "\\\""
                case "\\": result += "\\\\"
                case "\n": result += "\\n"
                case "\t": result += "\\t"
                case "\r": result += "\\r"
                case let other where other.value < 0x20 || other.value == 0x7F || (0x80...0x9F).contains(other.value)
                    || other == "\u{2028}" || other == "\u{2029}" || other == "\u{FEFF}":
                    let hex = String(other.value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                default: result.unicodeScalars.append(scalar)
                }
            }
            return result + "\""
        }

        /// libyaml's test for a plain scalar in block context (`yaml_emitter_analyze_scalar`), for printable ASCII.
        static func plainAllowed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            let space = UInt8(ascii: " ")
            guard let first = bytes.first, let last = bytes.last, first != space, last != space else { return false }
            if bytes.count >= 3, bytes[0] == bytes[1], bytes[1] == bytes[2], first == UInt8(ascii: "-") || first == UInt8(ascii: ".") {
                return false
            }
            for index in bytes.indices {
                let byte = bytes[index]
                let followedBySpace = index + 1 == bytes.count || bytes[index + 1] == space
                if index == 0 {
                    if firstCharacterIndicators.contains(byte) { return false }
                    if followedBySpace && (byte == UInt8(ascii: "?") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")) {
                        return false
                    }
                } else {
                    if byte == UInt8(ascii: ":") && followedBySpace { return false }
                    if byte == UInt8(ascii: "#") && bytes[index - 1] == space { return false }
                }
            }
            return true
        }

        private static let firstCharacterIndicators = Set("#,[]{}&*!|>'\"%@`".utf8)

        /// Whether a YAML reader takes the plain text for something other than a string: what Yams' default
        /// resolver reads as a boolean, integer, float, null, timestamp, merge key (`<<`) or value key (`=`), and
        /// what YAML 1.1 readers such as kubectl's also read as booleans (`y`, `n`) or floats (`-.5`).
        static func resolvesToOtherType(_ text: String) -> Bool {
            guard let first = text.utf8.first else { return true }
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20) {
                return text.utf8.count <= 5 && reservedWords.contains(text)
            }
            guard text.utf8.allSatisfy(nonStringCharacters.contains) else { return false }
            return ScalarKind.classifyPlain(text) != .string || text == "<<" || text == "=" || isTimestamp(text)
        }

        /// Every character of Yams' int, float, timestamp, null, merge and value patterns.
        private static let nonStringCharacters = Set("0123456789_-+.:eEbBoOxXabcdefABCDEFtTzZ \tinfINFnaNA<=~".utf8)

        /// The words Yams' default resolver reads as booleans or null, and the one-letter booleans of YAML 1.1
        /// readers such as kubectl's.
        private static let reservedWords: Set<String> = [
            "y", "Y", "n", "N",
            "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
            "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
        ]

        /// Yams' timestamp pattern: `yyyy-mm-dd`, or a date with one- or two-digit month and day, then `T`, `t`
        /// or blanks, `h:mm:ss`, an optional fraction and an optional zone (`Z`, `+h`, `-hh:mm`, after blanks).
        static func isTimestamp(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            var index = 0
            func digits(_ least: Int, _ most: Int) -> Int? {
                var count = 0
                while count < most, index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                    index += 1
                    count += 1
                }
                return count >= least ? count : nil
            }
            func skip(_ byte: Unicode.Scalar) -> Bool {
                guard index < bytes.count, bytes[index] == UInt8(ascii: byte) else { return false }
                index += 1
                return true
            }
            func skipBlanks() -> Int {
                let start = index
                while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
                return index - start
            }
            guard digits(4, 4) != nil, skip("-"), let month = digits(1, 2), skip("-"), let day = digits(1, 2) else { return false }
            if index == bytes.count { return month == 2 && day == 2 }
            guard skip("T") || skip("t") || skipBlanks() > 0, digits(1, 2) != nil, skip(":"), digits(2, 2) != nil,
                  skip(":"), digits(2, 2) != nil else { return false }
            if skip("."), digits(0, Int.max) == nil { return false }
            let beforeZone = index
            _ = skipBlanks()
            if skip("Z") {
            } else if skip("+") || skip("-") {
                guard digits(1, 2) != nil else { return false }
                if skip(":"), digits(2, 2) == nil { return false }
            } else {
                index = beforeZone
            }
            return index == bytes.count
        }
    }

    /// A scalar's written form; empty collections are written in flow style.
    private static func scalarOrEmpty(_ node: ManifestNode) -> String {
        switch node {
        case .string(let text): return Scalar.string(text, resolving: true)
        case .word(let text): return Scalar.string(text, resolving: false, quoted: wordNeedsQuotes(text))
        case .integer(let value): return String(value)
        case .boolean(let value): return value ? "true" : "false"
        case .mapping: return "{}"
        case .sequence: return "[]"
        }
    }

    /// Block YAML as libyaml writes it: two-space indents, sequences in mappings not indented, empty collections
    /// in flow style.
    private static func write(_ entries: [ManifestNode.Entry], indent: Int, firstLineWritten: Bool, to output: inout String) {
        for (index, entry) in entries.enumerated() {
            if index > 0 || !firstLineWritten { output += String(repeating: " ", count: indent) }
            output += Scalar.string(entry.key, resolving: true)
            output += ":"
            writeValue(entry.value, indent: indent, to: &output)
        }
    }

    /// A mapping's value after its key and colon: nested collections on the following lines (a sequence at the
    /// key's indent, as libyaml writes it), anything else on the same line.
    private static func writeValue(_ node: ManifestNode, indent: Int, to output: inout String) {
        switch node {
        case .mapping(let entries) where !entries.isEmpty:
            output += "\n"
            write(entries, indent: indent + 2, firstLineWritten: false, to: &output)
        case .sequence(let items) where !items.isEmpty:
            output += "\n"
            write(items, indent: indent, firstLineWritten: false, to: &output)
        default:
            output += " "
            output += scalarOrEmpty(node)
            output += "\n"
        }
    }

    /// A block sequence; an item that is a non-empty collection starts on its dash's line.
    private static func write(_ items: [ManifestNode], indent: Int, firstLineWritten: Bool, to output: inout String) {
        for (index, item) in items.enumerated() {
            if index > 0 || !firstLineWritten { output += String(repeating: " ", count: indent) }
            output += "- "
            switch item {
            case .mapping(let entries) where !entries.isEmpty:
                write(entries, indent: indent + 2, firstLineWritten: true, to: &output)
            case .sequence(let inner) where !inner.isEmpty:
                write(inner, indent: indent + 2, firstLineWritten: true, to: &output)
            default:
                output += scalarOrEmpty(item)
                output += "\n"
            }
        }
    }

    /// Words YAML 1.1 or 1.2 readers resolve to something other than a string.
    private static let specialWords: Set<String> = [
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "nan", "inf",
    ]

    /// Whether a `.word` must be quoted: it is not an identifier-like word, or a reader would resolve it to
    /// something other than a string.
    static func wordNeedsQuotes(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return true }
        if specialWords.contains(text.lowercased()) { return true }
        return !text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "./_-".unicodeScalars.contains($0)) }
    }
}
