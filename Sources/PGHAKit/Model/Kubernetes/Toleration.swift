/// A core/v1 `Toleration` of one exact taint.
public struct Toleration: ManifestValue, Equatable {
    public var key: String
    public var `operator`: String
    public var value: String
    public var effect: String

    public var manifestNode: ManifestNode {
        .object {
            $0.field("key", key)
            $0.field("operator", `operator`)
            $0.field("value", value)
            $0.field("effect", effect)
        }
    }
}
