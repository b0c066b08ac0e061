/// Builds `scripts/cleanup.sh`: deletes what deploy.sh created for this spec and no other spec still uses, going by
/// the ownership tags (`AzureOwnership`). It first reads every resource and prints exactly what it will delete and
/// what it keeps (and why), then asks; it deletes the resource group only when pgha created it and nothing else is
/// left in it, and never deletes what pgha did not create.
enum CleanupScriptTranslation {
    private typealias V = ScriptValues

    static let fileName = "cleanup.sh"

    /// The header's purpose line.
    static func purpose(_ spec: Spec) -> String {
        "Deletes what deploy.sh created for \(spec.namespace)/\(spec.name) and no other spec uses; prints the list and asks first."
    }

    /// The script without its purpose, spec file name and variables (`ScriptTranslation` sets them per spec).
    static func script(_ inputs: ScriptInputs) -> Script {
        let steps = ScriptSteps.signIn(inputs) + CLIExtensionSteps.cleanupSteps(inputs) + [
            .heading("What " + AzureOwnership.specID + " owns"),
            .check(plan(inputs)),
            .code(description: "ask for the cluster's name unless --yes", """
            if [ "$ASSUME_YES" != 1 ]; then
              printf 'Type the cluster name (%s) to go on: ' "$CLUSTER_NAME"
              local answer=''
              read -r answer || true
              [ "$answer" = "$CLUSTER_NAME" ] || fail 'not confirmed: nothing was deleted'
            fi
            """),
            .code(description: "delete what the plan above lists, and remove the " + AzureOwnership.memberKey + " tag from what it keeps",
                  delete(inputs)),
            .check("\(Kubeconfig.removeCall)"),
        ]
        return Script(
            fileName: fileName,
            purpose: "",
            specFileName: nil,
            options: [Script.Option(flag: "--yes", variable: "ASSUME_YES", initialValue: "0",
                                    help: "Delete without asking for the cluster's name.")],
            tools: BackupPluginSteps.applies(to: inputs) ? ["az", "kubectl", "helm"] : ["az", "kubectl"],
            variables: [],
            steps: steps,
            functions: [ExistenceCheck.function, Kubeconfig.removal]
        )
    }

    /// The federated credentials named after this spec's Clusters. The name is unique within a fleet (PGHA0702), but a
    /// spec of the same name in another namespace, rendered apart, may hold it on the same identity: `plan` deletes
    /// only a credential whose subject is this spec's Cluster's ServiceAccount.
    private static func credentials(_ inputs: ScriptInputs) -> [ShellWord] {
        guard inputs.backup != nil else { return [] }
        return [V.clusterName] + (inputs.hasRecovery ? [V.recoveryName] : [])
    }

    /// Reads each resource (through `probe`: only "not found" means absent, any other failure stops), sorts it into delete, keep or
    /// absent, and prints the plan. Runs with --dry-run too: it only reads. (The query's `tags || @` keeps `keys`
    /// from failing on a resource without tags: the resource's own keys never start with the member prefix; the list in
    /// a list makes `--output tsv` print one tab-separated line, where a flat list would print a line per value.)
    private static func plan(_ inputs: ScriptInputs) -> ShellCode {
        let query = #"[[id, tags."\#(AzureOwnership.creatorKey)" || 'none', join(' ', keys(tags || @)[?starts_with(@, '\#(AzureOwnership.memberPrefix)')]) || 'none']]"#
        var code: [ShellCode] = ["""
        DELETE_IDS=()
        DELETE_LABELS=()
        KEEP_LABELS=()
        UNTAG_IDS=()
        GROUP_DELETED=0
        AKS_KEPT=0
        AKS_DELETED=0
        PUBLIC_IP_ID=''
        # plan resource|group|cluster-identity|public-ip LABEL COMMAND...: reads the resource's ownership tags and adds
        # it to the plan. It is deleted when pgha created it and no other spec is a member (a group: and it holds
        # nothing else; the AKS cluster's identity: and the cluster goes too), kept otherwise. A public IP lives in the
        # AKS node resource group: when the AKS cluster goes, the IP goes with that group, and is not deleted itself.
        plan() {
          local kind=$1 label=$2 answer id creator members member others='' mine=0
          shift 2
          PLANNED=absent
          if ! probe 0 "$@"; then
            log "= $label does not exist"
            return 0
          fi
          answer="$("$@" --query \(ShellWord(query)) --output tsv)" || fail "$(quote_args "$@") failed"
          IFS=$'\\t' read -r id creator members <<<"$answer"
          for member in $members; do
            if [ "$member" = \(AzureOwnership.memberKey) ]; then
              mine=1
            elif [ "$member" != none ]; then
              others="$others ${member#\(inString: ShellWord(AzureOwnership.memberPrefix))}"
            fi
          done
          PLANNED=keep
          if [ "$creator" = none ]; then
            KEEP_LABELS+=("$label: pgha did not create it")
          elif [ -n "$others" ]; then
            KEEP_LABELS+=("$label: still used by$others")
          elif [ "$kind" = cluster-identity ] && [ "$AKS_KEPT" = 1 ]; then
            KEEP_LABELS+=("$label: the AKS cluster, which stays, runs as it")
          elif [ "$kind" = group ] && ! group_holds_only_planned "$label"; then
            :
          else
            PLANNED=delete
            if [ "$kind" = public-ip ] && [ "$AKS_DELETED" = 1 ]; then
              DELETE_LABELS+=("$label, with the AKS cluster's node resource group")
              return 0
            fi
            if [ "$kind" = public-ip ]; then PUBLIC_IP_ID=$id; fi
            DELETE_IDS+=("$id")
            DELETE_LABELS+=("$label")
            return 0
          fi
          if [ "$mine" = 1 ]; then UNTAG_IDS+=("$id"); fi
        }
        # Whether every resource in the resource group is planned for deletion (IDs compared case-insensitively);
        # when not, keeps LABEL with the resources that would be left.
        group_holds_only_planned() {
          local listed planned resource left=''
          listed="$(\(Command("az", "resource", "list", "--resource-group", V.resourceGroup, "--query", "[].id", "--output", "tsv")))" \\
            || fail 'cannot list the resource group: see the error above'
          planned=" $(printf '%s ' ${DELETE_IDS[@]+"${DELETE_IDS[@]}"} | tr '[:upper:]' '[:lower:]')"
          while IFS= read -r resource; do
            [ -n "$resource" ] || continue
            case "$planned" in
              *" $(printf '%s' "$resource" | tr '[:upper:]' '[:lower:]') "*) ;;
              *) left="$left $resource" ;;
            esac
          done <<<"$listed"
          [ -z "$left" ] && return 0
          KEEP_LABELS+=("$1: it also holds$left")
          return 1
        }

        """]
        let credentialNames = credentials(inputs)
        if !credentialNames.isEmpty { code.append("DELETE_CREDENTIALS=()\n") }
        for name in credentialNames {
            let show = Command("az", "identity", "federated-credential", "show", "--name", name, "--identity-name", V.identityName,
                               "--resource-group", V.resourceGroup, "--query", "subject", "--output", "tsv")
            let subject = ScriptSteps.serviceAccountSubject(name)
            code.append("""
            if probe 0 \(show); then
              if [ "$PROBE_OUTPUT" = \(subject) ]; then
                DELETE_CREDENTIALS+=(\(name))
              else
                KEEP_LABELS+=("federated credential \(inString: name) of managed identity \(inString: V.identityName): it is for ${PROBE_OUTPUT:-an unknown subject}, not for \(inString: subject)")
              fi
            fi

            """)
        }
        for resource in AzureOwnership.resources(inputs) {
            let kind = switch resource.label {
            case AzureOwnership.controlPlaneIdentityLabel: "cluster-identity"
            case AzureOwnership.publicIPLabel: "public-ip"
            default: "resource"
            }
            code.append(ShellCode(stringLiteral: "plan \(kind) "))
            code.append("\(resource.label) \(resource.show)\n")
            if resource.label == AzureOwnership.aksLabel {
                code.append("if [ \"$PLANNED\" = keep ]; then AKS_KEPT=1; elif [ \"$PLANNED\" = delete ]; then AKS_DELETED=1; fi\n")
            }
        }
        let group = AzureOwnership.resourceGroup
        let noCredentials = credentialNames.isEmpty ? "" : #"[ "${#DELETE_CREDENTIALS[@]}" = 0 ] && "#
        code.append("""
        plan group \(group.label) \(group.show)
        if [ "$PLANNED" = delete ]; then GROUP_DELETED=1; fi

        """)
        code.append(ShellCode(stringLiteral: #"if [ "${#DELETE_IDS[@]}" = 0 ] && "# + noCredentials
                              + #"[ "${#UNTAG_IDS[@]}" = 0 ] && [ "$AKS_KEPT" = 0 ]; then"# + "\n"))
        code.append("""
          log "nothing of \(inString: AzureOwnership.specID) is left to delete"
          \(Kubeconfig.removeCall)
          return 0
        fi
        log ''
        log "cleanup.sh deletes, for \(inString: AzureOwnership.specID):"
        local item

        """)
        if !credentialNames.isEmpty {
            code.append("""
            for item in ${DELETE_CREDENTIALS[@]+"${DELETE_CREDENTIALS[@]}"}; do
              log "  - federated credential $item of managed identity \(inString: V.identityName)"
            done

            """)
        }
        code.append("""
        if [ "$AKS_KEPT" = 1 ]; then
          log "  - its Kubernetes objects on AKS cluster \(inString: V.aksCluster): \(inString: kubernetesObjects(inputs))"

        """)
        if BackupPluginSteps.applies(to: inputs) {
            code.append("  log \"  - \(inString: BackupPluginSteps.uninstallPlan)\"\n")
        }
        code.append("""
        fi
        for item in ${DELETE_LABELS[@]+"${DELETE_LABELS[@]}"}; do
          log "  - $item"
        done
        if [ "${#KEEP_LABELS[@]}" -gt 0 ]; then
          log "and keeps, removing its tag \(inString: AzureOwnership.memberKey) where it has one:"
          for item in "${KEEP_LABELS[@]}"; do
            log "  - $item"
          done
        fi
        """)
        return joined(code)
    }

    /// What `kubectl delete` removes from an AKS cluster that stays (another spec, or someone else, still uses it).
    private static func kubernetesObjects(_ inputs: ScriptInputs) -> ShellWord {
        var objects: ShellWord = "the manifests in " + V.outDir
        if inputs.hasRecovery && inputs.backup != nil {
            objects = objects + ", the recovery cluster " + V.recoveryName + " if a restore drill created it (a Cluster of that name without the annotation "
                + ShellWord(Labels.restoreDrill) + " stays)"
        }
        if inputs.backup?.onDemand == true { objects = objects + ", the Backup " + V.onDemandBackup }
        return objects + ", the Secret " + V.appSecret
    }

    /// Deletes in the plan's order: the whole resource group when it goes (it holds only planned resources),
    /// otherwise the federated credentials, the Kubernetes objects on a kept AKS cluster (then the Barman Cloud Plugin
    /// and cert-manager, unless still used), then each resource, the public IP once AKS has detached it from the
    /// LoadBalancer Services just deleted. Removes this spec's member tag from what stays first.
    private static func delete(_ inputs: ScriptInputs) -> ShellCode {
        let deleteCredential = Command("az", "identity", "federated-credential", "delete", "--name", .variable("item"),
                                       "--identity-name", V.identityName, "--resource-group", V.resourceGroup, "--yes")
        var kubernetes: [ShellCode] = ["act \(ScriptSteps.kubectl(["delete", "--kustomize", V.outDir, "--ignore-not-found"], namespaced: false))"]
        if inputs.hasRecovery && inputs.backup != nil { kubernetes.append(drillRecoveryDeletion) }
        if inputs.backup?.onDemand == true {
            kubernetes.append("act \(ScriptSteps.kubectl(["delete", "backups.postgresql.cnpg.io/" + V.onDemandBackup, "--ignore-not-found"]))")
        }
        kubernetes.append("act \(ScriptSteps.kubectl(["delete", "secret", V.appSecret, "--ignore-not-found"]))")
        var code: [ShellCode] = ["""
        # Prints a command, then runs it (this code does not run with --dry-run).
        act() {
          log "+ $(quote_args "$@")"
          "$@"
        }
        # Waits until the public IP ID is attached to nothing: Azure refuses to delete an IP a load balancer still
        # uses (PublicIPAddressInUse), and the AKS cluster detaches it only after the LoadBalancer Services are gone.
        wait_until_detached() {
          local attached attempt=0
          while :; do
            attached="$(\(Command("az", "resource", "show", "--ids", .variable("1"), "--query", "properties.ipConfiguration.id", "--output", "tsv")))" \\
              || fail "cannot read the public IP $1: see the error above, then run cleanup.sh again"
            [ -n "$attached" ] || return 0
            [ "$attempt" -lt 60 ] || fail "the public IP $1 is still attached to $attached after 10 minutes: delete the LoadBalancer Services that use it (kubectl get services --all-namespaces), then run cleanup.sh again"
            log "= the public IP is still attached to $attached: waiting for AKS to release it"
            attempt=$((attempt + 1))
            sleep 10
          done
        }
        local item
        for item in ${UNTAG_IDS[@]+"${UNTAG_IDS[@]}"}; do
          act \(Command("az", "tag", "update", "--resource-id", .variable("item"), "--operation", "delete", "--tags", AzureOwnership.memberTag, "--output", "none"))
        done
        if [ "$GROUP_DELETED" = 1 ]; then
          act \(Command("az", "group", "delete", "--name", V.resourceGroup, "--yes", "--no-wait"))
          log "deletion started; follow it with: az group wait --deleted --name $RESOURCE_GROUP"
          \(Kubeconfig.removeCall)
          return 0
        fi

        """]
        if !credentials(inputs).isEmpty {
            code.append("""
            for item in ${DELETE_CREDENTIALS[@]+"${DELETE_CREDENTIALS[@]}"}; do
              act \(deleteCredential)
            done

            """)
        }
        code.append("""
        if [ "$AKS_KEPT" = 1 ]; then
          act \(Kubeconfig.getCredentials)

        """)
        code += kubernetes.flatMap { [indented($0), "\n"] }
        if let uninstall = BackupPluginSteps.uninstall(inputs) { code += [indented(uninstall), "\n"] }
        code.append("fi\n")
        code.append("""
        for item in ${DELETE_IDS[@]+"${DELETE_IDS[@]}"}; do
          if [ "$item" = "$PUBLIC_IP_ID" ]; then
            wait_until_detached "$item"
          fi
          act \(Command("az", "resource", "delete", "--ids", .variable("item")))
        done
        """)
        return joined(code)
    }

    /// Deletes the recovery Cluster only when a restore drill created it (`Labels.restoreDrill`); one without the
    /// annotation may be a real recovery that applications use, and stays.
    private static let drillRecoveryDeletion: ShellCode = """
    if probe 1 \(DrillScriptTranslation.recoveryDrillMark); then
      if [ -n "$PROBE_OUTPUT" ]; then
        act \(ScriptSteps.kubectl(["delete", ScriptSteps.cluster(V.recoveryName), "--ignore-not-found"]))
      else
        log "= the Cluster \(inString: V.recoveryName) stays: it has no annotation \(inString: ShellWord(Labels.restoreDrill)), so no restore drill created it (a real recovery?); delete it by hand once it is no longer needed: \(inString: DrillScriptTranslation.manualDeletion(kubeconfig: false))"
      fi
    fi
    """

    /// `code` indented by two spaces, as a block inside an `if`.
    private static func indented(_ code: ShellCode) -> ShellCode {
        var segments = code.segments
        segments.insert(.code("  "), at: 0)
        for (index, segment) in segments.enumerated() {
            if case .code(let text) = segment { segments[index] = .code(text.replacingEvery("\n", with: "\n  ")) }
        }
        return ShellCode(segments: segments)
    }

    private static func joined(_ parts: [ShellCode]) -> ShellCode {
        ShellCode(segments: parts.flatMap(\.segments))
    }
}
