/// What pgha renders and installs for one CloudNativePG minor version: the operator's Helm chart, the Barman Cloud
/// Plugin's chart and the cert-manager chart it needs. `all` is the one table of them, updated with each pgha release.
///
/// Sources: the operator charts are read from `charts/cloudnative-pg/Chart.yaml` at the `cloudnative-pg-v<chart>` tags
/// of https://github.com/cloudnative-pg/charts (snapshot b21ad2d), the newest chart of each minor. The plugin chart
/// `plugin-barman-cloud` 0.7.0 (same repository, 2026-06-10) installs plugin v0.13.0, whose ObjectStore CRD is the
/// one of v0.14.0 (`config/crd` is unchanged between the two tags of cloudnative-pg/plugin-barman-cloud). cert-manager
/// v1.21.0 is the version the plugin's v0.14.0 end-to-end tests install (`test/e2e/internal/certmanager`).
public struct OperatorRelease: Sendable, Equatable {
    public var version: OperatorVersion
    /// The operator's Helm chart; nil for a release that was not out when pgha was built.
    public var chart: OperatorChart?
    /// The `plugin-barman-cloud` chart version and the plugin version it installs; nil where the plugin cannot run.
    public var pluginChart: String?
    public var pluginVersion: String?
    /// The `jetstack/cert-manager` chart version installed with the plugin.
    public var certManagerChart: String?
    /// Whether the release was out when pgha was built (its chart and CRDs known); 1.31 was not.
    public var isReleased: Bool

    /// The first release the Barman Cloud Plugin runs on.
    public static let pluginMinimum = OperatorVersion(major: 1, minor: 26)
    /// The first release whose instances report the Barman Cloud Plugin's backup metrics (CNPG-I metrics, 1.27.0).
    public static let pluginMetricsMinimum = OperatorVersion(major: 1, minor: 27)
    /// The first release without the in-tree `backup.barmanObjectStore`.
    public static let inTreeBackupsRemovedIn = OperatorVersion(major: 1, minor: 31)

    /// Every release pgha targets, oldest first.
    public static let all: [OperatorRelease] = [
        release("1.25", chart: OperatorChart(version: "0.23.2", appVersion: "1.25.1"), plugin: false),
        release("1.26", chart: OperatorChart(version: "0.25.0", appVersion: "1.26.1")),
        release("1.27", chart: OperatorChart(version: "0.26.1", appVersion: "1.27.1")),
        release("1.28", chart: OperatorChart(version: "0.27.1", appVersion: "1.28.1")),
        release("1.29", chart: OperatorChart(version: "0.28.3", appVersion: "1.29.1")),
        release("1.30", chart: OperatorChart(version: "0.29.0", appVersion: "1.30.0")),
        release("1.31", chart: nil, isReleased: false),
    ]

    /// The release of a CloudNativePG minor version; nil for one pgha does not target.
    public static func of(_ version: OperatorVersion) -> OperatorRelease? {
        all.first { $0.version == version }
    }

    /// The backup method a spec gets when it does not name one: the plugin wherever it runs.
    public static func defaultBackupMethod(for version: OperatorVersion) -> BackupMethod {
        version < pluginMinimum ? .inTree : .plugin
    }

    private static func release(_ version: String, chart: OperatorChart?, plugin: Bool = true,
                                isReleased: Bool = true) -> OperatorRelease {
        OperatorRelease(
            version: OperatorVersion(version) ?? OperatorVersion(major: 0, minor: 0),
            chart: chart,
            pluginChart: plugin ? "0.7.0" : nil,
            pluginVersion: plugin ? "0.13.0" : nil,
            certManagerChart: plugin ? "v1.21.0" : nil,
            isReleased: isReleased
        )
    }
}
