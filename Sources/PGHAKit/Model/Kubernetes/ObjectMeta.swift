/// The `metadata` of a Kubernetes object (the fields pgha sets).
public struct ObjectMeta: Encodable, Sendable, Equatable {
    public var name: String
    public var namespace: String?
    public var labels: SortedMap?
    public var annotations: SortedMap?

    public init(name: String, namespace: String? = nil, labels: SortedMap? = nil, annotations: SortedMap? = nil) {
        self.name = name
        self.namespace = namespace
        self.labels = labels?.nonEmpty
        self.annotations = annotations?.nonEmpty
    }
}

/// A Kubernetes `LabelSelector` with `matchLabels` only.
public struct LabelSelector: Encodable, Sendable, Equatable {
    public var matchLabels: SortedMap

    public init(matchLabels: SortedMap) { self.matchLabels = matchLabels }
}

/// Compute `resources` of a container.
public struct ResourceRequirements: Encodable, Sendable, Equatable {
    public var requests: SortedMap?
    public var limits: SortedMap?
}

/// A Kubernetes object pgha renders: every one has these three fields first.
public protocol KubernetesObject: Encodable, Sendable {
    var apiVersion: String { get }
    var kind: String { get }
    var metadata: ObjectMeta { get }
}
