/// A string that renders as a YAML string under every YAML reader, YAML 1.1 ones (kubectl, Helm) included:
/// plain when it is an identifier-like word that no reader takes for a boolean, null or number, single-quoted
/// otherwise (`'2'`, `'0.9'`, `'on'`, `'y'`, `'8Gi'`).
public struct YAMLString: ManifestValue, Equatable {
    public let text: String

    public init(_ text: String) { self.text = text }

    public var manifestNode: ManifestNode { .word(text) }
}
