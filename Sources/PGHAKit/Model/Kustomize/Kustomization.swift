/// A `kustomization.yaml` listing the files of a folder, for `kubectl apply -k` and GitOps controllers.
public struct Kustomization: ManifestValue, Equatable {
    public var apiVersion = "kustomize.config.k8s.io/v1beta1"
    public var kind = "Kustomization"
    public var resources: [String]

    public var manifestNode: ManifestNode {
        .object {
            $0.field("apiVersion", apiVersion)
            $0.field("kind", kind)
            $0.field("resources", resources)
        }
    }
}
