import Foundation
import Testing
@testable import PGHAKit

/// The issue's repro: `az aks get-credentials` merged into ~/.kube/config and switched the user's current context,
/// and cleanup left the entries. Every script now keeps the credentials in a kubeconfig of the spec's own, which every
/// kubectl and helm call reads, and cleanup.sh deletes it.
@Suite struct KubeconfigTests {
    static let nodeResourceGroup = DeployScriptTests.guideNodeResourceGroup
    static let kubeconfig = "$HOME/.cache/pgha/cnpg-database/pg-primary/kubeconfig"
    static let getCredentials = "az aks get-credentials --name aks-pg-primary --resource-group rg-cnpg-demo --file '\(kubeconfig)' --overwrite-existing --output none"

    /// Every kubectl and helm call of `run` read `expected` through KUBECONFIG, and every get-credentials wrote it.
    static func expectEveryClusterCallReads(_ expected: String, _ run: ScriptHarness.Run, _ script: String,
                                            sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(run.kubeconfigs.count == run.calls.count, sourceLocation: sourceLocation)
        let clusterCalls = zip(run.calls, run.kubeconfigs).filter { ["kubectl", "helm"].contains($0.0.first) }
        #expect(!clusterCalls.isEmpty, "\(script) ran no kubectl or helm", sourceLocation: sourceLocation)
        for (call, kubeconfig) in clusterCalls {
            #expect(kubeconfig == expected, "\(script): \(call.joined(separator: " ")) ran with KUBECONFIG=\(kubeconfig)",
                    sourceLocation: sourceLocation)
        }
        let credentials = run.calls.filter { $0.starts(with: ["az", "aks", "get-credentials"]) }
        #expect(!credentials.isEmpty, "\(script) fetched no credentials", sourceLocation: sourceLocation)
        for call in credentials {
            #expect(call.firstIndex(of: "--file").map { call[$0 + 1] } == expected, "\(call)", sourceLocation: sourceLocation)
        }
    }

    @Test func everyKubectlAndHelmCallOfEveryScriptReadsTheSpecsOwnKubeconfigAndCleanupDeletesIt() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml", options: DrillAndCleanupScriptTests.deployed)
        defer { harness.remove() }
        try DrillAndCleanupScriptTests.fakeSleep(harness)
        let userConfig = harness.home.appendingPathComponent(".kube")
        let file = harness.defaultKubeconfig()
        let fresh = FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup)

        let deploy = try harness.run("deploy.sh", rules: fresh)
        #expect(deploy.status == 0, "\(deploy.stderr)")
        Self.expectEveryClusterCallReads(Self.kubeconfig, deploy, "deploy.sh")
        #expect(DeployScriptTests.lines(deploy, harness).contains(Self.getCredentials))
        #expect(FileManager.default.fileExists(atPath: file.path))

        let deployed = FakeAzure.deployed(nodeResourceGroup: Self.nodeResourceGroup)
        let drills = [
            ("restore-drill.sh", DrillAndCleanupScriptTests.clusterRules() + deployed),
            ("failover-drill.sh", DrillAndCleanupScriptTests.probes + DrillAndCleanupScriptTests.clusterRules() + deployed),
        ]
        for (script, rules) in drills {
            let run = try harness.run(script, rules: rules)
            #expect(run.status == 0, "\(script): \(run.stderr)")
            Self.expectEveryClusterCallReads(Self.kubeconfig, run, script)
            #expect(run.lines.contains("kubectl config get-contexts --output name"), "\(script) did not check the file is its own")
        }

        let cleanup = try harness.run("cleanup.sh", ["--yes"], rules: CleanupScriptTests.rules(CleanupScriptTests.sharedAKSAndGroup),
                                      environment: ["GROUP_RESOURCES": CleanupScriptTests.ownResources.joined(separator: "\n")])
        #expect(cleanup.status == 0, "\(cleanup.stderr)")
        Self.expectEveryClusterCallReads(Self.kubeconfig, cleanup, "cleanup.sh")
        #expect(cleanup.stdout.hasSuffix("+ rm -f -- \(file.path)\n"), "\(cleanup.stdout)")
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(!FileManager.default.fileExists(atPath: userConfig.path), "a script wrote ~/.kube")
    }

    /// PGHA_KUBECONFIG names another file: it is the one written, read and deleted.
    @Test func pghaKubeconfigNamesTheFile() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let file = harness.home.appendingPathComponent("clusters/pg.kubeconfig")
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup),
                                  environment: ["PGHA_KUBECONFIG": file.path])
        #expect(run.status == 0, "\(run.stderr)")
        Self.expectEveryClusterCallReads("$HOME/clusters/pg.kubeconfig", run, "deploy.sh")
        #expect(FileManager.default.fileExists(atPath: file.path))
        #expect(!FileManager.default.fileExists(atPath: harness.home.appendingPathComponent(".kube").path))
    }

    /// A kubeconfig holding another context (PGHA_KUBECONFIG pointed at a shared file) is never written nor deleted:
    /// every script stops before it reads or changes anything else.
    @Test(arguments: ["deploy.sh", "cleanup.sh"])
    func aKubeconfigWithAnotherContextStopsTheScriptFirst(script: String) throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let file = harness.home.appendingPathComponent(".kube/config")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("the user's own kubeconfig\n".utf8).write(to: file)
        let contexts = ScriptHarness.Rule(pattern: "kubectl config get-contexts --output name", output: "lines:team-cluster,aks-pg-primary")
        let run = try harness.run(script, ["--yes"].filter { _ in script == "cleanup.sh" },
                                  rules: [contexts] + FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup),
                                  environment: ["PGHA_KUBECONFIG": file.path])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error: the kubeconfig \(file.path) holds contexts besides aks-pg-primary: pgha's scripts write the AKS cluster's credentials to a kubeconfig of their own and cleanup.sh deletes it. Set PGHA_KUBECONFIG to a new file (or unset it for the default), then run the script again\n"),
                "\(run.stderr)")
        #expect(run.lines == ["kubectl config get-contexts --output name"])
        #expect(try String(contentsOf: file, encoding: .utf8) == "the user's own kubeconfig\n")
    }
}
