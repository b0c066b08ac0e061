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
        .object {
            $0.field("apiVersion", apiVersion)
            $0.field("kind", kind)
            $0.field("metadata", metadata)
            $0.field("provisioner", provisioner)
            $0.field("parameters", parameters)
            $0.field("reclaimPolicy", reclaimPolicy)
            $0.field("allowVolumeExpansion", allowVolumeExpansion)
            $0.field("volumeBindingMode", volumeBindingMode)
        }
    }
}
