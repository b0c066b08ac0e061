import Foundation
import Testing
@testable import PGHAKit

/// The PrometheusRule's annotations: each alert's runbook, and its link where the team publishes the runbooks.
@Suite struct AlertTranslationTests {
    static let url = "https://git.example.com/platform/pgha/blob/main/Docs/runbooks.md"

    static func prometheusRule(_ extra: String) throws -> String {
        let result = TestSupport.compile(TestSupport.spec(extra))
        #expect(result.succeeded, "\(result.diagnostics.map(TestSupport.summary))")
        return try #require(result.artifacts.first { $0.path == "prometheusrule-pg-test-alerts.yaml" }).contents
    }

    @Test func eachAlertLinksItsSectionWhereTheRunbooksArePublished() throws {
        let rule = try Self.prometheusRule("monitoring:\n  alerts:\n    runbookBaseURL: \(Self.url)\n")
        #expect(rule.contains("""
            - alert: PostgresMetricsAbsent
              expr: absent(cnpg_collector_up{namespace="cnpg-database", pod=~"pg-test-[0-9]+"})
              for: 5m
              labels:
                cluster: pg-test
                severity: critical
              annotations:
                runbook: 'Docs/runbooks.md#postgresmetricsabsent'
                runbook_url: 'https://git.example.com/platform/pgha/blob/main/Docs/runbooks.md#postgresmetricsabsent'
                summary: 'No instance of pg-test reports metrics: the cluster is down or not scraped.'
            - alert: PostgresInstanceDown

        """))
        let spec = try #require(TestSupport.compile(TestSupport.spec()).spec)
        #expect(rule.components(separatedBy: "      runbook_url: ").count - 1 == AlertTranslation.alerts(spec).count)
    }

    /// Without `runbookBaseURL` the annotations are those pgha rendered before it had the field.
    @Test func withoutABaseURLAlertsCarryOnlyTheRepositoryPath() throws {
        let rule = try Self.prometheusRule("")
        #expect(!rule.contains("runbook_url"))
        #expect(rule.contains("""
              annotations:
                runbook: 'Docs/runbooks.md#postgresinstancedown'
                summary: 'PostgreSQL in {{ $labels.pod }} is not running.'

        """))
    }

    /// A URL with the characters YAML quoting and Prometheus's templates care about (`'`, `$`, `&`, `%`) reads back
    /// from the rendered YAML as written.
    @Test func theLinkReadsBackFromTheYAMLAsWritten() throws {
        let url = "https://wiki.example.com/pages/pgha's%20runbooks?space=$DBA&view=(full)"
        let rule = try Self.prometheusRule("monitoring:\n  alerts:\n    runbookBaseURL: \"\(url)\"\n")
        let root = try #require(try YAMLComposer(rule).nextRoot())
        func value(_ node: YAMLNode?, _ key: String) -> YAMLNode? {
            node?.mapping?.first { $0.key.scalar?.string == key }?.value
        }
        let rules = try #require(value(value(value(root, "spec"), "groups")?.sequence?.first, "rules")?.sequence)
        #expect(rules.map { value(value($0, "annotations"), "runbook_url")?.scalar?.string }
            == rules.map { url + "#" + (value($0, "alert")?.scalar?.string ?? "").lowercased() })
    }
}
