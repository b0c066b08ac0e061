import Foundation
import Testing
@testable import PGHAKit

/// The review's repro: `helm repo add NAME URL --force-update` in deploy.sh rewrote the user's own Helm repository
/// list, so their `cnpg` entry pointing at an internal mirror pointed at the public charts for good. The scripts that
/// run helm now keep pgha's repositories in a list and cache of pgha's own, which every helm call reads, whatever the
/// environment says.
@Suite struct HelmRepositoriesTests {
    static let nodeResourceGroup = DeployScriptTests.guideNodeResourceGroup
    static let pghaList = "$HOME/.cache/pgha/helm/repositories.yaml"
    static let pghaCache = "$HOME/.cache/pgha/helm/repository"
    /// The user's list, with their own entries of the names pgha adds.
    static let userEntries = """
    cnpg https://charts.mirror.example.internal/cnpg
    jetstack https://charts.mirror.example.internal/jetstack
    prometheus-community https://charts.mirror.example.internal/prometheus-community
    cnpg-grafana https://charts.mirror.example.internal/cnpg-grafana

    """

    /// Every helm call of `run` read pgha's own repository list and cache.
    static func expectEveryHelmCallReadsPGHAsRepositories(_ run: ScriptHarness.Run, _ script: String,
                                                         sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(run.helmRepositories.count == run.calls.count, sourceLocation: sourceLocation)
        let helmCalls = zip(run.calls, run.helmRepositories).filter { $0.0.first == "helm" }
        #expect(!helmCalls.isEmpty, "\(script) ran no helm", sourceLocation: sourceLocation)
        for (call, repositories) in helmCalls {
            #expect(repositories == pghaList + " " + pghaCache, "\(script): \(call.joined(separator: " ")) ran with \(repositories)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func deployAndCleanupLeaveTheUsersHelmRepositoriesAsTheyWere() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml", options: DrillAndCleanupScriptTests.deployed)
        defer { harness.remove() }
        let userList = harness.home.appendingPathComponent(".config/helm/repositories.yaml")
        try FileManager.default.createDirectory(at: userList.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(Self.userEntries.utf8).write(to: userList)
        // The user's environment names their list (as a CI job might): the scripts use pgha's all the same.
        let environment = ["HELM_REPOSITORY_CONFIG": userList.path,
                           "HELM_REPOSITORY_CACHE": harness.home.appendingPathComponent(".cache/helm/repository").path]

        let deploy = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup), environment: environment)
        #expect(deploy.status == 0, "\(deploy.stderr)")
        Self.expectEveryHelmCallReadsPGHAsRepositories(deploy, "deploy.sh")
        #expect(deploy.lines.filter { $0.hasPrefix("helm repo add ") }.count == 5, "\(deploy.lines)")
        let pghaList = harness.home.appendingPathComponent(".cache/pgha/helm/repositories.yaml")
        #expect(try String(contentsOf: pghaList, encoding: .utf8) == """
        jetstack https://charts.jetstack.io
        cnpg https://cloudnative-pg.github.io/charts
        prometheus-community https://prometheus-community.github.io/helm-charts
        cnpg-grafana https://cloudnative-pg.github.io/grafana-dashboards

        """)

        let cleanup = try harness.run("cleanup.sh", ["--yes"], rules: CleanupScriptTests.rules(CleanupScriptTests.sharedAKSAndGroup),
                                      environment: environment.merging(["GROUP_RESOURCES": CleanupScriptTests.ownResources.joined(separator: "\n")]) { $1 })
        #expect(cleanup.status == 0, "\(cleanup.stderr)")
        Self.expectEveryHelmCallReadsPGHAsRepositories(cleanup, "cleanup.sh")

        #expect(try String(contentsOf: userList, encoding: .utf8) == Self.userEntries)
    }

    /// The drills run no helm, so they name no Helm setting; deploy.sh and cleanup.sh (with the plugin) do.
    @Test func onlyTheScriptsThatRunHelmExportTheSettings() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let exports = ["export HELM_REPOSITORY_CONFIG=\"$PGHA_HELM_REPOSITORY_CONFIG\"\n",
                       "export HELM_REPOSITORY_CACHE=\"$PGHA_HELM_REPOSITORY_CACHE\"\n"]
        for (script, runsHelm) in [("deploy.sh", true), ("cleanup.sh", true), ("restore-drill.sh", false), ("failover-drill.sh", false)] {
            let text = try String(contentsOf: harness.output.appendingPathComponent("scripts/\(script)"), encoding: .utf8)
            for line in exports {
                #expect(text.contains(line) == runsHelm, "\(script): \(line)")
            }
        }
    }
}
