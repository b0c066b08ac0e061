import Foundation
import Testing
@testable import PGHAKit

/// deploy.sh's Azure Prometheus rule group, run against the fake tools: the rules Azure receives.
@Suite struct AzureAlertRuleScriptTests {
    /// A base URL with the characters bash's and JSON's quoting care about (`'`, `$`, `&`, `(`, `%`).
    static let url = "https://wiki.example.com/pages/pgha's%20runbooks?space=$DBA&view=(full)"
    static let spec = TestSupport.spec("monitoring:\n  managedPrometheus: true\n  alerts:\n    runbookBaseURL: \"\(url)\"\n")

    /// The `--rules` argument of the rule group's create (fresh) and update (existing) calls, parsed as the JSON
    /// Azure reads: each alert's annotations carry its link, and the argument is the JSON pgha built, byte for byte.
    @Test func theRuleGroupLinksEachAlertToThePublishedRunbook() throws {
        let spec = try #require(TestSupport.compile(Self.spec).spec)
        let alerts = AlertTranslation.rendered(spec)
        let harness = try ScriptHarness(source: Self.spec)
        defer { harness.remove() }
        let nodeResourceGroup = "MC_rg-pg-test_aks-pg-test_westus3"
        for (verb, rules) in [("create", FakeAzure.fresh(nodeResourceGroup: nodeResourceGroup)),
                              ("update", FakeAzure.existing(nodeResourceGroup: nodeResourceGroup))] {
            let run = try harness.run("deploy.sh", rules: rules)
            #expect(run.status == 0, "\(run.stderr)")
            let call = try #require(run.calls.first { Array($0.prefix(4)) == ["az", "alerts-management", "prometheus-rule-group", verb] })
            let argument = try #require(call.firstIndex(of: "--rules").map { call[$0 + 1] })
            #expect(argument == AzureAlertRuleSteps.rulesJSON(spec, alerts))
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(argument.utf8)) as? [[String: Any]])
            let annotations = parsed.map { $0["annotations"] as? [String: String] }
            #expect(annotations.first == [
                "runbook": "Docs/runbooks.md#postgresmetricsabsent",
                "runbook_url": "https://wiki.example.com/pages/pgha's%20runbooks?space=$DBA&view=(full)#postgresmetricsabsent",
                "summary": "No instance of pg-test reports metrics: the cluster is down or not scraped.",
            ])
            #expect(annotations.map { $0?["runbook_url"] } == alerts.map { Self.url + "#" + $0.name.lowercased() })
        }
    }
}
