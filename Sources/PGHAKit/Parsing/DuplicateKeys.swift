/// Finds every repeated key of a spec although composing stops at the first: each time `YAMLComposer` reports one, the earlier
/// occurrence is renamed in the text to a placeholder of the same length (private-use characters, so every
/// other location stays put) and the text is read again. The placeholders' keys are then skipped by the structure
/// checks, so a repeated key is reported once and the rest of the spec is still checked.
struct DuplicateKeys {
    /// The most repeated keys recovered from, and the most text read again in all: past either, the keys found
    /// so far are reported at their first occurrences and reading stops, so hostile input cannot make it slow.
    static let maximumRenames = 64
    static let maximumBytesReread = 4 << 20

    /// The placeholder texts, each standing for the key it replaced.
    private(set) var originals: [String: String] = [:]
    /// Each renamed key and where its first occurrence is.
    private(set) var renamed: [(key: String, location: SourceLocation)] = []
    private var bytesReread = 0

    /// `text` with the occurrence of `key` starting at `location` renamed, or nil when that occurrence cannot be
    /// found as written (a key spread over lines, say).
    mutating func renaming(_ key: String, at location: SourceLocation, in text: String) -> String? {
        bytesReread += text.utf8.count
        guard originals.count < Self.maximumRenames, bytesReread <= Self.maximumBytesReread else { return nil }
        var scalars = Array(text.unicodeScalars)
        guard let start = Self.offset(of: location, in: scalars) else { return nil }
        let span: Range<Int>
        if let quote = scalars[start] == "\"" || scalars[start] == "'" ? scalars[start] : nil {
            guard let end = Self.closingQuote(quote, in: scalars, after: start) else { return nil }
            span = (start + 1)..<end
        } else {
            let written = Array(key.unicodeScalars)
            guard start + written.count <= scalars.count, Array(scalars[start..<(start + written.count)]) == written else { return nil }
            span = start..<(start + written.count)
        }
        guard !span.isEmpty, !scalars[span].contains("\n") else { return nil }
        let first = Unicode.Scalar(0xE000 + UInt32(originals.count + 1))!
        let placeholder = [first] + [Unicode.Scalar](repeating: Unicode.Scalar(0xE000)!, count: span.count - 1)
        scalars.replaceSubrange(span, with: placeholder)
        originals[String(String.UnicodeScalarView(placeholder))] = key
        renamed.append((key, location))
        return String(String.UnicodeScalarView(scalars))
    }

    /// When reading stopped before the end: the keys renamed so far, at their first occurrences.
    var unfinishedDiagnostics: [Diagnostic] {
        renamed.map { key, location in
            Diagnostic(.error, .duplicateKey, "the key '\(key)' appears more than once in this mapping", path: "", at: location,
                       hint: "a key may appear once in a mapping; remove one of them")
        }
    }

    /// One error per repeated key, at the repeat, naming the first occurrence; `path` is the key's spec path.
    func diagnostics(in root: YAMLNode) -> [Diagnostic] {
        guard !originals.isEmpty else { return [] }
        var result: [Diagnostic] = []
        collect(root, path: "", into: &result)
        return result
    }

    private func collect(_ node: YAMLNode, path: String, into result: inout [Diagnostic]) {
        if let mapping = node.mapping {
            var first: [String: SourceLocation] = [:]
            for (key, value) in mapping {
                guard let written = key.scalar?.string else { continue }
                let name = originals[written] ?? written
                let childPath = SpecPath.field(name, in: path)
                if let earlier = first[name] {
                    result.append(Diagnostic(.error, .duplicateKey, "the key '\(name)' appears again in this mapping (first at \(earlier))",
                                             path: childPath, at: key.location,
                                             hint: "a key may appear once in a mapping; remove one of them"))
                } else if first[name] == nil {
                    first[name] = key.location
                }
                collect(value, path: childPath, into: &result)
            }
        } else if let sequence = node.sequence {
            for index in sequence.indices { collect(sequence[index], path: SpecPath.element(index, in: path), into: &result) }
        }
    }

    /// Whether a key's text is a placeholder.
    func isPlaceholder(_ text: String) -> Bool { !originals.isEmpty && originals[text] != nil }

    private static func offset(of location: SourceLocation, in scalars: [Unicode.Scalar]) -> Int? {
        var line = 1
        var index = 0
        while line < location.line {
            guard let newline = scalars[index...].firstIndex(of: "\n") else { return nil }
            index = newline + 1
            line += 1
        }
        let offset = index + location.column - 1
        return offset < scalars.count ? offset : nil
    }

    /// The index of the quote that closes the one at `start` ('' and \" do not close).
    private static func closingQuote(_ quote: Unicode.Scalar, in scalars: [Unicode.Scalar], after start: Int) -> Int? {
        var index = start + 1
        while index < scalars.count {
            if quote == "\"" && scalars[index] == "\\" {
                index += 2
                continue
            }
            if scalars[index] == quote {
                if quote == "'" && index + 1 < scalars.count && scalars[index + 1] == "'" {
                    index += 2
                    continue
                }
                return index
            }
            index += 1
        }
        return nil
    }
}
