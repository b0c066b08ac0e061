/// A core/v1 `ConfigMap`.
public struct ConfigMap: KubernetesObject, Equatable {
    public var apiVersion = "v1"
    public var kind = "ConfigMap"
    public var metadata: ObjectMeta
    public var data: SortedMap

    public var manifestNode: ManifestNode {
        .object([
            "apiVersion": apiVersion,
            "kind": kind,
            "metadata": metadata,
            "data": data,
        ])
    }
}
