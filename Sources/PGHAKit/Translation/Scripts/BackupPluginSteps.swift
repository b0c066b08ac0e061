/// What the Barman Cloud Plugin needs on the AKS cluster, in deploy.sh and cleanup.sh: cert-manager (the plugin and the
/// operator talk over TLS with certificates it issues) and the plugin, in the operator's namespace. Both are cluster
/// wide: deploy.sh installs each once per AKS cluster (the next spec's deploy finds them), and cleanup.sh removes the
/// Helm releases it installed only when no other spec's ObjectStore (and, for cert-manager, no other Certificate) is
/// left on the cluster. Versions: `OperatorRelease.all`.
enum BackupPluginSteps {
    private typealias V = ScriptValues

    static let certManagerRelease: ShellWord = "cert-manager"
    static let certManagerNamespace: ShellWord = "cert-manager"
    static let certManagerRepository: ShellWord = "jetstack"
    static let certManagerRepositoryURL: ShellWord = "https://charts.jetstack.io"
    static let certManagerChart: ShellWord = "jetstack/cert-manager"
    /// The plugin's release: named as its chart, so the chart names the Deployment `plugin-barman-cloud` too.
    static let pluginRelease: ShellWord = "plugin-barman-cloud"
    static let pluginChart: ShellWord = "cnpg/plugin-barman-cloud"

    /// Whether the spec's deploy needs the plugin: plugin backups on an operator release with a known plugin chart.
    static func applies(to inputs: ScriptInputs) -> Bool {
        inputs.backup?.usesPlugin == true
    }

    /// Installs cert-manager, then the plugin, unless each is running already, however it was installed: cert-manager
    /// by its Deployments' label, the plugin by the Service label the operator discovers plugins by. Helm's `--wait`
    /// holds until each is ready (cert-manager's chart also checks that its webhook answers), so the manifests
    /// applied next find both.
    static func install(_ inputs: ScriptInputs) -> [Step] {
        guard applies(to: inputs) else { return [] }
        let certManager: [ShellWord] = ["--namespace", certManagerNamespace, "--kube-context", V.aksCluster]
        let plugin: [ShellWord] = ["--namespace", V.operatorNamespace, "--kube-context", V.aksCluster]
        return [
            .heading("cert-manager (Helm chart " + V.certManagerChartVersion + ")"),
            .unlessExists(
                .printsSomething(ScriptSteps.kubectl(["get", "deployments", "--all-namespaces", "--selector", "app.kubernetes.io/name=cert-manager",
                                                      "--output", "name"], namespaced: false)),
                exists: "cert-manager is installed",
                HelmOwnership.check(certManagerRelease, namespace: certManagerNamespace) + [
                    .run(Command("helm", "repo", "add", certManagerRepository, certManagerRepositoryURL, "--force-update")),
                    .run(Command(["helm", "upgrade", certManagerRelease, certManagerChart, "--install"] + certManager
                                 + ["--create-namespace", "--version", V.certManagerChartVersion, "--set", "crds.enabled=true"]
                                 + HelmOwnership.labels + ["--wait", "--timeout", "10m"])),
                ]
            ),
            .heading("Barman Cloud Plugin (Helm chart " + V.pluginChartVersion + ")"),
            .unlessExists(
                .printsSomething(ScriptSteps.kubectl(["get", "services", "--namespace", V.operatorNamespace, "--selector",
                                                      ShellWord("cnpg.io/pluginName=" + ObjectStoreTranslation.pluginName),
                                                      "--output", "name"], namespaced: false)),
                exists: "the Barman Cloud Plugin is installed in " + V.operatorNamespace,
                HelmOwnership.check(pluginRelease, namespace: V.operatorNamespace) + [
                    .run(Command("helm", "repo", "add", ShellWord(OperatorChart.repositoryName), ShellWord(OperatorChart.repositoryURL),
                                 "--force-update")),
                    .run(Command(["helm", "upgrade", pluginRelease, pluginChart, "--install"] + plugin
                                 + ["--version", V.pluginChartVersion] + HelmOwnership.labels + ["--wait", "--timeout", "10m"])),
                ]
            ),
        ]
    }

    /// What cleanup.sh's plan says it removes on an AKS cluster that stays.
    static let uninstallPlan: ShellWord = "the Barman Cloud Plugin and cert-manager (helm uninstall) on AKS cluster " + V.aksCluster
        + ", each only if pgha installed it (release label " + HelmOwnership.label
        + ") and unless another ObjectStore (for cert-manager: another Certificate) still uses them"

    /// cleanup.sh's note on a release it keeps because pgha did not install it.
    private static func notInstalledByPGHA(_ release: ShellWord) -> ShellWord {
        "the Helm release " + release + " stays: pgha did not install it (it has no release label " + HelmOwnership.label + ")"
    }

    /// cleanup.sh's code, run on an AKS cluster that stays, once this spec's objects are deleted (in the deletion
    /// code, where `act` prints and runs a command): removes the plugin, then cert-manager, when the AKS cluster has
    /// no other ObjectStore than this spec's (and, for cert-manager, no Certificate left once the plugin's are gone).
    /// On an AKS cluster that goes, cleanup.sh does not uninstall them: they go with it.
    static func uninstall(_ inputs: ScriptInputs) -> ShellCode? {
        guard applies(to: inputs) else { return nil }
        return """
        if probe 0 \(ScriptSteps.kubectl(["get", "crd", "objectstores.barmancloud.cnpg.io"], namespaced: false)); then
          local stores='' others='' certificates=''
          stores="$(kubectl get objectstores.barmancloud.cnpg.io --all-namespaces --context \(V.aksCluster) --output 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}')" \\
            || fail "cannot list the ObjectStores on \(inString: V.aksCluster): check that kubectl reaches it, then run cleanup.sh again"
          others="$(printf '%s\\n' "$stores" | grep -v -x -F -e \(V.namespace + "/" + V.objectStore) -e '' || true)"
          if [ -n "$others" ]; then
            log "= the Barman Cloud Plugin and cert-manager stay: other ObjectStores use them: $(printf '%s' "$others" | tr '\\n' ' ')"
          else
            if probe 0 \(HelmOwnership.status(pluginRelease, namespace: V.operatorNamespace)); then
              if probe 0 \(HelmOwnership.labelled(pluginRelease, namespace: V.operatorNamespace)) && [ "$PROBE_OUTPUT" = \(pluginRelease) ]; then
                act helm uninstall \(pluginRelease) --namespace \(V.operatorNamespace) --kube-context \(V.aksCluster) --wait
              else
                log "= \(inString: notInstalledByPGHA(pluginRelease))"
              fi
            fi
            if probe 0 \(HelmOwnership.status(certManagerRelease, namespace: certManagerNamespace)); then
              if probe 0 \(HelmOwnership.labelled(certManagerRelease, namespace: certManagerNamespace)) && [ "$PROBE_OUTPUT" = \(certManagerRelease) ]; then
                certificates="$(kubectl get certificates.cert-manager.io --all-namespaces --context \(V.aksCluster) --output name)" \\
                  || fail "cannot list the Certificates on \(inString: V.aksCluster): check that kubectl reaches it, then run cleanup.sh again"
                if [ -n "$certificates" ]; then
                  log "= cert-manager stays: other Certificates use it: $(printf '%s' "$certificates" | tr '\\n' ' ')"
                else
                  act helm uninstall \(certManagerRelease) --namespace \(certManagerNamespace) --kube-context \(V.aksCluster) --wait
                fi
              else
                log "= \(inString: notInstalledByPGHA(certManagerRelease))"
              fi
            fi
          fi
        else
          log "= the Barman Cloud Plugin is not installed on \(inString: V.aksCluster)"
        fi
        """
    }
}
