/// A core/v1 `ConfigMap`.
public struct ConfigMap: KubernetesObject, Equatable {
    public var apiVersion = "v1"
    public var kind = "ConfigMap"
    public var metadata: ObjectMeta
    public var data: SortedMap

    public var manifestNode: ManifestNode {
        .object {
            $0.field("apiVersion", apiVersion)
            $0.field("kind", kind)
            $0.field("metadata", metadata)
            $0.field("data", data)
        }
    }
}
