/// A node taint as AKS writes it: `key=value:Effect`.
public struct NodeTaint: Sendable, Equatable {
    public var key: String
    public var value: String
    public var effect: String

    /// The effects Kubernetes knows.
    public static let effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"]

    /// Splits `key=value:Effect`; nil when a part is missing (the parts themselves are checked by validation).
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let equals = text[..<colon].firstIndex(of: "=") else { return nil }
        key = String(text[..<equals])
        value = String(text[text.index(after: equals)..<colon])
        effect = String(text[text.index(after: colon)...])
    }
}
