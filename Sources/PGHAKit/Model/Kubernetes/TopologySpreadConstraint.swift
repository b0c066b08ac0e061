/// A core/v1 `TopologySpreadConstraint`.
public struct TopologySpreadConstraint: ManifestValue, Equatable {
    public var maxSkew: Int
    public var topologyKey: String
    public var whenUnsatisfiable: String
    public var labelSelector: LabelSelector

    public var manifestNode: ManifestNode {
        .object {
            $0.field("maxSkew", maxSkew)
            $0.field("topologyKey", topologyKey)
            $0.field("whenUnsatisfiable", whenUnsatisfiable)
            $0.field("labelSelector", labelSelector)
        }
    }
}
