/// Name syntaxes of Kubernetes and Azure, checked by hand (no regular expressions on the hot path). Every syntax
/// here is ASCII, so names are scanned as UTF-8 bytes: a byte outside ASCII fails each test, as the character it
/// belongs to would, and a name of accepted bytes has as many characters as bytes (CR LF, one character of two
/// ASCII bytes, is never accepted). `Character`'s own `isLowercase` and `isLetter` look Unicode properties up.
enum NameRules {
    static func isLowerAlphanumeric(_ c: Character) -> Bool { c.asciiValue.map(isLowerAlphanumeric) ?? false }
    static func isAlphanumeric(_ c: Character) -> Bool { c.asciiValue.map(isAlphanumeric) ?? false }
    /// An ASCII lowercase letter.
    static func isLowercaseLetter(_ c: Character) -> Bool { c.asciiValue.map(isLowercaseLetter) ?? false }
    /// An ASCII letter.
    static func isLetter(_ c: Character) -> Bool { c.asciiValue.map(isLetter) ?? false }

    static func isLowerAlphanumeric(_ byte: UInt8) -> Bool { isLowercaseLetter(byte) || isDigit(byte) }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
    static func isLowercaseLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    static func isUppercaseLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    static func isLetter(_ byte: UInt8) -> Bool { isLowercaseLetter(byte | 0x20) }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// A DNS-1035 label: lowercase letters, digits and '-', starting with a letter, ending alphanumeric.
    static func isDNS1035Label(_ name: String, maxLength: Int = 63) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, let last = bytes.last, bytes.count <= maxLength else { return false }
        return isLowercaseLetter(first) && isLowerAlphanumeric(last)
            && bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// A DNS-1123 label: like DNS-1035 but may start with a digit.
    static func isDNS1123Label(_ name: String, maxLength: Int = 63) -> Bool {
        isDNS1123Label(name.utf8[...], maxLength: maxLength)
    }

    private static func isDNS1123Label(_ bytes: Substring.UTF8View, maxLength: Int) -> Bool {
        guard let first = bytes.first, let last = bytes.last, bytes.count <= maxLength else { return false }
        return isLowerAlphanumeric(first) && isLowerAlphanumeric(last)
            && bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// A DNS-1123 subdomain: dot-separated parts like DNS-1123 labels, at most 253 characters in all (Kubernetes
    /// limits only the total).
    static func isDNS1123Subdomain(_ name: String) -> Bool {
        let bytes = name.utf8[...]
        return bytes.count <= 253 && !bytes.isEmpty && bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            .allSatisfy { isDNS1123Label($0, maxLength: 253) }
    }

    /// A Kubernetes label key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63
    /// characters of alphanumerics, '-', '_' and '.', starting and ending alphanumeric.
    static func isLabelKey(_ key: String) -> Bool {
        let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 && !isDNS1123Subdomain(String(parts[0])) { return false }
        guard let name = parts.last, !name.isEmpty else { return false }
        return isLabelValue(String(name))
    }

    /// A Kubernetes label value: empty, or at most 63 alphanumerics, '-', '_' and '.', starting and ending alphanumeric.
    static func isLabelValue(_ value: String) -> Bool {
        let bytes = value.utf8
        guard let first = bytes.first, let last = bytes.last else { return true }
        return bytes.count <= 63 && isAlphanumeric(first) && isAlphanumeric(last)
            && bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// A UUID in its canonical 8-4-4-4-12 hexadecimal form.
    static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    /// Text made only of ASCII letters and digits and the characters of `allowed` (ASCII), of a length in
    /// `lengths`, whose first and last characters satisfy the given tests.
    static func matches(
        _ text: String,
        lengths: ClosedRange<Int>,
        allowed: StaticString,
        first: (Character) -> Bool = isAlphanumeric,
        last: (Character) -> Bool = isAlphanumeric
    ) -> Bool {
        let extra = UnsafeBufferPointer(start: allowed.utf8Start, count: allowed.utf8CodeUnitCount)
        guard text.utf8.allSatisfy({ isAlphanumeric($0) || extra.contains($0) }), lengths.contains(text.utf8.count),
              let head = text.first, let tail = text.last else { return false }
        return first(head) && last(tail)
    }
}
