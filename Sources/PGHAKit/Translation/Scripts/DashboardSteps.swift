/// deploy.sh's steps that install CloudNativePG's Grafana dashboard (cloudnative-pg/grafana-dashboards), fetched from
/// upstream at deploy time and never copied here: the `cnpg-grafana/cluster` chart's ConfigMap for
/// kube-prometheus-stack's Grafana, and an import into Azure Managed Grafana.
enum DashboardSteps {
    private typealias V = ScriptValues

    /// The dashboard chart's version, and the tag its dashboard JSON is read from.
    static let chartVersion = "0.0.5"
    static let definitionURL =
        "https://raw.githubusercontent.com/cloudnative-pg/grafana-dashboards/cluster-v\(chartVersion)/charts/cluster/grafana-dashboard.json"

    /// The dashboard chart's release, in the spec's namespace.
    static let release: ShellWord = "cnpg-grafana-dashboard"

    static func steps(_ inputs: ScriptInputs) -> [Step] {
        guard inputs.dashboard else { return [] }
        var steps: [Step] = []
        if inputs.prometheus {
            steps += [.heading("CloudNativePG dashboard for kube-prometheus-stack's Grafana")]
                + HelmOwnership.check(release, namespace: V.namespace) + [
                .run(Command("helm", "repo", "add", "cnpg-grafana", "https://cloudnative-pg.github.io/grafana-dashboards",
                             "--force-update")),
                .run(Command(["helm", "upgrade", release, "cnpg-grafana/cluster", "--install",
                              "--version", ShellWord(chartVersion), "--namespace", V.namespace, "--kube-context", V.aksCluster]
                             + HelmOwnership.labels)),
            ]
        }
        if inputs.managedPrometheus {
            steps += [
                .heading("CloudNativePG dashboard in Azure Managed Grafana " + V.grafana),
                .run(Command("az", "grafana", "dashboard", "import", "--name", V.grafana, "--resource-group", V.resourceGroup,
                             "--definition", ShellWord(definitionURL), "--overwrite", "true", "--output", "none")),
            ]
        }
        return steps
    }
}
