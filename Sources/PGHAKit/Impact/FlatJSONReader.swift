/// Reads a JSON document into `SpecFields`, flattening objects key by key under dotted paths and keeping each array
/// whole as the texts of its scalars (a nested object or array in an array reads as ""). Scalars keep their text:
/// a string unescaped, a number, `true`, `false` and `null` as written. Strict JSON (RFC 8259) on the bytes, with
/// no tree built: a spec record is read on every render of a directory that holds one.
struct FlatJSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// The objects and arrays the value being read is nested in.
    private var depth = 0
    private var values: [String: SpecFields.Value] = [:]
    /// With `keeping`: the paths kept, every object path above them (`storage` for `storage.size`) and `""` (the
    /// root's path, which a member of key `""` at the root also has); the members of other objects are read, and the
    /// document checked, without their paths being built or kept.
    private var wanted: Set<String>?
    /// With `keeping`: the paths kept.
    private var kept: Set<String>?

    private struct Malformed: Error {}

    /// How deeply objects and arrays may nest (a spec record nests about five deep): deeper is refused like malformed
    /// JSON, before the reader's recursion can run out of stack.
    static let maximumDepth = 64

    /// The flattened fields of `bytes`, or nil when they are not one JSON object (after a byte-order mark, which an
    /// editor may add). With `keeping`, only the fields at those paths: the same document is read and refused alike.
    static func fields(_ bytes: [UInt8], keeping kept: Set<String>? = nil) -> SpecFields? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = FlatJSONReader(bytes: buffer)
            if let kept {
                reader.kept = kept
                reader.wanted = kept.reduce(into: kept.union([""])) { wanted, path in
                    var above = Substring(path)
                    while let dot = above.lastIndex(of: ".") {
                        above = above[..<dot]
                        wanted.insert(String(above))
                    }
                }
            } else {
                reader.values.reserveCapacity(128) // a guide-sized spec's record has about 110 fields
            }
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
            do {
                reader.skipWhitespace()
                guard reader.peek == UInt8(ascii: "{") else { return nil }
                try reader.value(path: "")
                reader.skipWhitespace()
                guard reader.index == buffer.count else { return nil }
            } catch {
                return nil
            }
            return SpecFields(values: reader.values)
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws(Malformed) {
        skipWhitespace()
        guard peek == byte else { throw Malformed() }
        index += 1
    }

    /// Reads the value at `index` and records it under `path`: an object's members under `path.key`. Without a path
    /// (a value not kept), it is read and checked only.
    private mutating func value(path: String?) throws(Malformed) {
        skipWhitespace()
        switch peek {
        case UInt8(ascii: "{"):
            try enterCollection()
            defer { depth -= 1 }
            skipWhitespace()
            if peek == UInt8(ascii: "}") { index += 1; return }
            repeat {
                skipWhitespace()
                let key = try string(keeping: path != nil)
                try expect(UInt8(ascii: ":"))
                try value(path: path.flatMap { path in member(path.isEmpty ? key : path + "." + key) })
                skipWhitespace()
            } while try separator(closing: UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            try enterCollection()
            defer { depth -= 1 }
            var items: [String] = []
            skipWhitespace()
            if peek == UInt8(ascii: "]") {
                index += 1
            } else {
                repeat {
                    skipWhitespace()
                    let item = try item(keeping: path != nil)
                    if path != nil { items.append(item) }
                    skipWhitespace()
                } while try separator(closing: UInt8(ascii: "]"))
            }
            if let path, kept?.contains(path) ?? true { values[path] = .list(items) }
        default:
            if let path, kept?.contains(path) ?? true {
                values[path] = .scalar(try scalar(keeping: true))
            } else {
                _ = try scalar(keeping: false)
            }
        }
    }

    /// Steps into the object or array at `index`, one level deeper.
    private mutating func enterCollection() throws(Malformed) {
        guard depth < Self.maximumDepth else { throw Malformed() }
        depth += 1
        index += 1
    }

    /// `path` when it is kept or above a kept path, else nil.
    private func member(_ path: String) -> String? {
        wanted?.contains(path) ?? true ? path : nil
    }

    /// Reads an array's item: a scalar's text (when `keeping`, else ""), or "" for a nested object or array (read and
    /// dropped).
    private mutating func item(keeping: Bool) throws(Malformed) -> String {
        guard peek == UInt8(ascii: "{") || peek == UInt8(ascii: "[") else { return try scalar(keeping: keeping) }
        var nested = FlatJSONReader(bytes: bytes)
        nested.index = index
        nested.depth = depth
        try nested.value(path: nil)
        index = nested.index
        return ""
    }

    /// After a member or an item: true after a comma, false after `closing`.
    private mutating func separator(closing: UInt8) throws(Malformed) -> Bool {
        switch peek {
        case UInt8(ascii: ","): index += 1; return true
        case closing: index += 1; return false
        default: throw Malformed()
        }
    }

    /// Reads a scalar, checked alike either way; its text when `keeping`, else "" (a value not kept makes no `String`).
    private mutating func scalar(keeping: Bool) throws(Malformed) -> String {
        switch peek {
        case UInt8(ascii: "\""): return try string(keeping: keeping)
        case UInt8(ascii: "t"): return try word("true")
        case UInt8(ascii: "f"): return try word("false")
        case UInt8(ascii: "n"): return try word("null")
        default:
            let start = index
            try number()
            return keeping ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self) : ""
        }
    }

    private mutating func word(_ word: StaticString) throws(Malformed) -> String {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count,
              UnsafeBufferPointer(rebasing: bytes[index..<index + length]).elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: length))
        else { throw Malformed() }
        index += length
        return word.description
    }

    /// Reads a number: `-`, digits without a leading zero, an optional fraction and exponent.
    private mutating func number() throws(Malformed) {
        func digits() -> Int {
            let first = index
            while let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
            return index - first
        }
        if peek == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { throw Malformed() }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw Malformed() }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw Malformed() }
        }
    }

    /// A string literal, unescaped when `keeping` (else ""); its text must be valid UTF-8 without control characters.
    private mutating func string(keeping: Bool) throws(Malformed) -> String {
        guard peek == UInt8(ascii: "\"") else { throw Malformed() }
        index += 1
        let start = index
        while let byte = peek, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            guard byte >= 0x20 else { throw Malformed() }
            index += 1
        }
        var text = try validated(start..<index, keeping: keeping)
        while peek == UInt8(ascii: "\\") {
            index += 1
            let scalar = try unescaped()
            if keeping { text.unicodeScalars.append(scalar) }
            let run = index
            while let byte = peek, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                guard byte >= 0x20 else { throw Malformed() }
                index += 1
            }
            text += try validated(run..<index, keeping: keeping)
        }
        guard peek == UInt8(ascii: "\"") else { throw Malformed() }
        index += 1
        return text
    }

    /// The text of `range` (when `keeping`, else ""), which must be UTF-8. ASCII, what a record almost always holds,
    /// is decoded without `String(validating:)`, whose generic code looks up type metadata at run time on every call.
    private func validated(_ range: Range<Int>, keeping: Bool) throws(Malformed) -> String {
        let run = UnsafeBufferPointer(rebasing: bytes[range])
        if run.allSatisfy({ $0 < 0x80 }) { return keeping ? String(decoding: run, as: UTF8.self) : "" }
        guard let text = String(validating: run, as: UTF8.self) else { throw Malformed() }
        return keeping ? text : ""
    }

    /// The scalar an escape after a backslash stands for; `\u` with a surrogate pair makes one scalar.
    private mutating func unescaped() throws(Malformed) -> Unicode.Scalar {
        guard let byte = peek else { throw Malformed() }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return Unicode.Scalar(byte)
        case UInt8(ascii: "b"): return "\u{8}"
        case UInt8(ascii: "f"): return "\u{C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800...0xDBFF).contains(code) {
                guard peek == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else { throw Malformed() }
                index += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw Malformed() }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw Malformed() }
            return scalar
        default:
            throw Malformed()
        }
    }

    private mutating func hex4() throws(Malformed) -> UInt32 {
        guard index + 4 <= bytes.count else { throw Malformed() }
        var code: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8 = switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: throw Malformed()
            }
            code = code << 4 | UInt32(digit)
            index += 1
        }
        return code
    }
}
