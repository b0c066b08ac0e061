/// A string that renders as a YAML string under every YAML reader, YAML 1.1 ones (kubectl, Helm) included:
/// plain when it is an identifier-like word that no reader takes for a boolean, null or number, single-quoted
/// otherwise (`'2'`, `'0.9'`, `'on'`, `'y'`, `'8Gi'`).
public struct YAMLString: ManifestValue, Equatable {
    public let text: String

    public init(_ text: String) { self.text = text }

    public var manifestNode: ManifestNode { .word(text) }

    /// Words YAML 1.1 or 1.2 readers resolve to something other than a string.
    private static let specialWords: Set<String> = [
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "nan", "inf",
    ]

    static func needsQuotes(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return true }
        if specialWords.contains(text.lowercased()) { return true }
        return !text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "./_-".unicodeScalars.contains($0)) }
    }
}
