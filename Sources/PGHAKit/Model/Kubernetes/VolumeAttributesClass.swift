/// A `storage.k8s.io/v1` `VolumeAttributesClass` (cluster-scoped, Kubernetes 1.34 and later): the mutable parameters
/// of volumes, which a PersistentVolumeClaim names in `volumeAttributesClassName`. Its parameters cannot change; a
/// claim moves to another class instead.
public struct VolumeAttributesClass: KubernetesObject, Equatable {
    public var apiVersion = "storage.k8s.io/v1"
    public var kind = "VolumeAttributesClass"
    public var metadata: ObjectMeta
    public var driverName: String
    public var parameters: SortedMap

    public var manifestNode: ManifestNode {
        .object {
            $0.field("apiVersion", apiVersion)
            $0.field("kind", kind)
            $0.field("metadata", metadata)
            $0.field("driverName", driverName)
            $0.field("parameters", parameters)
        }
    }
}
