import Foundation
import Testing
@testable import PGHAKit

/// The review's repro on CloudNativePG 1.31, whose operator the user installs (pgha has no chart for it): deploy.sh
/// skipped kube-prometheus-stack and the dashboard with the operator chart, so `kubectl apply -k` of the manifests'
/// PodMonitor and PrometheusRule failed ("no matches for kind"); and its check of the operator's CRD took any kubectl
/// error (an expired sign-in, an unreachable API server) for "the operator is not installed".
@Suite struct OperatorInstalledByYouTests {
    static let nodeResourceGroup = "MC_rg-frontier_aks-frontier_westeurope"
    static let clientID = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
    static let crd = "kubectl get crd clusters.postgresql.cnpg.io *"

    static func harness() throws -> ScriptHarness {
        try ScriptHarness(source: String(decoding: try TestSupport.read("Tests/PGHAKitTests/Reference/GoldenSpecs/operator-1.31-plugin.yaml"), as: UTF8.self))
    }

    static func deploy(_ crdAnswer: ScriptHarness.Rule, _ arguments: [String] = []) throws -> ScriptHarness.Run {
        let harness = try harness()
        defer { harness.remove() }
        return try harness.run("deploy.sh", arguments,
                               rules: [crdAnswer] + FakeAzure.fresh(nodeResourceGroup: nodeResourceGroup, clientID: clientID))
    }

    @Test func kubePrometheusStackAndTheDashboardAreInstalledBeforeTheManifestsWhoeverInstallsTheOperator() throws {
        let run = try Self.deploy(.init(pattern: Self.crd, output: "customresourcedefinition.apiextensions.k8s.io/clusters.postgresql.cnpg.io"))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("= the CloudNativePG operator is installed (its Cluster CRD exists)\n"), "\(run.stdout)")
        #expect(!run.lines.contains { $0.hasPrefix("helm upgrade cnpg ") })
        let stack = try #require(run.lines.firstIndex { $0.hasPrefix("helm upgrade kube-prometheus-stack ") }, "\(run.lines)")
        #expect(run.lines[stack].contains(" --values https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/v1.30.0/docs/src/samples/monitoring/kube-stack-config.yaml "),
                "\(run.lines[stack])")
        let dashboard = try #require(run.lines.firstIndex { $0.hasPrefix("helm upgrade cnpg-grafana-dashboard cnpg-grafana/cluster ") }, "\(run.lines)")
        let apply = try #require(run.lines.firstIndex { $0.hasPrefix("kubectl apply --kustomize ") }, "\(run.lines)")
        #expect(stack < apply)
        #expect(dashboard > stack)
    }

    @Test func anErrorOtherThanNotFoundStopsWithItsOwnMessage() throws {
        let run = try Self.deploy(.init(pattern: Self.crd, status: 1,
                                        output: "stderr:error: You must be logged in to the server (Unauthorized)"))
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: You must be logged in to the server (Unauthorized)\n"), "\(run.stderr)")
        #expect(run.stderr.contains("error: kubectl get crd clusters.postgresql.cnpg.io --context aks-frontier failed (exit 1), and not because it was not found: stopping rather than guess whether it exists."),
                "\(run.stderr)")
        #expect(!run.stderr.contains("pgha has no Helm chart"), "\(run.stderr)")
    }

    @Test func dryRunPlansTheStopWhenTheOperatorIsMissing() throws {
        let run = try Self.deploy(.init(pattern: Self.crd, status: 1,
                                        output: "stderr:Error from server (NotFound): customresourcedefinitions.apiextensions.k8s.io \"clusters.postgresql.cnpg.io\" not found"),
                                  ["--dry-run"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("plan: stop here: pgha has no Helm chart for CloudNativePG 1.31: install the operator in cnpg-system yourself before deploy.sh\n"),
                "\(run.stdout)")
    }
}
