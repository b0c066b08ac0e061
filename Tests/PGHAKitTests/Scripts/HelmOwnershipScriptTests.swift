import Testing
@testable import PGHAKit

/// deploy.sh and cleanup.sh against fake tools: they upgrade and uninstall only the Helm releases pgha installed
/// (the release label `pgha.io/installed-by=pgha`), never one of the same name someone else installed.
@Suite struct HelmOwnershipScriptTests {
    static let nodeResourceGroup = DeployScriptTests.guideNodeResourceGroup

    /// The namespace deploy.sh installs each release of the guide's example in.
    static let namespaces = ["cnpg": "cnpg-system", "cert-manager": "cert-manager", "plugin-barman-cloud": "cnpg-system",
                             "kube-prometheus-stack": "monitoring", "cnpg-grafana-dashboard": "cnpg-database"]

    /// The review's repro: deploy.sh ran `helm upgrade --install` over a release the user installed (the guide's own
    /// `helm upgrade --install cnpg cnpg/cloudnative-pg`), resetting its values and moving its version to pgha's pin.
    /// It now stops before changing anything of that release and says how to adopt or remove it.
    @Test func deployStopsAtAnOperatorReleaseItDidNotInstall() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: [.init(pattern: "helm status cnpg *")]
                                  + FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 1)
        let kubeconfig = harness.defaultKubeconfig().path
        #expect(run.stderr.contains("""
        error: the Helm release cnpg in cnpg-system was not installed by pgha (it has no release label pgha.io/installed-by=pgha): deploy.sh does not upgrade it, which would replace its values and chart version with pgha's. Either let pgha manage it from now on, with its values and version, by labelling it: kubectl label secrets --namespace cnpg-system --selector owner=helm,name=cnpg pgha.io/installed-by=pgha --overwrite --context aks-pg-primary --kubeconfig \(kubeconfig); or remove it if nothing needs it: helm uninstall cnpg --namespace cnpg-system --kube-context aks-pg-primary --kubeconfig \(kubeconfig). Then run deploy.sh again

        """), "\(run.stderr)")
        #expect(run.lines.suffix(2) == [
            "helm status cnpg --namespace cnpg-system --kube-context aks-pg-primary",
            BackupPluginScriptTests.labelled("cnpg", namespace: "cnpg-system"),
        ])
    }

    /// Every release deploy.sh would upgrade stops it the same way when pgha did not install it.
    @Test(arguments: FakeAzure.pghaReleases)
    func deployStopsAtAnyReleaseItDidNotInstall(release: String) throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: [.init(pattern: "helm status \(release) *")]
                                  + FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        let namespace = try #require(Self.namespaces[release])
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: the Helm release \(release) in \(namespace) was not installed by pgha"), "\(run.stderr)")
        #expect(!run.lines.contains { $0.hasPrefix("helm upgrade \(release) ") })
        #expect(run.lines.last == BackupPluginScriptTests.labelled(release, namespace: namespace))
    }

    /// A fresh deploy puts the label on every release it installs, so later runs and cleanup.sh know them.
    @Test func deployLabelsEveryReleaseItInstalls() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let upgrades = run.lines.filter { $0.hasPrefix("helm upgrade ") }
        #expect(upgrades.map { $0.split(separator: " ")[2] } == FakeAzure.pghaReleases.map { Substring($0) })
        #expect(upgrades.allSatisfy { $0.contains(" --labels pgha.io/installed-by=pgha") })
        #expect(!run.lines.contains { $0.hasPrefix("helm list") })
    }

    /// A release pgha installed (the label) is upgraded on a later run.
    @Test func deployUpgradesTheReleasesItInstalled() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("= Helm release cnpg in cnpg-system was installed by pgha\n"))
        #expect(run.lines.contains { $0.hasPrefix("helm upgrade cnpg cnpg/cloudnative-pg --install ") && $0.contains(" --labels pgha.io/installed-by=pgha ") })
    }

    /// The review's repro: cleanup.sh uninstalled the plugin and cert-manager releases whoever installed them (its check
    /// that nothing uses cert-manager counts only Certificates). It now keeps a release without pgha's label.
    @Test func cleanupKeepsReleasesItDidNotInstall() throws {
        let run = try CleanupScriptTests.run(["--yes"], CleanupScriptTests.sharedAKSAndGroup + [.init(pattern: "helm list *")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.lines.contains { $0.hasPrefix("helm uninstall") || $0.hasPrefix("kubectl get certificates") })
        for release in ["plugin-barman-cloud", "cert-manager"] {
            #expect(run.stdout.contains("= the Helm release \(release) stays: pgha did not install it (it has no release label pgha.io/installed-by=pgha)\n"))
        }
    }
}
