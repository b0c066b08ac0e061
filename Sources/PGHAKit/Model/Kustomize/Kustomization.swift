/// A `kustomization.yaml` listing the files of a folder, for `kubectl apply -k` and GitOps controllers.
public struct Kustomization: Encodable, Sendable, Equatable {
    public var apiVersion = "kustomize.config.k8s.io/v1beta1"
    public var kind = "Kustomization"
    public var resources: [String]
}
