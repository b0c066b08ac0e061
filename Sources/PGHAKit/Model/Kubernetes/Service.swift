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
            .object {
                $0.field("type", type)
                $0.field("ports", ports)
                $0.field("selector", selector)
                $0.field("loadBalancerSourceRanges", loadBalancerSourceRanges)
            }
        }
    }

    public struct Port: ManifestValue, Equatable {
        public var name: String
        public var `protocol`: String
        public var port: Int
        public var targetPort: Int

        public var manifestNode: ManifestNode {
            .object {
                $0.field("name", name)
                $0.field("protocol", `protocol`)
                $0.field("port", port)
                $0.field("targetPort", targetPort)
            }
        }
    }
}
