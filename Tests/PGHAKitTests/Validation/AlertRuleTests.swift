import Foundation
import Testing
@testable import PGHAKit

/// Alert thresholds, and the runbook every alert links to.
@Suite struct AlertRuleTests {
    @Test func percentThresholdsMustBeReachable() {
        #expect(TestSupport.errors(adding: "monitoring:\n  alerts:\n    connectionsPercent: 100\n    diskUsagePercent: 100\n") == [
            "8:25 error[PGHA0810] monitoring.alerts.connectionsPercent: the alert fires above 100%, which it can never reach: connections never exceed max_connections",
            "9:23 error[PGHA0810] monitoring.alerts.diskUsagePercent: the alert fires above 100%, which it can never reach: a volume is never more than full",
        ])
    }

    @Test func alertSettingsWithoutPrometheusWarn() {
        #expect(TestSupport.diagnostics(TestSupport.spec("monitoring:\n  prometheus: false\n  alerts:\n    replicationLagSeconds: 30\n"))
            == ["8:3 warning[PGHA0811] monitoring.alerts: no Prometheus evaluates these alerts: monitoring.prometheus and managedPrometheus are off"])
    }

    static func runbookDiagnostics(_ url: String) -> [String] {
        TestSupport.diagnostics(TestSupport.spec("monitoring:\n  alerts:\n    runbookBaseURL: \(url)\n"))
    }

    /// `runbookBaseURL` must be a link a browser opens, which pgha can write into YAML, JSON and bash and follow with
    /// `#<anchor>`.
    @Test func aRunbookBaseURLMustBeAnAbsoluteHTTPURL() {
        let error = "8:21 error[PGHA0164] monitoring.alerts.runbookBaseURL: "
        let cases: [(String, String)] = [
            ("wiki.example.com/pgha/runbooks.md", "'wiki.example.com/pgha/runbooks.md' is not an absolute http:// or https:// URL"),
            ("ftp://wiki.example.com/runbooks.md", "'ftp://wiki.example.com/runbooks.md' is not an absolute http:// or https:// URL"),
            ("https:///runbooks.md", "'https:///runbooks.md' has no host"),
            ("https://wiki..example.com/runbooks.md", "'wiki..example.com' in 'https://wiki..example.com/runbooks.md' is not a host name or IP address"),
            ("https://[fe80::1/runbooks.md", "'[fe80::1' in 'https://[fe80::1/runbooks.md' is not a host name or IP address"),
            ("https://bot:s3cret@wiki.example.com/runbooks.md",
             "the URL holds a user name or password before its host ('user@'), which every alert would carry in the PrometheusRule and in Azure"),
            ("https://wiki.example.com:99999/runbooks.md", "the port '99999' in 'https://wiki.example.com:99999/runbooks.md' is not a number from 1 to 65535"),
            ("https://wiki.example.com/runbooks.md#alerts", "'https://wiki.example.com/runbooks.md#alerts' has a fragment ('#'): pgha appends '#<anchor>' of each alert's section"),
            ("\"https://wiki.example.com/pgha runbooks.md\"", "'https://wiki.example.com/pgha runbooks.md' contains a space, another whitespace character or a control character"),
            ("\"https://wiki.example.com/runbooks.md\\t\"", "'https://wiki.example.com/runbooks.md\t' contains a space, another whitespace character or a control character"),
            ("\"https://wiki.example.com/runbooks?page={{ $labels.pod }}\"", "'https://wiki.example.com/runbooks?page={{ $labels.pod }}' contains a space, another whitespace character or a control character"),
            ("https://wiki.example.com/runbooks?page={page}", "'https://wiki.example.com/runbooks?page={page}' contains '{', which a URL cannot hold"),
            ("'https://wiki.example.com/\"runbooks\"'", "'https://wiki.example.com/\"runbooks\"' contains '\"', which a URL cannot hold"),
            ("https://wiki.example.com/r\u{FC}ckfall.md", "'https://wiki.example.com/r\u{FC}ckfall.md' contains '\u{FC}', which a URL cannot hold"),
            ("https://wiki.example.com/runbooks%2", "'https://wiki.example.com/runbooks%2' has a '%' that is not followed by two hexadecimal digits"),
        ]
        for (value, message) in cases {
            #expect(Self.runbookDiagnostics(value) == [error + message], "\(value)")
        }
    }

    @Test func theRunbookURLHintSaysHowToWriteTheCharacter() throws {
        let diagnostics = Compiler.check(Array(TestSupport.spec("monitoring:\n  alerts:\n    runbookBaseURL: https://wiki.example.com/r\u{FC}ckfall|{x}\n").utf8)).diagnostics
        #expect(diagnostics.filter { $0.code == .invalidRunbookURL }.map(\.hint) == ["percent-encode it: %C3%BC"])
    }

    @Test func absoluteHTTPURLsAreAccepted() {
        for url in ["https://wiki.example.com", "https://wiki_internal.example.com/runbooks", "https://wiki.example.com.:443/x", "HTTPS://Git.Example.com/platform/pgha/blob/main/Docs/runbooks.md",
                    "http://wiki.internal:8080/pgha/runbooks.md", "https://10.0.0.5/runbooks", "https://[2001:db8::1]:8443/runbooks",
                    "https://dev.example.com/org/_git/pgha?path=/Docs/runbooks.md&version=GBmain",
                    "\"https://wiki.example.com/pages/pgha's%20runbooks?space=$DBA&view=(full)*+,;=~:@!\""] {
            #expect(Self.runbookDiagnostics(url) == [], "\(url)")
        }
    }

    /// Links to runbooks of alerts that are not rendered do nothing; without a Prometheus, PGHA0811 says so alone.
    @Test func aRunbookBaseURLWithoutAlertsWarns() {
        #expect(TestSupport.diagnostics(TestSupport.spec("monitoring:\n  alerts:\n    enabled: false\n    runbookBaseURL: https://wiki.example.com/runbooks.md\n"))
            == ["9:21 warning[PGHA0165] monitoring.alerts.runbookBaseURL: 'runbookBaseURL' does nothing with alerts off (monitoring.alerts.enabled: false)"])
        #expect(TestSupport.diagnostics(TestSupport.spec("monitoring:\n  prometheus: false\n  alerts:\n    runbookBaseURL: https://wiki.example.com/runbooks.md\n"))
            == ["8:3 warning[PGHA0811] monitoring.alerts: no Prometheus evaluates these alerts: monitoring.prometheus and managedPrometheus are off"])
    }

    @Test func thresholdsFromTheSpecReachTheExpressions() throws {
        let spec = try #require(TestSupport.compile(TestSupport.spec(
            "instances: 5\nreplication:\n  syncReplicas: 2\nmonitoring:\n  alerts:\n    replicationLagSeconds: 30\n    connectionsPercent: 90\n")).spec)
        let alerts = Dictionary(uniqueKeysWithValues: AlertTranslation.alerts(spec).map { ($0.name, $0) })
        #expect(alerts["PostgresReplicationLagging"]?.expression == "max by (pod) (cnpg_pg_replication_lag{namespace=\"cnpg-database\", pod=~\"pg-test-[0-9]+\"}) > 30")
        #expect(alerts["PostgresStandbysMissing"]?.expression == "max(cnpg_pg_replication_streaming_replicas{namespace=\"cnpg-database\", pod=~\"pg-test-[0-9]+\"}) < 4")
        #expect(alerts["PostgresSynchronousStandbysMissing"]?.severity == "critical")
        #expect(alerts["PostgresConnectionsNearLimit"]?.expression.hasSuffix(" * 100 > 90") == true)
        #expect(alerts["PostgresBackupTooOld"] == nil, "no backup, no backup alerts")
    }

    /// Azure's Prometheus rule group is scoped to the AKS cluster through the `cluster` label (`--cluster-name`), which
    /// is not the CloudNativePG cluster's name: an alert selecting `cluster="<name>"` would see nothing there, and
    /// PostgresMetricsAbsent would fire forever. Every alert selects the cluster's instances by namespace and pod.
    @Test func noAlertSelectsOnTheClusterLabel() throws {
        let spec = try #require(Compiler.check(try TestSupport.read("Examples/production.yaml")).spec)
        let alerts = AlertTranslation.alerts(spec)
        #expect(alerts.filter { $0.expression.contains("cluster=") }.map(\.name) == [])
        #expect(alerts.first { $0.name == "PostgresMetricsAbsent" }?.expression
            == "absent(cnpg_collector_up{namespace=\"databases\", pod=~\"pg-prod-[0-9]+\"})")
    }

    @Test func everyAlertHasARunbookSection() throws {
        let source = try TestSupport.read("Examples/production.yaml")
        let spec = try #require(Compiler.check(source).spec)
        let runbooks = String(decoding: try TestSupport.read("Docs/runbooks.md"), as: UTF8.self)
        let headings = Set(runbooks.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) })
        let names = AlertTranslation.alerts(spec).map(\.name)
        #expect(names.count == 17)
        #expect(Set(names) == headings, "Docs/runbooks.md must have exactly one section per alert")
    }

    static func alerts(_ extra: String) throws -> [String: AlertTranslation.Alert] {
        let spec = try #require(TestSupport.compile(TestSupport.spec(extra)).spec)
        return Dictionary(uniqueKeysWithValues: AlertTranslation.alerts(spec).map { ($0.name, $0) })
    }

    /// Plugin backups leave the Cluster's backup status, and so the cnpg_collector backup metrics, at 0: the alerts
    /// read the plugin's metrics, and an age alert never reads 0 as a backup of 1970.
    @Test func pluginBackupsAreWatchedThroughThePluginsMetrics() throws {
        let alerts = try Self.alerts("backup:\n  storageAccount: pgtestbackups\nmonitoring:\n  alerts:\n    backupMaxAgeHours: 30\n")
        let pods = "namespace=\"cnpg-database\", pod=~\"pg-test-[0-9]+\""
        let available = "barman_cloud_cloudnative_pg_io_last_available_backup_timestamp{\(pods)}"
        #expect(alerts["PostgresBackupFailed"]?.expression
            == "max(barman_cloud_cloudnative_pg_io_last_failed_backup_timestamp{\(pods)}) > max(\(available))")
        #expect(alerts["PostgresBackupTooOld"]?.expression == "time() - (max(\(available)) > 0) > 108000")
        #expect(alerts["PostgresBackupNeverCompleted"]?.expression
            == "max(max_over_time(\(available)[30h])) == 0 and count(\(available) offset 30h)")
        #expect(alerts["PostgresBackupMetricsAbsent"]?.expression == "count(cnpg_collector_up{\(pods)}) unless count(\(available))")
        #expect(!alerts.values.contains { $0.expression.contains("cnpg_collector_last_") })
    }

    @Test func inTreeBackupsAreWatchedThroughTheCollectorsMetrics() throws {
        let alerts = try Self.alerts("operator:\n  version: \"1.29\"\nbackup:\n  method: inTree\n  storageAccount: pgtestbackups\n")
        let available = "cnpg_collector_last_available_backup_timestamp{namespace=\"cnpg-database\", pod=~\"pg-test-[0-9]+\"}"
        #expect(alerts["PostgresBackupTooOld"]?.expression == "time() - (max(\(available)) > 0) > 93600")
        #expect(alerts["PostgresBackupNeverCompleted"]?.expression
            == "max(max_over_time(\(available)[26h])) == 0 and count(\(available) offset 26h)")
        #expect(alerts["PostgresBackupMetricsAbsent"] == nil, "the in-tree metrics are always reported")
    }

    @Test func pluginBackupsOn126HaveNoBackupTimestampAlerts() throws {
        let alerts = try Self.alerts("operator:\n  version: \"1.26\"\nbackup:\n  storageAccount: pgtestbackups\n")
        #expect(alerts["PostgresWALArchivingFailing"] != nil)
        #expect(Set(alerts.keys).isDisjoint(with: ["PostgresBackupFailed", "PostgresBackupTooOld", "PostgresBackupNeverCompleted", "PostgresBackupMetricsAbsent"]))
        #expect(try Self.alerts("operator:\n  version: \"1.27\"\nbackup:\n  storageAccount: pgtestbackups\n")["PostgresBackupTooOld"] != nil)
    }

    @Test func theAzureRuleGroupCarriesTheSameRules() throws {
        let spec = try #require(TestSupport.compile(TestSupport.spec("monitoring:\n  managedPrometheus: true\n")).spec)
        let json = AzureAlertRuleSteps.rulesJSON(spec, AlertTranslation.rendered(spec))
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rules.map { $0["alert"] as? String } == AlertTranslation.alerts(spec).map(\.name))
        #expect(rules.map { $0["expression"] as? String } == AlertTranslation.alerts(spec).map(\.expression))
        #expect(rules.first?["for"] as? String == "PT5M")
        #expect(rules.first?["severity"] as? Int == 0)
    }
}
