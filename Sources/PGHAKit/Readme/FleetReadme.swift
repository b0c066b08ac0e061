/// The index `README.md` of a rendered fleet: one row per cluster, linking to the cluster's own README.
public enum FleetReadme {
    /// The index of the clusters of `specs`, each rendered into `folder`.
    public static func artifact(for specs: [(folder: String, spec: Spec)]) -> Artifact {
        artifact(rows: specs.map { ($0.folder, row(folder: $0.folder, spec: $0.spec)) })
    }

    /// The index from each cluster's table row (`row(folder:spec:)`), so that a fleet keeps a line per spec until
    /// the end instead of the spec.
    public static func artifact(rows: [(folder: String, row: String)]) -> Artifact {
        var lines = [
            ClusterReadme.header + "# PostgreSQL clusters", "",
            "Rendered by pgha, one folder per spec; `kustomization.yaml` lists the folders, so `kubectl apply --kustomize .` "
                + "or a GitOps controller pointed here applies every cluster's steady-state objects.", "",
            "| Cluster | Instances | PostgreSQL | Zones | Backups | Public endpoints |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        lines += rows.sorted { $0.folder < $1.folder }.map(\.row)
        return Artifact(path: ClusterReadme.path, contents: lines.joined(separator: "\n") + "\n", role: .reference)
    }

    /// The index's row of the cluster of `spec`, rendered into `folder`.
    public static func row(folder: String, spec: Spec) -> String {
        let endpoints = publicEndpoints(PublicEndpoints(spec))
        return "| [\(folder)](\(folder)/\(ClusterReadme.path)) | \(spec.instances) | \(spec.postgres.majorVersion.map(String.init) ?? "?") | "
            + "\(spec.zones.isEmpty ? "none" : spec.zones.joined(separator: ", ")) | \(spec.backup.map { "`\($0.schedule)`" } ?? "none") | \(endpoints) |"
    }

    /// The "Public endpoints" cell: the cluster's host name, then the poolers' (their Services' names when their public
    /// IPs have no DNS name), or "none".
    private static func publicEndpoints(_ endpoints: PublicEndpoints) -> String {
        var cell = endpoints.host.map { "`\($0)`" } ?? ""
        if !endpoints.poolers.isEmpty {
            cell += (cell.isEmpty ? "" : "; ") + "PgBouncer "
                + endpoints.poolers.map { $0.host.map { "`\($0)`" } ?? "`\($0.service)` (public IP, no DNS name)" }.joined(separator: ", ")
        }
        return cell.isEmpty ? "none" : cell
    }
}
