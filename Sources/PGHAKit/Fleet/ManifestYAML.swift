import Foundation
import Yams

/// Encodes manifests to the exact YAML text that Yams' `YAMLEncoder` writes with the renderer's options (indent 2,
/// unlimited width), several times faster: it builds no `Node` tree and skips the regular expressions Yams runs on
/// every string. It covers the subset manifests use (mappings, sequences, printable one-line ASCII strings,
/// integers, booleans, null) and returns nil for anything else, which callers then hand to Yams.
enum ManifestYAML {
    /// The YAML text of `value`, or nil when `value` holds something outside the covered subset.
    static func encode(_ value: some Encodable) -> String? {
        let root = Element()
        do {
            try root.assign(value)
        } catch {
            return nil
        }
        guard case .mapping(let entries) = root.content, !entries.isEmpty else { return nil }
        var output = ""
        output.reserveCapacity(2048)
        write(entries, indent: 0, firstLineWritten: false, to: &output)
        return output
    }

    /// Something Yams would write in a way this encoder does not reproduce.
    struct Unsupported: Error {}

    /// The types that Yams writes in a form of their own (its `YAMLEncodable` conformances other than the
    /// string, integer and boolean this encoder writes itself), which are left to Yams. Listed rather than looked
    /// up with `is YAMLEncodable`, a conformance check on every value.
    static let typesYamsWritesItself: Set<ObjectIdentifier> = Set([
        Int8.self, Int16.self, Int32.self, Int64.self, UInt.self, UInt8.self, UInt16.self, UInt32.self, UInt64.self,
        Double.self, Float.self, Decimal.self, Date.self, Data.self, URL.self, UUID.self,
    ].map { ObjectIdentifier($0 as Any.Type) })

    /// A node of the document being built; containers fill it in place as values are encoded.
    final class Element {
        enum Content {
            case unset
            case scalar(String)
            case mapping([(key: String, value: Element)])
            case sequence([Element])
        }

        var content = Content.unset

        /// Encodes `value` into this element, the way Yams' encoder treats each type. Types are told apart by
        /// comparing metatypes: dynamic casts and conformance lookups on every value made up half the encoding time.
        func assign<T: Encodable>(_ value: T) throws {
            if T.self == String.self {
                content = .scalar(try Scalar.string(unsafeBitCast(value, to: String.self), resolving: true))
            } else if T.self == YAMLString.self {
                let text = unsafeBitCast(value, to: YAMLString.self).text
                content = .scalar(try Scalar.string(text, resolving: false, quoted: YAMLString.needsQuotes(text)))
            } else if T.self == Int.self {
                content = .scalar(String(unsafeBitCast(value, to: Int.self)))
            } else if T.self == Bool.self {
                content = .scalar(unsafeBitCast(value, to: Bool.self) ? "true" : "false")
            } else if typesYamsWritesItself.contains(ObjectIdentifier(T.self)) {
                throw Unsupported()
            } else {
                try value.encode(to: ElementEncoder(element: self))
            }
        }

        func append(key: String, _ element: Element) throws {
            guard case .mapping(var entries) = content else { throw Unsupported() }
            content = .unset
            entries.append((try Scalar.string(key, resolving: true), element))
            content = .mapping(entries)
        }

        func append(_ element: Element) throws {
            guard case .sequence(var items) = content else { throw Unsupported() }
            content = .unset
            items.append(element)
            content = .sequence(items)
        }
    }

    /// How libyaml, as Yams drives it, writes a one-line string scalar.
    enum Scalar {
        /// The written form of `text`: plain where libyaml allows it, single-quoted where it does not, where
        /// `quoted` asks for it, or (with `resolving`, as for string values) where a YAML reader would take the
        /// plain text for another type.
        static func string(_ text: String, resolving: Bool, quoted: Bool = false) throws -> String {
            var text = text
            let (printable, plain) = text.withUTF8 { bytes in
                (!bytes.isEmpty && bytes.count <= 128 && bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }, plainAllowed(bytes))
            }
            guard printable else { return doubleQuoted(text) }
            if quoted || !plain || (resolving && resolvesToOtherType(text)) {
                guard text.utf8.contains(UInt8(ascii: "'")) else { return "'" + text + "'" }
                return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
            }
            return text
        }

        /// A double-quoted scalar with JSON-style escapes (valid YAML in every reader), for text that is not
        /// printable one-line ASCII of at most 128 bytes: such text is rare in manifests, and quoting it this way
        /// keeps every string a string without handing the whole object to Yams.
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

        /// Whether Yams' default resolver reads the plain text as something other than a string. Among texts that
        /// start with a letter only a few words resolve; the others can only be numbers, dates, null, `<<` or `=`
        /// when made solely of the characters those patterns use. The rest go through Yams itself, whose first
        /// use compiles its regular expressions.
        private static func resolvesToOtherType(_ text: String) -> Bool {
            guard let first = text.utf8.first else { return true }
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20) {
                return text.utf8.count <= 5 && reservedWords.contains(text)
            }
            guard text.utf8.allSatisfy(nonStringCharacters.contains) else { return false }
            return text.represented().style == .singleQuoted
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
    }

    /// Block YAML as libyaml writes it: two-space indents, sequences in mappings not indented, empty collections
    /// in flow style.
    private static func write(_ entries: [(key: String, value: Element)], indent: Int, firstLineWritten: Bool, to output: inout String) {
        for (index, entry) in entries.enumerated() {
            if index > 0 || !firstLineWritten { output += String(repeating: " ", count: indent) }
            output += entry.key
            output += ":"
            writeValue(entry.value, indent: indent, sequenceIndent: indent, to: &output)
        }
    }

    private static func writeValue(_ element: Element, indent: Int, sequenceIndent: Int, to output: inout String) {
        switch element.content {
        case .unset:
            preconditionFailure("the containers reject values that encode nothing")
        case .scalar(let text):
            output += " "
            output += text
            output += "\n"
        case .mapping(let entries):
            guard !entries.isEmpty else {
                output += " {}\n"
                return
            }
            output += "\n"
            write(entries, indent: indent + 2, firstLineWritten: false, to: &output)
        case .sequence(let items):
            guard !items.isEmpty else {
                output += " []\n"
                return
            }
            output += "\n"
            for item in items {
                output += String(repeating: " ", count: sequenceIndent)
                output += "-"
                if case .mapping(let entries) = item.content, !entries.isEmpty {
                    output += " "
                    write(entries, indent: sequenceIndent + 2, firstLineWritten: true, to: &output)
                } else {
                    writeValue(item, indent: sequenceIndent, sequenceIndent: sequenceIndent, to: &output)
                }
            }
        }
    }
}

/// The `Encoder` that fills a `ManifestYAML.Element`.
private struct ElementEncoder: Encoder {
    let element: ManifestYAML.Element
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .unset = element.content { element.content = .mapping([]) }
        return KeyedEncodingContainer(KeyedContainer(element: element))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unset = element.content { element.content = .sequence([]) }
        return UnkeyedContainer(element: element)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(element: element)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let element: ManifestYAML.Element
    var codingPath: [any CodingKey] { [] }

    func encodeNil(forKey key: Key) throws {
        let child = ManifestYAML.Element()
        child.content = .scalar("null")
        try element.append(key: key.stringValue, child)
    }

    func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let child = ManifestYAML.Element()
        try child.assign(value)
        if case .unset = child.content { throw ManifestYAML.Unsupported() }
        try element.append(key: key.stringValue, child)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(UnsupportedContainer<NestedKey>())
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        UnsupportedContainer<Key>()
    }

    func superEncoder() -> any Encoder { UnsupportedEncoder() }
    func superEncoder(forKey key: Key) -> any Encoder { UnsupportedEncoder() }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let element: ManifestYAML.Element
    var codingPath: [any CodingKey] { [] }

    var count: Int {
        guard case .sequence(let items) = element.content else { return 0 }
        return items.count
    }

    func encodeNil() throws {
        let child = ManifestYAML.Element()
        child.content = .scalar("null")
        try element.append(child)
    }

    func encode<T: Encodable>(_ value: T) throws {
        let child = ManifestYAML.Element()
        try child.assign(value)
        switch child.content {
        case .unset, .sequence: throw ManifestYAML.Unsupported()
        case .scalar, .mapping: break
        }
        try element.append(child)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(UnsupportedContainer<NestedKey>())
    }

    func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { UnsupportedContainer<AnyKey>() }
    func superEncoder() -> any Encoder { UnsupportedEncoder() }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let element: ManifestYAML.Element
    var codingPath: [any CodingKey] { [] }

    func encodeNil() throws {
        guard case .unset = element.content else { throw ManifestYAML.Unsupported() }
        element.content = .scalar("null")
    }

    func encode<T: Encodable>(_ value: T) throws {
        guard case .unset = element.content else { throw ManifestYAML.Unsupported() }
        try element.assign(value)
    }
}

/// Nested and super containers, which manifests do not use: every call fails, so the value goes to Yams.
private struct UnsupportedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol, UnkeyedEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int { 0 }

    func encodeNil() throws { throw ManifestYAML.Unsupported() }
    func encode<T: Encodable>(_ value: T) throws { throw ManifestYAML.Unsupported() }
    func encodeNil(forKey key: Key) throws { throw ManifestYAML.Unsupported() }
    func encode<T: Encodable>(_ value: T, forKey key: Key) throws { throw ManifestYAML.Unsupported() }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(UnsupportedContainer<NestedKey>())
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(UnsupportedContainer<NestedKey>())
    }

    func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { self }
    func superEncoder() -> any Encoder { UnsupportedEncoder() }
    func superEncoder(forKey key: Key) -> any Encoder { UnsupportedEncoder() }
}

private struct UnsupportedEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(UnsupportedContainer<Key>())
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { UnsupportedContainer<AnyKey>() }
    func singleValueContainer() -> any SingleValueEncodingContainer { UnsupportedSingleValue() }
}

private struct UnsupportedSingleValue: SingleValueEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    func encodeNil() throws { throw ManifestYAML.Unsupported() }
    func encode<T: Encodable>(_ value: T) throws { throw ManifestYAML.Unsupported() }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
