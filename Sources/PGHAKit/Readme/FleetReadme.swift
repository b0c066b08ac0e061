/// The index `README.md` of a rendered fleet: one row per cluster, linking to the cluster's own README.
public enum FleetReadme {
    /// The index of the clusters of `specs`, each rendered into `folder`.
    public static func artifact(for specs: [(folder: String, spec: Spec)]) -> Artifact {
        var lines = [
            ClusterReadme.header + "# PostgreSQL clusters", "",
            "Rendered by pgha, one folder per spec; `kustomization.yaml` lists the folders, so `kubectl apply --kustomize .` "
                + "or a GitOps controller pointed here applies every cluster's steady-state objects.", "",
            "| Cluster | Instances | PostgreSQL | Zones | Backups | Public endpoints |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for (folder, spec) in specs.sorted(by: { $0.folder < $1.folder }) {
            let endpoints = spec.expose.map { "`\(ClusterReadme.publicHost(spec, $0))`" } ?? "none"
            lines.append("| [\(folder)](\(folder)/\(ClusterReadme.path)) | \(spec.instances) | \(spec.postgres.majorVersion.map(String.init) ?? "?") | "
                         + "\(spec.zones.isEmpty ? "none" : spec.zones.joined(separator: ", ")) | \(spec.backup.map { "`\($0.schedule)`" } ?? "none") | \(endpoints) |")
        }
        return Artifact(path: ClusterReadme.path, contents: lines.joined(separator: "\n") + "\n", role: .reference)
    }
}
