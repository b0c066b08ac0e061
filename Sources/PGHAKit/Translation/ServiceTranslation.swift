/// Builds the public LoadBalancer Services on the shared static public IP.
enum ServiceTranslation {
    /// The port PostgreSQL listens on in every instance.
    static let postgresPort = 5432

    static func readWrite(_ spec: Spec, _ expose: Spec.Expose) -> Service {
        service(spec, expose, suffix: "rw", role: "primary", port: expose.readWritePort)
    }

    static func readOnly(_ spec: Spec, _ expose: Spec.Expose) -> Service {
        service(spec, expose, suffix: "ro", role: "replica", port: expose.readOnlyPort)
    }

    private static func service(_ spec: Spec, _ expose: Spec.Expose, suffix: String, role: String, port: Int) -> Service {
        var selector = Labels.instances(of: spec.name).entries.reduce(into: [String: String]()) { $0[$1.key] = $1.value }
        selector[Labels.instanceRole] = role
        return Service(
            metadata: ObjectMeta(
                name: "\(spec.name)-public-\(suffix)",
                namespace: spec.namespace,
                labels: Labels.common(spec),
                annotations: [
                    Labels.loadBalancerResourceGroup: spec.azure.nodeResourceGroup,
                    Labels.publicIPName: expose.publicIP,
                    Labels.dnsLabelName: expose.dnsLabel,
                ]
            ),
            spec: Service.Spec(
                type: "LoadBalancer",
                ports: [Service.Port(name: "postgres", protocol: "TCP", port: port, targetPort: postgresPort)],
                selector: SortedMap(selector),
                loadBalancerSourceRanges: expose.allowedSourceRanges
            )
        )
    }
}
