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
        .object([
            "apiVersion": apiVersion,
            "kind": kind,
            "metadata": metadata,
            "driverName": driverName,
            "parameters": parameters,
        ])
    }
}
