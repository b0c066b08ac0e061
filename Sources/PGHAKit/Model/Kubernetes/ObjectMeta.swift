/// The `metadata` of a Kubernetes object (the fields pgha sets).
public struct ObjectMeta: ManifestValue, Equatable {
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

    public var manifestNode: ManifestNode {
        .object {
            $0.field("name", name)
            $0.field("namespace", namespace)
            $0.field("labels", labels)
            $0.field("annotations", annotations)
        }
    }
}

/// A Kubernetes `LabelSelector` with `matchLabels` only.
public struct LabelSelector: ManifestValue, Equatable {
    public var matchLabels: SortedMap

    public init(matchLabels: SortedMap) { self.matchLabels = matchLabels }

    public var manifestNode: ManifestNode {
        .object {
            $0.field("matchLabels", matchLabels)
        }
    }
}

/// Compute `resources` of a container.
public struct ResourceRequirements: ManifestValue, Equatable {
    public var requests: SortedMap?
    public var limits: SortedMap?

    public var manifestNode: ManifestNode {
        .object {
            $0.field("requests", requests)
            $0.field("limits", limits)
        }
    }
}

/// A Kubernetes object pgha renders: every one has these three fields first.
public protocol KubernetesObject: ManifestValue {
    var apiVersion: String { get }
    var kind: String { get }
    var metadata: ObjectMeta { get }
}

/// A Kubernetes object whose only field after the common three is its `spec`.
public protocol ObjectWithSpec: KubernetesObject {
    associatedtype Spec: ManifestValue
    var spec: Spec { get }
}

extension ObjectWithSpec {
    public var manifestNode: ManifestNode {
        .object {
            $0.field("apiVersion", apiVersion)
            $0.field("kind", kind)
            $0.field("metadata", metadata)
            $0.field("spec", spec)
        }
    }
}
