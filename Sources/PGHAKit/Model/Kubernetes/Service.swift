/// A core/v1 `Service` (pgha renders LoadBalancer Services for public endpoints).
public struct Service: ObjectWithSpec, Equatable {
    public var apiVersion = "v1"
    public var kind = "Service"
    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: ManifestValue, Equatable {
        public var type: String
        public var ports: [Port]
        public var selector: SortedMap
        public var loadBalancerSourceRanges: [String]?

        public var manifestNode: ManifestNode {
            .object([
                "type": type,
                "ports": ports,
                "selector": selector,
                "loadBalancerSourceRanges": loadBalancerSourceRanges,
            ])
        }
    }

    public struct Port: ManifestValue, Equatable {
        public var name: String
        public var `protocol`: String
        public var port: Int
        public var targetPort: Int

        public var manifestNode: ManifestNode {
            .object([
                "name": name,
                "protocol": `protocol`,
                "port": port,
                "targetPort": targetPort,
            ])
        }
    }
}
