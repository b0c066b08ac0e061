/// Builds the PgBouncer Poolers: read-write, and read-only when the spec asks.
enum PoolerTranslation {
    /// The name of the pooler of `type` (`rw`, `ro`); also the name of its Service.
    static func name(_ spec: Spec, type: String) -> String { "\(spec.name)-pooler-\(type)" }

    /// The port of each Pooler's Service: CloudNativePG's `PgBouncerPort`, which the Services' template leaves as it is.
    static let servicePort = 5432

    /// The types of the poolers `pooler` asks for: `rw`, and `ro` when read-only.
    static func types(_ pooler: Spec.Pooler) -> [String] { pooler.readOnly ? ["rw", "ro"] : ["rw"] }

    static func poolers(_ spec: Spec, _ pooler: Spec.Pooler) -> [Pooler] {
        types(pooler).map { make(spec, pooler, type: $0) }
    }

    private static func make(_ spec: Spec, _ pooler: Spec.Pooler, type: String) -> Pooler {
        let name = name(spec, type: type)
        let resources: SortedMap = ["cpu": pooler.cpu, "memory": pooler.memory]
        return Pooler(
            metadata: ObjectMeta(name: name, namespace: spec.namespace, labels: Labels.common(spec)),
            spec: Pooler.Spec(
                cluster: LocalObjectReference(name: spec.name),
                instances: pooler.instances,
                type: type,
                pgbouncer: Pooler.PgBouncer(poolMode: pooler.poolMode, parameters: SortedMap(pooler.parameters).nonEmpty),
                template: Pooler.PodTemplate(spec: Pooler.PodSpec(
                    containers: [Pooler.Container(name: "pgbouncer", resources: ResourceRequirements(requests: resources, limits: resources))],
                    topologySpreadConstraints: zoneSpread(spec, pooler: name)
                )),
                serviceTemplate: pooler.expose.map { serviceTemplate(spec, $0, type: type) }
            )
        )
    }

    /// Spreads the PgBouncer pods across zones when it can: they hold no data, so a zone short of nodes should
    /// not leave a pod unscheduled (ScheduleAnyway, unlike the instances).
    private static func zoneSpread(_ spec: Spec, pooler: String) -> [TopologySpreadConstraint]? {
        ZoneSpread.constraints(spec, selecting: [Labels.poolerName: pooler], whenUnsatisfiable: "ScheduleAnyway")
    }

    /// The DNS label of the `type` (rw or ro) pooler's LoadBalancer: `pooler.expose.dnsLabel`, with `-ro` for the read-only one.
    static func dnsLabel(_ label: String, type: String) -> String {
        type == "rw" ? label : "\(label)-\(type)"
    }

    private static func serviceTemplate(_ spec: Spec, _ expose: Spec.Pooler.Exposure, type: String) -> Pooler.ServiceTemplate {
        let dnsLabel = expose.dnsLabel.map { Self.dnsLabel($0, type: type) }
        return Pooler.ServiceTemplate(
            metadata: dnsLabel.map { Pooler.ServiceTemplateMetadata(annotations: [Labels.dnsLabelName: $0]) },
            spec: Pooler.ServiceSpec(type: "LoadBalancer", loadBalancerSourceRanges: expose.allowedSourceRanges)
        )
    }
}
