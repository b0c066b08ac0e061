/// The grammar of a container image reference, as the kubelet's image library (distribution/reference) reads it:
/// `[domain[:port]/]path[:tag][@algorithm:digest]`. CloudNativePG's webhook reads only the tag, so a reference the
/// kubelet refuses (`InvalidImageName`) passed it and no instance started.
enum ImageReference {
    /// Why `reference` is not one the kubelet can pull, or nil when it is.
    static func problem(_ reference: String) -> String? {
        var name = Substring(reference)
        if let at = name.firstIndex(of: "@") {
            let digest = name[name.index(after: at)...]
            name = name[..<at]
            if let problem = digestProblem(digest) { return problem }
        }
        var components = name.split(separator: "/", omittingEmptySubsequences: false)
        guard let last = components.popLast() else { return "it is empty" }
        var path = last
        if let colon = last.lastIndex(of: ":") {
            let tag = last[last.index(after: colon)...]
            path = last[..<colon]
            guard isTag(tag) else { return "the tag '\(tag)' is not 1 to 128 letters, digits, '_', '.' and '-', starting with a letter, digit or '_'" }
        }
        components.append(path)
        // distribution/reference's splitDockerDomain: a first component with '.', ':' or an uppercase letter, or
        // localhost, is a registry host.
        if components.count > 1, let first = components.first,
           first.contains(".") || first.contains(":") || first == "localhost" || first.contains(where: \.isUppercase) {
            guard isDomain(first) else { return "'\(first)' is not a registry host name (with an optional port)" }
            components.removeFirst()
        }
        for component in components where !isPathComponent(component) {
            return component.isEmpty ? "it has an empty path component ('//', or '/' at an end)"
                : "the path component '\(component)' is not lowercase letters and digits joined by '.', '_', '__' or '-'"
        }
        return nil
    }

    /// `[\w][\w.-]{0,127}`.
    private static func isTag(_ tag: Substring) -> Bool {
        let bytes = Array(tag.utf8)
        func isWord(_ byte: UInt8) -> Bool { NameRules.isAlphanumeric(byte) || byte == UInt8(ascii: "_") }
        guard let first = bytes.first, isWord(first), bytes.count <= 128 else { return false }
        return bytes.allSatisfy { isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// Lowercase letters and digits, joined by one separator at a time: `.`, `_`, `__` or any number of `-`.
    private static func isPathComponent(_ component: Substring) -> Bool {
        let bytes = Array(component.utf8)
        func isLowerAlphanumeric(_ index: Int) -> Bool { NameRules.isLowerAlphanumeric(bytes[index]) }
        guard !bytes.isEmpty, isLowerAlphanumeric(0), isLowerAlphanumeric(bytes.count - 1) else { return false }
        var index = 0
        while index < bytes.count {
            if isLowerAlphanumeric(index) { index += 1; continue }
            var end = index
            while end < bytes.count && !isLowerAlphanumeric(end) { end += 1 }
            let separator = String(decoding: bytes[index..<end], as: UTF8.self)
            guard separator == "." || separator == "_" || separator == "__" || separator.allSatisfy({ $0 == "-" }) else { return false }
            index = end
        }
        return true
    }

    /// Host name components of letters, digits and inner '-', joined by '.', or a bracketed IPv6 address, and an
    /// optional `:port`.
    private static func isDomain(_ domain: Substring) -> Bool {
        if domain.hasPrefix("["), let close = domain.firstIndex(of: "]") {
            let address = domain[domain.index(after: domain.startIndex)..<close]
            let port = domain[domain.index(after: close)...]
            return !address.isEmpty && address.allSatisfy { $0.isHexDigit || $0 == ":" }
                && (port.isEmpty || (port.hasPrefix(":") && port.count > 1 && port.dropFirst().utf8.allSatisfy(NameRules.isDigit)))
        }
        let parts = domain.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2, !(parts[1].utf8.allSatisfy(NameRules.isDigit) && !parts[1].isEmpty) { return false }
        return parts[0].split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let bytes = Array(label.utf8)
            guard let first = bytes.first, let last = bytes.last else { return false }
            return NameRules.isAlphanumeric(first) && NameRules.isAlphanumeric(last)
                && bytes.allSatisfy { NameRules.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// `sha256:`, `sha384:` or `sha512:` and 64, 96 or 128 lowercase hexadecimal digits (go-digest's algorithms).
    private static func digestProblem(_ digest: Substring) -> String? {
        let lengths: [Substring: Int] = ["sha256": 64, "sha384": 96, "sha512": 128]
        let parts = digest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let length = lengths[parts[0]],
              parts[1].utf8.count == length,
              parts[1].utf8.allSatisfy({ NameRules.isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }) else {
            return "the digest '\(digest)' is not sha256:<64 hexadecimal digits> (or sha384, sha512)"
        }
        return nil
    }
}
