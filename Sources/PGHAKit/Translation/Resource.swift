/// One object to render and the file it goes to, relative to the output directory.
public struct Resource: Sendable {
    /// Where the rendered file goes, such as `cluster-pg-primary.yaml` or `oneoff/backup-pg-primary-on-demand.yaml`.
    public var path: String
    public var content: Content
    /// What the file is for; a script's is always `.script`.
    public var role: Artifact.Role

    /// What the file holds.
    public enum Content: Sendable {
        /// A YAML manifest.
        case manifest(any ManifestValue)
        /// A bash script.
        case script(Script)
    }

    public init(path: String, manifest: any ManifestValue, role: Artifact.Role = .steadyState) {
        self.path = path
        content = .manifest(manifest)
        self.role = role
    }

    public init(path: String, script: Script) {
        self.path = path
        content = .script(script)
        role = .script
    }

    /// The file name for a Kubernetes object: its kind and name, lower-cased (`cluster-pg-primary.yaml`).
    static func fileName(for object: any KubernetesObject) -> String {
        "\(object.kind.lowercased())-\(object.metadata.name).yaml"
    }
}
