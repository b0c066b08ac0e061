/// A core/v1 `Service` (pgha renders LoadBalancer Services for public endpoints).
public struct Service: KubernetesObject, Equatable {
    public var apiVersion = "v1"
    public var kind = "Service"
    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: Encodable, Sendable, Equatable {
        public var type: String
        public var ports: [Port]
        public var selector: SortedMap
        public var loadBalancerSourceRanges: [String]?
    }

    public struct Port: Encodable, Sendable, Equatable {
        public var name: String
        public var `protocol`: String
        public var port: Int
        public var targetPort: Int
    }
}
