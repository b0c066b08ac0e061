/// The zone spread of a spec's pods: one constraint over `topology.kubernetes.io/zone`, and none when the spec has a
/// single zone. Callers choose which pods count and what a zone short of nodes does.
enum ZoneSpread {
    static func constraints(_ spec: Spec, selecting labels: SortedMap, whenUnsatisfiable: String) -> [TopologySpreadConstraint]? {
        guard spec.zones.count > 1 else { return nil }
        return [TopologySpreadConstraint(
            maxSkew: 1,
            topologyKey: "topology.kubernetes.io/zone",
            whenUnsatisfiable: whenUnsatisfiable,
            labelSelector: LabelSelector(matchLabels: labels)
        )]
    }
}
