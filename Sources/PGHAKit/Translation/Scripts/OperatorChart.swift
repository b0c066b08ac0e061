/// The CloudNativePG Helm chart (`cnpg/cloudnative-pg`) release deploy.sh installs for each operator version pgha targets
/// (the versions are in `OperatorRelease.all`). `config.create`, `config.name` and `podAnnotations`, which deploy.sh
/// sets, exist in every chart listed.
public struct OperatorChart: Sendable, Equatable {
    /// The chart version, such as `0.29.0`.
    public var version: String
    /// The CloudNativePG release the chart installs, such as `1.30.0`.
    public var appVersion: String

    /// The Helm repository and chart.
    public static let repositoryName = "cnpg"
    public static let repositoryURL = "https://cloudnative-pg.github.io/charts"
    public static let chart = "cnpg/cloudnative-pg"
    /// The release name, as in the guide (the operator Deployment is then `cnpg-cloudnative-pg`).
    public static let release = "cnpg"

    /// The chart for a CloudNativePG minor version; nil for one pgha has no chart for (`OperatorRelease.all`).
    public static func forOperator(_ version: OperatorVersion) -> OperatorChart? {
        OperatorRelease.of(version)?.chart
    }

    /// CloudNativePG's kube-prometheus-stack values, at the tag of the operator release (the guide reads them
    /// from `main`, which moves).
    public var kubePrometheusStackValuesURL: String {
        "https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/v\(appVersion)/docs/src/samples/monitoring/kube-stack-config.yaml"
    }

    /// The kube-prometheus-stack values deploy.sh installs the stack with for the CloudNativePG minor `version`: those
    /// of its chart's release, or, for a release pgha has no chart for (not out when pgha was built, which the user
    /// installs), those of the newest release before it. The values configure kube-prometheus-stack (which PodMonitors
    /// and rules it selects, Grafana's dashboard sidecar), not the operator, and the manifests need the stack's
    /// PodMonitor and PrometheusRule kinds whoever installs the operator. nil below every release pgha targets.
    public static func kubePrometheusStackValuesURL(for version: OperatorVersion) -> String? {
        OperatorRelease.all.last { $0.version <= version && $0.chart != nil }?.chart?.kubePrometheusStackValuesURL
    }

    /// A fingerprint of the operator settings for the operator pod's annotation: Helm rolls the operator when it
    /// changes, since the operator reads its ConfigMap only at start. FNV-1a (64 bits) of the sorted `KEY=value` lines.
    static func configFingerprint(_ config: [String: String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (key, value) in config.sorted(by: { $0.key < $1.key }) {
            for byte in "\(key)=\(value)\n".utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
