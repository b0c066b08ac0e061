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

    @Test func everyAlertHasARunbookSection() throws {
        let source = try TestSupport.read("Examples/production.yaml")
        let spec = try #require(Compiler.check(source).spec)
        let runbooks = String(decoding: try TestSupport.read("Docs/runbooks.md"), as: UTF8.self)
        let headings = Set(runbooks.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) })
        let names = AlertTranslation.alerts(spec).map(\.name)
        #expect(names.count == 15)
        #expect(Set(names) == headings, "Docs/runbooks.md must have exactly one section per alert")
    }

    @Test func theAzureRuleGroupCarriesTheSameRules() throws {
        let spec = try #require(TestSupport.compile(TestSupport.spec("monitoring:\n  managedPrometheus: true\n")).spec)
        let json = AzureAlertRuleSteps.rulesJSON(spec)
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rules.map { $0["alert"] as? String } == AlertTranslation.alerts(spec).map(\.name))
        #expect(rules.map { $0["expression"] as? String } == AlertTranslation.alerts(spec).map(\.expression))
        #expect(rules.first?["for"] as? String == "PT5M")
        #expect(rules.first?["severity"] as? Int == 0)
    }
}
