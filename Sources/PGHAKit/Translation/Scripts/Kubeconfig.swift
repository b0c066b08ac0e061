/// The kubeconfig file every script keeps the AKS cluster's credentials in: one per spec, never the user's
/// `~/.kube/config`. Each script exports `KUBECONFIG` to it before its first step, so every `kubectl` and `helm` call
/// reads it (and the user's current context is never switched); `az aks get-credentials --file` writes it, and
/// `cleanup.sh` deletes it at the end. The file must hold nothing but the AKS cluster's context: a file with any other
/// context is refused (deploy.sh and the drills stop before writing it) and kept (cleanup.sh does not delete it), so
/// `--overwrite-existing` only ever replaces pgha's own entries.
enum Kubeconfig {
    private typealias V = ScriptValues

    /// The environment setting that names the file.
    static let settingName = "PGHA_KUBECONFIG"
    /// The variable kubectl and helm read.
    static let variable = "KUBECONFIG"

    /// `PGHA_KUBECONFIG`, exported as `KUBECONFIG`: by default `${XDG_CACHE_HOME:-$HOME/.cache}/pgha/<namespace>/<name>/kubeconfig`,
    /// resolved when the script runs (the rendered script names no machine's path). The namespace and the name are
    /// DNS labels (`NameRules`), so they need no quoting inside the default.
    static func setting(_ spec: Spec) -> Script.Setting {
        Script.Setting(
            settingName, default: "${XDG_CACHE_HOME:-$HOME/.cache}/pgha/\(spec.namespace)/\(spec.name)/kubeconfig",
            help: "The kubeconfig file the AKS cluster's credentials go to, which every kubectl and helm call reads; cleanup.sh deletes it (default: ~/.cache/pgha/\(spec.namespace)/\(spec.name)/kubeconfig, under $XDG_CACHE_HOME when set). Never ~/.kube/config: a file of its own, holding no other context.",
            exportedAs: variable
        )
    }

    /// How a kubectl command line the scripts print for the user to run ends: the AKS cluster's context in this
    /// kubeconfig, so the command reaches the cluster the scripts use whatever the user's own kubeconfig holds.
    static let userFlags: ShellWord = " --context " + V.aksCluster + " --kubeconfig " + path

    /// The bash function that tells whether the file is pgha's own: `kubeconfig_is_ours AKS_CLUSTER` answers yes when
    /// it does not exist or holds no context but the AKS cluster's.
    static let function = """
    # Whether the kubeconfig in KUBECONFIG (PGHA_KUBECONFIG) is pgha's own: kubeconfig_is_ours AKS_CLUSTER answers yes
    # when the file does not exist or holds no context but AKS_CLUSTER's, so writing or deleting it loses nothing else.
    kubeconfig_is_ours() {
      local contexts
      [ -e "$KUBECONFIG" ] || return 0
      contexts="$(kubectl config get-contexts --output name)" \\
        || fail "cannot read the kubeconfig $KUBECONFIG: fix or delete it (PGHA_KUBECONFIG names it), then run the script again"
      [ -z "$(printf '%s\\n' "$contexts" | grep -v -x -F -e "$1" -e '' || true)" ]
    }
    """

    /// The file as a word (run-time value).
    static let path = ShellWord.variable(variable)

    /// `az aks get-credentials` into the file (only the AKS cluster's context is in it, so overwriting replaces pgha's
    /// own entries, such as those of a recreated AKS cluster).
    static let getCredentials = Command("az", "aks", "get-credentials", "--name", V.aksCluster, "--resource-group", V.resourceGroup,
                                        "--file", path, "--overwrite-existing", "--output", "none")

    /// Stops when the file holds another context than the AKS cluster's: every script's first step, before it reads
    /// or changes anything (read-only: runs with `--dry-run` too).
    static let refuseForeign: ShellCode = """
    if ! kubeconfig_is_ours \(V.aksCluster); then
      fail "the kubeconfig $KUBECONFIG holds contexts besides \(inString: V.aksCluster): pgha's scripts write the AKS cluster's credentials to a kubeconfig of their own and cleanup.sh deletes it. Set PGHA_KUBECONFIG to a new file (or unset it for the default), then run the script again"
    fi
    """


    /// cleanup.sh's bash function that deletes the file, when it is still pgha's own (checked again right before), and
    /// says so.
    static let removal = """
    # Deletes the kubeconfig in KUBECONFIG when it is pgha's own, keeps it otherwise: forget_kubeconfig AKS_CLUSTER.
    forget_kubeconfig() {
      [ -e "$KUBECONFIG" ] || return 0
      if ! kubeconfig_is_ours "$1"; then
        log "= the kubeconfig $KUBECONFIG stays: it holds contexts besides $1"
      elif [ "$DRY_RUN" = 1 ]; then
        log "plan: delete: the kubeconfig $KUBECONFIG"
      else
        log "+ rm -f -- $KUBECONFIG"
        rm -f -- "$KUBECONFIG"
      fi
    }
    """

    /// Calls `forget_kubeconfig`: the last thing cleanup.sh does, on every way out.
    static let removeCall = Command("forget_kubeconfig", V.aksCluster)

    /// The script with the `kubeconfig_is_ours` function and the check that the file is pgha's own as its first step.
    /// Every script gets both, and `KUBECONFIG` exported before its first step (`setting`, which `ScriptTranslation`
    /// adds per spec), so no kubectl or helm call can miss the file and none writes into someone else's.
    static func applied(to script: Script) -> Script {
        var script = script
        script.functions.append(function)
        script.steps.insert(.check(refuseForeign), at: 0)
        return script
    }
}
