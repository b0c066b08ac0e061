/// A core/v1 `Toleration` of one exact taint.
public struct Toleration: ManifestValue, Equatable {
    public var key: String
    public var `operator`: String
    public var value: String
    public var effect: String

    public var manifestNode: ManifestNode {
        .object([
            "key": key,
            "operator": `operator`,
            "value": value,
            "effect": effect,
        ])
    }
}
