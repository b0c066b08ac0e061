/// A core/v1 `TopologySpreadConstraint`.
public struct TopologySpreadConstraint: ManifestValue, Equatable {
    public var maxSkew: Int
    public var topologyKey: String
    public var whenUnsatisfiable: String
    public var labelSelector: LabelSelector

    public var manifestNode: ManifestNode {
        .object([
            "maxSkew": maxSkew,
            "topologyKey": topologyKey,
            "whenUnsatisfiable": whenUnsatisfiable,
            "labelSelector": labelSelector,
        ])
    }
}
