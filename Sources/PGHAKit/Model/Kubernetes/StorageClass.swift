/// A `storage.k8s.io/v1` `StorageClass` (cluster-scoped).
public struct StorageClass: KubernetesObject, Equatable {
    public var apiVersion = "storage.k8s.io/v1"
    public var kind = "StorageClass"
    public var metadata: ObjectMeta
    public var provisioner: String
    public var parameters: SortedMap?
    public var reclaimPolicy: String
    public var allowVolumeExpansion: Bool
    public var volumeBindingMode: String

    public var manifestNode: ManifestNode {
        .object([
            "apiVersion": apiVersion,
            "kind": kind,
            "metadata": metadata,
            "provisioner": provisioner,
            "parameters": parameters,
            "reclaimPolicy": reclaimPolicy,
            "allowVolumeExpansion": allowVolumeExpansion,
            "volumeBindingMode": volumeBindingMode,
        ])
    }
}
