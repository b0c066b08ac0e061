/// A core/v1 `TopologySpreadConstraint`.
public struct TopologySpreadConstraint: Encodable, Sendable, Equatable {
    public var maxSkew: Int
    public var topologyKey: String
    public var whenUnsatisfiable: String
    public var labelSelector: LabelSelector
}
