/// The kube-prometheus-stack Helm release deploy.sh installs once per AKS cluster, whatever the spec's namespace: a
/// fixed release name and namespace, so the deploys of every spec on the cluster converge on one release instead of
/// installing the chart's cluster-wide objects twice, and a pinned chart version (Helm installs a chart's CRDs only
/// with its first install, so a moving version would leave them behind).
///
/// Version read from `charts/kube-prometheus-stack/Chart.yaml` of https://github.com/prometheus-community/helm-charts
/// (snapshot cf408a2, 2026-08-22: chart 88.5.3, prometheus-operator v0.93.1, Kubernetes >= 1.25).
enum PrometheusStackChart {
    static let repositoryName = "prometheus-community"
    static let repositoryURL = "https://prometheus-community.github.io/helm-charts"
    static let chart = "prometheus-community/kube-prometheus-stack"
    static let version = "88.5.3"
    static let release = "kube-prometheus-stack"
    static let namespace = "monitoring"
    /// The Secret holding Grafana's admin user and a password generated at deploy time (the grafana subchart's
    /// `admin.existingSecret`, keys `admin-user` and `admin-password`), instead of the publicly known
    /// `adminPassword` of CloudNativePG's values.
    static let grafanaAdminSecret = "kube-prometheus-stack-grafana-admin"
}
