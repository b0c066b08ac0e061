import Testing
@testable import PGHAKit

/// cert-manager and the Barman Cloud Plugin in deploy.sh and cleanup.sh, against fake tools: installed once per AKS
/// cluster before the manifests are applied, removed only with the last spec that uses them.
@Suite struct BackupPluginScriptTests {
    static let nodeResourceGroup = DeployScriptTests.guideNodeResourceGroup
    static let storesQuery = "kubectl get objectstores.barmancloud.cnpg.io --all-namespaces --context aks-pg-primary --output 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\n\"}{end}'"

    /// cleanup.sh's calls for the plugin on the guide's AKS cluster, which stays, once the spec's objects are deleted;
    /// its only ObjectStore is the spec's own when `lastStore`.
    static func removal(lastStore: Bool) -> [String] {
        let probes = [
            "kubectl get crd objectstores.barmancloud.cnpg.io --context aks-pg-primary",
            storesQuery,
        ]
        guard lastStore else { return probes }
        return probes + [
            "helm status plugin-barman-cloud --namespace cnpg-system --kube-context aks-pg-primary",
            labelled("plugin-barman-cloud", namespace: "cnpg-system"),
            "helm uninstall plugin-barman-cloud --namespace cnpg-system --kube-context aks-pg-primary --wait",
            "helm status cert-manager --namespace cert-manager --kube-context aks-pg-primary",
            labelled("cert-manager", namespace: "cert-manager"),
            "kubectl get certificates.cert-manager.io --all-namespaces --context aks-pg-primary --output name",
            "helm uninstall cert-manager --namespace cert-manager --kube-context aks-pg-primary --wait",
        ]
    }

    /// The scripts' read of whether pgha installed `release` (its release label).
    static func labelled(_ release: String, namespace: String) -> String {
        "helm list --namespace \(namespace) --kube-context aks-pg-primary --all --filter '^\(release)$' --selector pgha.io/installed-by=pgha --short"
    }

    @Test func deployInstallsCertManagerThenThePluginOnceBeforeApplyingTheManifests() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.lines
        let certManager = lines.indices.filter { lines[$0].hasPrefix("helm upgrade cert-manager jetstack/cert-manager") }
        let plugin = lines.indices.filter { lines[$0].hasPrefix("helm upgrade plugin-barman-cloud cnpg/plugin-barman-cloud") }
        let apply = try #require(lines.firstIndex { $0.hasPrefix("kubectl apply --kustomize") })
        let operatorChart = try #require(lines.firstIndex { $0.hasPrefix("helm upgrade cnpg cnpg/cloudnative-pg") })
        #expect(certManager.count == 1 && plugin.count == 1)
        #expect(operatorChart < certManager[0] && certManager[0] < plugin[0] && plugin[0] < apply)
        #expect(lines[certManager[0]].hasSuffix("--set crds.enabled=true --labels pgha.io/installed-by=pgha --wait --timeout 10m"))
        #expect(lines[plugin[0]] == "helm upgrade plugin-barman-cloud cnpg/plugin-barman-cloud --install --namespace cnpg-system --kube-context aks-pg-primary --version 0.7.0 --labels pgha.io/installed-by=pgha --wait --timeout 10m")
    }

    @Test func aSecondSpecOnTheAKSClusterFindsBothRunningAndInstallsNeither() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.lines.contains { $0.hasPrefix("helm upgrade cert-manager") || $0.hasPrefix("helm upgrade plugin-barman-cloud") })
        #expect(run.stdout.contains("= cert-manager is installed"))
        #expect(run.stdout.contains("= the Barman Cloud Plugin is installed in cnpg-system"))
    }

    /// cert-manager installed by the platform (not pgha's Helm release) is found by its Deployments and left alone.
    @Test func certManagerInstalledAnotherWayIsFoundAndKept() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules: [ScriptHarness.Rule] = [
            .init(pattern: "kubectl get deployments --all-namespaces --selector app.kubernetes.io/name=cert-manager *", output: "deployment.apps/platform-cert-manager"),
        ] + FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup)
        let deploy = try harness.run("deploy.sh", rules: rules)
        #expect(deploy.status == 0, "\(deploy.stderr)")
        #expect(!deploy.lines.contains { $0.hasPrefix("helm upgrade cert-manager") })
        #expect(deploy.lines.contains { $0.hasPrefix("helm upgrade plugin-barman-cloud") })
        let cleanup = try harness.run("cleanup.sh", ["--yes"], rules: CleanupScriptTests.sharedAKSAndGroup + [
            .init(pattern: "az aks show --name aks-pg-primary --resource-group rg-cnpg-demo"),
            .init(pattern: "kubectl get crd *"),
            .init(pattern: "helm status plugin-barman-cloud *"),
            FakeAzure.installedByPGHA("plugin-barman-cloud"),
        ] + rules)
        #expect(cleanup.status == 0, "\(cleanup.stderr)")
        #expect(cleanup.lines.filter { $0.hasPrefix("helm uninstall") } == [
            "helm uninstall plugin-barman-cloud --namespace cnpg-system --kube-context aks-pg-primary --wait",
        ])
    }

    @Test func inTreeBackupsInstallNeither() throws {
        let source = String(decoding: try TestSupport.read("Examples/aks-ha.yaml"), as: UTF8.self)
            .replacingOccurrences(of: "  method: plugin ", with: "  method: inTree ")
            .replacingOccurrences(of: "  sidecar:\n    cpu: 500m\n    memory: 512Mi\n", with: "")
        let harness = try ScriptHarness(source: source, options: Compiler.Options(identityClientID: FakeAzure.clientID))
        defer { harness.remove() }
        for script in ["deploy.sh", "cleanup.sh"] {
            let run = try harness.run(script, script == "cleanup.sh" ? ["--yes"] : [],
                                      rules: FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.lines.contains { $0.contains("cert-manager") || $0.contains("barman") }, "\(script)")
        }
    }

    @Test func cleanupKeepsBothWhileAnotherSpecsObjectStoreUsesThem() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules: [ScriptHarness.Rule] = [
            .init(pattern: "kubectl get objectstores.barmancloud.cnpg.io *", output: "payments/billing-backups"),
        ] + CleanupScriptTests.sharedAKSAndGroup + FakeAzure.existing(nodeResourceGroup: Self.nodeResourceGroup)
        let run = try harness.run("cleanup.sh", ["--yes"], rules: rules)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.lines.contains { $0.hasPrefix("helm uninstall") })
        #expect(run.lines.filter { $0.contains("barman") || $0.hasPrefix("helm ") } == Self.removal(lastStore: false).filter { $0.contains("barman") || $0.hasPrefix("helm ") })
        #expect(run.stdout.contains("= the Barman Cloud Plugin and cert-manager stay: other ObjectStores use them: payments/billing-backups"))
    }

    @Test func cleanupRemovesThePluginButKeepsCertManagerWhileOtherCertificatesUseIt() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules: [ScriptHarness.Rule] = [
            .init(pattern: "kubectl get objectstores.barmancloud.cnpg.io *", output: "cnpg-database/pg-primary-backups"),
            .init(pattern: "kubectl get certificates.cert-manager.io *", output: "certificate.cert-manager.io/ingress-tls"),
        ] + CleanupScriptTests.sharedAKSAndGroup + FakeAzure.existing(nodeResourceGroup: Self.nodeResourceGroup)
        let run = try harness.run("cleanup.sh", ["--yes"], rules: rules)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.filter { $0.hasPrefix("helm uninstall") } == [
            "helm uninstall plugin-barman-cloud --namespace cnpg-system --kube-context aks-pg-primary --wait",
        ])
        #expect(run.stdout.contains("= cert-manager stays: other Certificates use it: certificate.cert-manager.io/ingress-tls"))
    }

    @Test func cleanupStopsWhenTheObjectStoresCannotBeListed() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules: [ScriptHarness.Rule] = [
            .init(pattern: "kubectl get objectstores.barmancloud.cnpg.io *", status: 1, output: "stderr:error: You must be logged in to the server (Unauthorized)"),
        ] + CleanupScriptTests.sharedAKSAndGroup + FakeAzure.existing(nodeResourceGroup: Self.nodeResourceGroup)
        let run = try harness.run("cleanup.sh", ["--yes"], rules: rules)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: cannot list the ObjectStores on aks-pg-primary: check that kubectl reaches it, then run cleanup.sh again"))
        #expect(!run.lines.contains { $0.hasPrefix("helm uninstall") || $0.hasPrefix("az group delete") })
    }

    /// The review's repro: the plan did not list the helm uninstalls, and they ran on an AKS cluster about to be
    /// deleted with everything on it. The plan now lists them where the cluster stays; where it goes, they do not run.
    @Test func thePlanListsThePluginRemovalOnlyWhereTheAKSClusterStays() throws {
        let kept = try CleanupScriptTests.run(["--yes"], CleanupScriptTests.sharedAKSAndGroup)
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stdout.contains("  - the Barman Cloud Plugin and cert-manager (helm uninstall) on AKS cluster aks-pg-primary, each only if pgha installed it (release label pgha.io/installed-by=pgha) and unless another ObjectStore (for cert-manager: another Certificate) still uses them\n"))
        #expect(kept.lines.filter { $0.hasPrefix("helm uninstall") }.count == 2)
        let deleted = try CleanupScriptTests.run()
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(!deleted.stdout.contains("helm uninstall"))
        #expect(!deleted.lines.contains { $0.hasPrefix("helm") || $0.hasPrefix("kubectl get crd") || $0.contains("objectstores") })
    }

    @Test func cleanupSkipsThePluginWhenTheAKSClusterIsGone() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("cleanup.sh", ["--yes"], rules: FakeAzure.fresh(nodeResourceGroup: Self.nodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.lines.contains { $0.hasPrefix("kubectl") || $0.hasPrefix("helm") })
        #expect(run.stdout.contains("= AKS cluster aks-pg-primary does not exist"))
    }

    @Test func operator131WithoutAChartChecksThatTheUserInstalledTheOperator() throws {
        let harness = try ScriptHarness(source: String(decoding: try TestSupport.read("Tests/PGHAKitTests/Reference/GoldenSpecs/operator-1.31-plugin.yaml"), as: UTF8.self))
        defer { harness.remove() }
        let rules: [ScriptHarness.Rule] = [
            .init(pattern: "kubectl get crd clusters.postgresql.cnpg.io *", status: 1,
                  output: "stderr:Error from server (NotFound): customresourcedefinitions.apiextensions.k8s.io \"clusters.postgresql.cnpg.io\" not found"),
        ] + FakeAzure.fresh(nodeResourceGroup: "MC_rg-frontier_aks-frontier_westeurope", clientID: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: pgha has no Helm chart for CloudNativePG 1.31: install the operator in cnpg-system yourself, then run deploy.sh again"))
        #expect(!run.lines.contains { $0.hasPrefix("helm upgrade cnpg ") || $0.hasPrefix("kubectl apply") })
    }
}
