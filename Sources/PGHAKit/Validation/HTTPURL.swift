/// An absolute `http://` or `https://` URL as a spec may give one (`monitoring.alerts.runbookBaseURL`), which pgha
/// writes into YAML, JSON and bash: only the characters RFC 3986 allows in a URL (others percent-encoded), a host,
/// no credentials (they would be in every rendered file) and no fragment (pgha appends one).
enum HTTPURL {
    /// What keeps a text from being such a URL.
    enum Problem: Equatable {
        /// A space, another whitespace character or a control character.
        case whitespace
        /// Not `http://` or `https://` at the start.
        case notHTTP
        /// Nothing between `//` and the path.
        case noHost
        /// The host, which is neither a DNS name nor an IP address.
        case invalidHost(String)
        /// A user name or password before the host (`user:password@`).
        case credentials
        /// The port after the host's `:`, which is not a number from 1 to 65535.
        case invalidPort(String)
        /// A `#` and what follows it.
        case fragment
        /// A character RFC 3986 does not allow there.
        case character(Character)
        /// A `%` not followed by two hexadecimal digits.
        case invalidEscape
    }

    /// The first problem of `text`, or nil when it is such a URL.
    static func problem(_ text: String) -> Problem? {
        if text.contains(where: { $0.isWhitespace || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }) {
            return .whitespace
        }
        let lowercased = text.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lowercased.hasPrefix($0) }) else { return .notHTTP }
        let rest = text.dropFirst(scheme.count)
        let authorityEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
        if let problem = authorityProblem(rest[..<authorityEnd]) { return problem }
        let pathAndQuery = rest[authorityEnd...]
        if pathAndQuery.contains("#") { return .fragment }
        if let character = pathAndQuery.first(where: { !isAllowed($0) }) { return .character(character) }
        return hasValidEscapes(pathAndQuery) ? nil : .invalidEscape
    }

    /// `host[:port]`: a DNS name, an IPv4 address or a bracketed IPv6 address, and an optional port.
    private static func authorityProblem(_ authority: Substring) -> Problem? {
        if authority.contains("@") { return .credentials }
        var host = authority, port: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return .invalidHost(String(authority)) }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return .invalidHost(String(authority)) }
                port = after.dropFirst()
            }
            let address = host.dropFirst().dropLast()
            if address.isEmpty || !address.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == ":" || $0 == ".") }) { return .invalidHost(String(host)) }
        } else {
            if let colon = authority.firstIndex(of: ":") {
                host = authority[..<colon]
                port = authority[authority.index(after: colon)...]
            }
            if host.isEmpty { return .noHost }
            // A fully qualified name may end in '.'; RFC 3986's reg-name allows '_', which internal hosts use.
            let labels = (host.hasSuffix(".") ? host.dropLast() : host).split(separator: ".", omittingEmptySubsequences: false)
            if !labels.allSatisfy({ label in
                !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            }) {
                return .invalidHost(String(host))
            }
        }
        if let port, !(port.count <= 5 && port.allSatisfy({ $0.isASCII && $0.isNumber }) && (1...65535).contains(Int(port) ?? 0)) {
            return .invalidPort(String(port))
        }
        return nil
    }

    /// RFC 3986's characters of a path and query: unreserved, sub-delims, `:`, `@`, `/`, `?` and `%` (of an escape).
    private static func isAllowed(_ character: Character) -> Bool {
        guard character.isASCII, let byte = character.asciiValue else { return false }
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~!$&'()*+,;=:@/?%".utf8.contains(byte)
        }
    }

    /// Whether every `%` starts an escape of two hexadecimal digits.
    private static func hasValidEscapes(_ text: Substring) -> Bool {
        var index = text.startIndex
        while let percent = text[index...].firstIndex(of: "%") {
            let digits = text[text.index(after: percent)...].prefix(2)
            guard digits.count == 2, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return false }
            index = digits.endIndex
        }
        return true
    }
}
