/// How deploy.sh and cleanup.sh tell the Helm releases pgha installed from releases of the same name someone else
/// installed (such as the guide's own `helm upgrade --install cnpg cnpg/cloudnative-pg`): pgha installs and upgrades
/// each of its releases with the release label `pgha.io/installed-by=pgha` (Helm 3.13's `--labels`, kept as a label of
/// the release's storage Secrets and carried over to later revisions), and `helm list --selector` finds it. deploy.sh
/// upgrades only a release that carries it, and stops at one without it, which an upgrade would give pgha's values and
/// chart version; cleanup.sh uninstalls only a release that carries it.
enum HelmOwnership {
    private typealias V = ScriptValues

    /// The release label, as `--labels` and `--selector` take it.
    static let label: ShellWord = "pgha.io/installed-by=pgha"

    /// The arguments that put the label on a release `helm upgrade --install` installs or upgrades.
    static let labels: [ShellWord] = ["--labels", label]

    /// `helm status` of `release`: succeeds when it exists, fails with "release: not found" when it does not.
    static func status(_ release: ShellWord, namespace: ShellWord) -> Command {
        Command("helm", "status", release, "--namespace", namespace, "--kube-context", V.aksCluster)
    }

    /// `helm list` printing `release` when it exists and carries the label (in any state), nothing otherwise.
    static func labelled(_ release: ShellWord, namespace: ShellWord) -> Command {
        Command("helm", "list", "--namespace", namespace, "--kube-context", V.aksCluster, "--all",
                "--filter", "^" + release + "$", "--selector", label, "--short")
    }

    /// The command that adopts a release someone else installed: the label on its storage Secrets (Helm's default
    /// storage), so that deploy.sh upgrades it from then on.
    static func adoption(_ release: ShellWord, namespace: ShellWord) -> ShellWord {
        "kubectl label secrets --namespace " + namespace + " --selector owner=helm,name=" + release + " " + label
            + " --overwrite" + Kubeconfig.userFlags
    }

    /// deploy.sh's steps before it installs or upgrades `release` (with `labels`): nothing when the release does not
    /// exist (only "not found" means so), a note when it carries the label, and a stop that says what to do when it
    /// does not.
    static func check(_ release: ShellWord, namespace: ShellWord) -> [Step] {
        let uninstall: ShellWord = "helm uninstall " + release + " --namespace " + namespace + " --kube-context " + V.aksCluster
            + " --kubeconfig " + Kubeconfig.path
        return [.when(
            .succeeds(status(release, namespace: namespace)),
            then: [.when(
                .prints(labelled(release, namespace: namespace), release),
                then: [.note("= Helm release " + release + " in " + namespace + " was installed by pgha")],
                otherwise: [.check("""
                fail "the Helm release \(inString: release) in \(inString: namespace) was not installed by pgha (it has no release label \(inString: label)): deploy.sh does not upgrade it, which would replace its values and chart version with pgha's. Either let pgha manage it from now on, with its values and version, by labelling it: \(inString: adoption(release, namespace: namespace)); or remove it if nothing needs it: \(inString: uninstall). Then run deploy.sh again"
                """)]
            )],
            otherwise: []
        )]
    }
}
