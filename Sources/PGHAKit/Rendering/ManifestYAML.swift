#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a manifest's node tree as block YAML, byte for byte as Yams' serializer (libyaml) writes the same tree
/// with the renderer's options (indent 2, unlimited width), except that YAML 1.1's one-letter booleans and signed
/// fractions (`-.5`) are quoted, as a YAML 1.1 reader could take them for something other than a string, and
/// strings that are not printable one-line ASCII are double-quoted with JSON-style escapes. Tests hold it to Yams.
enum ManifestYAML {
    /// The YAML document of `node` (for a manifest, a mapping), after `header`, as UTF-8 bytes written into one
    /// buffer: appending bytes costs a fraction of appending `String`s. Valid UTF-8: `String`s are copied whole, and
    /// double-quoted text is escaped only at ASCII bytes.
    static func document(_ node: ManifestNode, header: String = "") -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        output.append(contentsOf: header.utf8)
        switch node {
        case .mapping(let entries) where !entries.isEmpty:
            write(entries, indent: 0, firstLineWritten: false, to: &output)
        case .sequence(let items) where !items.isEmpty:
            write(items, indent: 0, firstLineWritten: false, to: &output)
        default:
            appendScalarOrEmpty(node, to: &output)
            output.append(UInt8(ascii: "\n"))
        }
        return output
    }

    /// How libyaml, as Yams drives it, writes a one-line string scalar.
    enum Scalar {
        /// Appends the written form of `text`: plain where libyaml allows it, single-quoted where it does not,
        /// where `quoted` asks for it, or (with `resolving`, as for string values) where a YAML reader would take
        /// the plain text for another type.
        static func append(_ text: String, resolving: Bool, quoted: Bool = false, to output: inout [UInt8]) {
            let original = text
            var text = text
            let printable = text.withUTF8 { bytes in
                guard !bytes.isEmpty, bytes.count <= 128, ByteScan.isPrintableASCII(UnsafeRawBufferPointer(bytes)) else { return false }
                if !quoted && plainAllowed(bytes) && !(resolving && resolvesToOtherType(bytes)) {
                    output.append(contentsOf: bytes)
                    return true
                }
                output.append(UInt8(ascii: "'"))
                for byte in bytes {
                    output.append(byte)
                    if byte == UInt8(ascii: "'") { output.append(byte) }
                }
                output.append(UInt8(ascii: "'"))
                return true
            }
            if !printable { appendDoubleQuoted(original, to: &output) }
        }

        /// Appends a double-quoted scalar with JSON-style escapes (valid YAML in every reader), for text that is
        /// not printable one-line ASCII of at most 128 bytes: the controls (C0, DEL, C1), U+2028, U+2029 and
        /// U+FEFF as `\uXXXX`, found in the UTF-8 bytes; every other scalar copied as it is, in runs between the
        /// escapes.
        static func appendDoubleQuoted(_ text: String, to output: inout [UInt8]) {
            var text = text
            text.withUTF8 { bytes in
                func follows(_ offset: Int, _ low: UInt8, _ high: UInt8, at index: Int) -> Bool {
                    index + offset < bytes.count && (low...high).contains(bytes[index + offset])
                }
                output.append(UInt8(ascii: "\""))
                var runStart = 0
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    // How many bytes the escape replaces, and the code it writes as `\uXXXX` (nil: a backslash and
                    // a character); any other byte is copied with the run it is in.
                    let width: Int, code: UInt32?
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"): (width, code) = (1, nil)
                    case 0..<0x20, 0x7F: (width, code) = (1, UInt32(byte))
                    case 0xC2 where follows(1, 0x80, 0x9F, at: index): (width, code) = (2, UInt32(bytes[index + 1]))
                    case 0xE2 where follows(1, 0x80, 0x80, at: index) && follows(2, 0xA8, 0xA9, at: index):
                        (width, code) = (3, 0x2000 | UInt32(bytes[index + 2] - 0x80))
                    case 0xEF where follows(1, 0xBB, 0xBB, at: index) && follows(2, 0xBF, 0xBF, at: index): (width, code) = (3, 0xFEFF)
                    default:
                        index += 1
                        continue
                    }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    if let code {
                        appendUnicodeEscape(code, to: &output)
                    } else {
                        output.append(UInt8(ascii: "\\"))
                        switch byte {
                        case UInt8(ascii: "\n"): output.append(UInt8(ascii: "n"))
                        case UInt8(ascii: "\t"): output.append(UInt8(ascii: "t"))
                        case UInt8(ascii: "\r"): output.append(UInt8(ascii: "r"))
                        default: output.append(byte)
                        }
                    }
                    index += width
                    runStart = index
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
                output.append(UInt8(ascii: "\""))
            }
        }

        /// `\uXXXX` for `code`, in upper-case hexadecimal digits.
        private static func appendUnicodeEscape(_ code: UInt32, to output: inout [UInt8]) {
            let hex: StaticString = "0123456789ABCDEF"
            output.append(UInt8(ascii: "\\"))
            output.append(UInt8(ascii: "u"))
            for shift in stride(from: 12, through: 0, by: -4) { output.append(hex.utf8Start[Int(code >> UInt32(shift) & 0xF)]) }
        }

        /// libyaml's test for a plain scalar in block context (`yaml_emitter_analyze_scalar`), for printable ASCII.
        static func plainAllowed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            let space = UInt8(ascii: " ")
            guard let first = bytes.first, let last = bytes.last, first != space, last != space else { return false }
            if bytes.count >= 3, bytes[0] == bytes[1], bytes[1] == bytes[2], first == UInt8(ascii: "-") || first == UInt8(ascii: ".") {
                return false
            }
            if firstCharacterIndicators.contains(first) { return false }
            if (bytes.count == 1 || bytes[1] == space) && (first == UInt8(ascii: "?") || first == UInt8(ascii: ":") || first == UInt8(ascii: "-")) {
                return false
            }
            // `: ` or a final `:`, and ` #`, found with memchr: most scalars hold neither byte.
            let base = bytes.baseAddress!
            var from = 1
            while from < bytes.count, let found = memchr(base + from, Int32(UInt8(ascii: ":")), bytes.count - from) {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if index + 1 == bytes.count || bytes[index + 1] == space { return false }
                from = index + 1
            }
            from = 1
            while from < bytes.count, let found = memchr(base + from, Int32(UInt8(ascii: "#")), bytes.count - from) {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if bytes[index - 1] == space { return false }
                from = index + 1
            }
            return true
        }

        private static let firstCharacterIndicators = ASCIISet("#,[]{}&*!|>'\"%@`")

        /// Whether a YAML reader takes the plain text of `bytes` (UTF-8) for something other than a string: what
        /// Yams' default resolver reads as a boolean, integer, float, null, timestamp, merge key (`<<`) or value key
        /// (`=`), and what YAML 1.1 readers such as kubectl's also read as booleans (`y`, `n`) or floats (`-.5`).
        static func resolvesToOtherType(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let first = bytes.first else { return true }
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20) {
                return bytes.count <= 5 && isReservedWord(bytes)
            }
            let nonStringCharacters = Self.nonStringCharacters
            guard bytes.allSatisfy({ nonStringCharacters.contains($0) }) else { return false }
            let text = String(decoding: bytes, as: UTF8.self)
            return ScalarKind.classifyPlain(text) != .string || text == "<<" || text == "=" || isTimestamp(text)
        }

        /// Every character of Yams' int, float, timestamp, null, merge and value patterns.
        private static let nonStringCharacters = ASCIISet("0123456789_-+.:eEbBoOxXabcdefABCDEFtTzZ \tinfINFnaNA<=~")

        /// Whether `bytes` (at most 5) spell a word Yams' default resolver reads as a boolean or null, or one of
        /// the one-letter booleans of YAML 1.1 readers such as kubectl's: one of `reservedWords` in lower case,
        /// capitalized or upper case (`yes`, `Yes`, `YES`; not `yEs`). Its letters are compared as one number,
        /// where a `Set<String>` hashed every key of every manifest up to that length.
        static func isReservedWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var packed: UInt64 = 0
            var upperCase = 0
            for byte in bytes {
                let lower = byte | 0x20
                guard lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") else { return false }
                if byte != lower { upperCase += 1 }
                packed = packed << 8 | UInt64(lower)
            }
            let capitalized = upperCase == 1 && bytes[0] < UInt8(ascii: "a")
            guard upperCase == 0 || upperCase == bytes.count || capitalized else { return false }
            return reservedWords.contains(packed)
        }

        /// The lower-case words of `isReservedWord`, each packed as its bytes in one number.
        private static let reservedWords: [UInt64] = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"].map { word in
            word.utf8.reduce(0) { $0 << 8 | UInt64($1) }
        }

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

    /// Appends a scalar's written form; empty collections are written in flow style.
    private static func appendScalarOrEmpty(_ node: ManifestNode, to output: inout [UInt8]) {
        switch node {
        case .string(let text): Scalar.append(text, resolving: true, to: &output)
        case .word(let text): Scalar.append(text, resolving: false, quoted: wordNeedsQuotes(text), to: &output)
        case .integer(let value): output.append(contentsOf: String(value).utf8)
        case .boolean(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .mapping: output.append(contentsOf: "{}".utf8)
        case .sequence: output.append(contentsOf: "[]".utf8)
        }
    }

    /// `count` spaces, copied from a run of them (appending a `repeatElement` is a generic loop of about 100
    /// instructions an indent).
    private static func appendSpaces(_ count: Int, to output: inout [UInt8]) {
        let spaces: StaticString = "                                "
        var remaining = count
        while remaining > 0 {
            let run = min(remaining, spaces.utf8CodeUnitCount)
            output.append(contentsOf: UnsafeBufferPointer(start: spaces.utf8Start, count: run))
            remaining -= run
        }
    }

    /// Block YAML as libyaml writes it: two-space indents, sequences in mappings not indented, empty collections
    /// in flow style.
    private static func write(_ entries: [ManifestNode.Entry], indent: Int, firstLineWritten: Bool, to output: inout [UInt8]) {
        for (index, entry) in entries.enumerated() {
            if index > 0 || !firstLineWritten { appendSpaces(indent, to: &output) }
            Scalar.append(entry.key, resolving: true, to: &output)
            output.append(UInt8(ascii: ":"))
            writeValue(entry.value, indent: indent, to: &output)
        }
    }

    /// A mapping's value after its key and colon: nested collections on the following lines (a sequence at the
    /// key's indent, as libyaml writes it), anything else on the same line.
    private static func writeValue(_ node: ManifestNode, indent: Int, to output: inout [UInt8]) {
        switch node {
        case .mapping(let entries) where !entries.isEmpty:
            output.append(UInt8(ascii: "\n"))
            write(entries, indent: indent + 2, firstLineWritten: false, to: &output)
        case .sequence(let items) where !items.isEmpty:
            output.append(UInt8(ascii: "\n"))
            write(items, indent: indent, firstLineWritten: false, to: &output)
        default:
            output.append(UInt8(ascii: " "))
            appendScalarOrEmpty(node, to: &output)
            output.append(UInt8(ascii: "\n"))
        }
    }

    /// A block sequence; an item that is a non-empty collection starts on its dash's line.
    private static func write(_ items: [ManifestNode], indent: Int, firstLineWritten: Bool, to output: inout [UInt8]) {
        for (index, item) in items.enumerated() {
            if index > 0 || !firstLineWritten { appendSpaces(indent, to: &output) }
            output.append(UInt8(ascii: "-"))
            output.append(UInt8(ascii: " "))
            switch item {
            case .mapping(let entries) where !entries.isEmpty:
                write(entries, indent: indent + 2, firstLineWritten: true, to: &output)
            case .sequence(let inner) where !inner.isEmpty:
                write(inner, indent: indent + 2, firstLineWritten: true, to: &output)
            default:
                appendScalarOrEmpty(item, to: &output)
                output.append(UInt8(ascii: "\n"))
            }
        }
    }

    /// Words YAML 1.1 or 1.2 readers resolve to something other than a string.
    private static let specialWords: Set<String> = [
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "nan", "inf",
    ]

    /// Whether a `.word` must be quoted: it is not an identifier-like word (an ASCII letter, then ASCII letters,
    /// digits and `./_-`), or a reader would resolve it to something other than a string.
    static func wordNeedsQuotes(_ text: String) -> Bool {
        guard let first = text.utf8.first, isASCIILetter(first) else { return true }
        let identifierLike = text.utf8.allSatisfy { byte in
            isASCIILetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        return !identifierLike || (text.utf8.count <= 5 && specialWords.contains(text.lowercased()))
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }
}

/// A set of ASCII bytes as a 128-bit mask: membership is a shift, where a `Set<UInt8>` hashes every byte it is asked
/// about.
struct ASCIISet {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(_ members: StaticString) {
        for byte in UnsafeBufferPointer(start: members.utf8Start, count: members.utf8CodeUnitCount) {
            precondition(byte < 128, "ASCIISet holds ASCII only")
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low >> UInt64(byte) & 1 == 1 : byte < 128 && high >> UInt64(byte - 64) & 1 == 1
    }
}
