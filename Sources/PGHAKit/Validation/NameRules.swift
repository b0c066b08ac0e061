/// Name syntaxes of Kubernetes and Azure, checked by hand (no regular expressions on the hot path).
enum NameRules {
    static func isLowerAlphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLowercase || c.isNumber) }
    static func isAlphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }

    /// A DNS-1035 label: lowercase letters, digits and '-', starting with a letter, ending alphanumeric.
    static func isDNS1035Label(_ name: String, maxLength: Int = 63) -> Bool {
        guard let first = name.first, let last = name.last, name.count <= maxLength else { return false }
        return first.isASCII && first.isLowercase && isLowerAlphanumeric(last)
            && name.allSatisfy { isLowerAlphanumeric($0) || $0 == "-" }
    }

    /// A DNS-1123 label: like DNS-1035 but may start with a digit.
    static func isDNS1123Label(_ name: String, maxLength: Int = 63) -> Bool {
        guard let first = name.first, let last = name.last, name.count <= maxLength else { return false }
        return isLowerAlphanumeric(first) && isLowerAlphanumeric(last)
            && name.allSatisfy { isLowerAlphanumeric($0) || $0 == "-" }
    }

    /// A DNS-1123 subdomain: dot-separated parts like DNS-1123 labels, at most 253 characters in all (Kubernetes
    /// limits only the total).
    static func isDNS1123Subdomain(_ name: String) -> Bool {
        name.count <= 253 && !name.isEmpty && name.split(separator: ".", omittingEmptySubsequences: false)
            .allSatisfy { isDNS1123Label(String($0), maxLength: 253) }
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
        if value.isEmpty { return true }
        guard value.count <= 63, let first = value.first, let last = value.last else { return false }
        return isAlphanumeric(first) && isAlphanumeric(last)
            && value.allSatisfy { isAlphanumeric($0) || "-_.".contains($0) }
    }

    /// A UUID in its canonical 8-4-4-4-12 hexadecimal form.
    static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    /// Text made only of characters in `allowed` plus ASCII letters and digits, of a length in `lengths`,
    /// whose first and last characters satisfy the given tests.
    static func matches(
        _ text: String,
        lengths: ClosedRange<Int>,
        allowed: String,
        first: (Character) -> Bool = isAlphanumeric,
        last: (Character) -> Bool = isAlphanumeric
    ) -> Bool {
        guard lengths.contains(text.count), let head = text.first, let tail = text.last else { return false }
        return first(head) && last(tail) && text.allSatisfy { isAlphanumeric($0) || allowed.contains($0) }
    }
}
