/// Builds `scripts/deploy.sh`: the guide's infrastructure and deployment articles, in their order, from the spec.
enum DeployScriptTranslation {
    private typealias V = ScriptValues

    static let fileName = "deploy.sh"

    /// The header's purpose line.
    static func purpose(_ spec: Spec) -> String {
        "Creates the Azure infrastructure of the PostgreSQL cluster \(spec.name) and deploys it on AKS."
    }

    /// The script without its purpose, spec file name and variables (`ScriptTranslation` sets them per spec).
    static func script(_ inputs: ScriptInputs) -> Script {
        // Without the identity's client ID the manifests cannot carry it: deploy.sh renders the spec again with the
        // identity it created, or, for a fleet member, whose folder only a render of the whole fleet writes, stops.
        let needsClientID = !inputs.hasIdentityClientID && inputs.backup != nil
        let rendersAgain = needsClientID && !inputs.fleetMember
        var steps = ScriptSteps.signIn(inputs)
        if rendersAgain { steps.append(findSpec(knowingItsFile: inputs.knowsSpecFile)) }
        steps += kubernetesVersionOffered(inputs) + regionZones(inputs) + globallyUniqueNames(inputs) + CLIExtensionSteps.steps(inputs)
        steps += resourceGroup(inputs) + identities(inputs, needsClientID: needsClientID, rendersAgain: rendersAgain)
        if inputs.backup != nil { steps += storage(inputs) }
        if inputs.managedPrometheus { steps += managedMonitoring(inputs) + DashboardSteps.grafanaAccess(inputs) }
        steps += aks(inputs) + ContainerStorageSteps.steps(inputs) + namespaces(inputs)
        if inputs.managedPrometheus { steps += containerInsights }
        if inputs.exposed { steps += publicIP(inputs) }
        steps += AzureOwnership.join(inputs)
        steps += helmVersion + cloudNativePG(inputs) + BackupPluginSteps.install(inputs)
        if inputs.prometheus, let values = OperatorChart.kubePrometheusStackValuesURL(for: inputs.operatorVersion) {
            steps += kubePrometheusStack(values: values)
        }
        steps += appSecret + RoleSecretSteps.steps(inputs)
        if inputs.backup != nil { steps += ScriptSteps.federatedCredential(for: V.clusterName) }
        steps += apply
        if inputs.managedPrometheus && inputs.alerts { steps += AzureAlertRuleSteps.steps(inputs) }
        steps += DashboardSteps.steps(inputs)
        steps += summary(inputs)

        var tools: [ShellWord] = ["az", "kubectl", "helm", "openssl"]
        var options: [Script.Option] = []
        var environment: [Script.Setting] = []
        if rendersAgain {
            tools.append(V.pgha)
            options.append(Script.Option(
                flag: "--spec", argument: "FILE", variable: "SPEC_PATH", initialValue: "\"${PGHA_SPEC:-}\"",
                help: "The spec to render again with the identity's client ID (default: $PGHA_SPEC, else the spec's file name in the current directory or beside the output directory)."
            ))
            environment.append(Script.Setting("PGHA", default: "pgha", help: "The pgha binary (default: pgha on PATH)."))
        }
        return Script(
            fileName: fileName,
            purpose: "",
            specFileName: nil,
            options: options,
            environment: environment,
            tools: tools,
            variables: [],
            steps: steps,
            failureNote: "deploy.sh stopped before the end. Fix the cause and run it again: it skips what already exists.",
            functions: DashboardSteps.grafanaAccess(inputs).isEmpty ? [] : [DashboardSteps.signedInObjectIDFunction]
        )
    }

    /// Stops before the first Helm release with a Helm older than 3.13, which has no `--labels`: deploy.sh labels the
    /// releases it installs, and stopped at Helm's own "unknown flag: --labels", with nothing naming the version.
    static let helmVersion: [Step] = [
        .heading("Helm"),
        .capture(variable: "HELM_VERSION", Command("helm", "version", "--template", "{{.Version}}")),
        .check("""
        case "$HELM_VERSION" in
          v2.* | v3.[0-9].* | v3.1[0-2].*)
            fail "Helm $HELM_VERSION cannot label the releases deploy.sh installs (helm --labels): install Helm 3.13 or later, then run deploy.sh again" ;;
        esac
        """),
    ]

    /// Finds the spec to render again before anything is created, so a missing file fails early. A file found by
    /// name (not named by `--spec` or `PGHA_SPEC`) must be the very spec the script was rendered from, byte for byte
    /// (its SHA-256): another team's `pg.yaml` in the working directory, or this spec changed since, is refused.
    private static func findSpec(knowingItsFile knowsSpecFile: Bool) -> Step {
        let missing: ShellCode = """
        if [ -z "$SPEC_PATH" ] || [ ! -f "$SPEC_PATH" ]; then
          fail "cannot find the spec to render again with the identity's client ID: pass --spec FILE or set PGHA_SPEC"
        fi
        """
        guard knowsSpecFile else { return .check(missing) }
        let besideOutput = V.outDir + "/../" + V.specFile
        let candidates: ShellCode = """
        if [ -z "$SPEC_PATH" ]; then
          if [ -f \(V.specFile) ]; then
            SPEC_PATH=\(V.specFile)
          elif [ -f \(besideOutput) ]; then
            SPEC_PATH=\(besideOutput)
          fi
          if [ -n "$SPEC_PATH" ]; then
            local found_digest
            found_digest="$(sha256sum <"$SPEC_PATH" 2>/dev/null || shasum -a 256 <"$SPEC_PATH")"
            if [ "${found_digest%% *}" != \(V.specDigest) ]; then
              fail "$SPEC_PATH is not the spec this script was rendered from (its SHA-256 differs): another cluster's spec, or this one changed since. Render it again and run the new deploy.sh, or pass --spec $SPEC_PATH to use it as it is"
            fi
          fi
        fi

        """
        return .check(ShellCode(segments: candidates.segments + missing.segments))
    }

    /// Unless the AKS cluster exists, stops before anything is created when AKS does not create the spec's Kubernetes
    /// version in the location (a version past its end of life, say), listing the versions it does. The question is
    /// asked at run time, so the rendered script does not depend on the date.
    private static func kubernetesVersionOffered(_ inputs: ScriptInputs) -> [Step] {
        let isPatch = inputs.kubernetesPatchVersion
        let creatable = "values[?!isPreview && contains(capabilities.supportPlan, 'KubernetesOfficial')]"
        let query: ShellWord = isPatch ? ShellWord(creatable + ".keys(patchVersions)[]") : ShellWord(creatable + ".version")
        return [
            .heading("Kubernetes " + V.kubernetesVersion + " in " + V.location),
            .unlessExists(
                .succeeds(Command("az", "aks", "show", "--name", V.aksCluster, "--resource-group", V.resourceGroup)),
                exists: "AKS cluster " + V.aksCluster + " exists: its Kubernetes version stays as it is",
                [
                    .capture(variable: V.offeredVersions, Command("az", "aks", "get-versions", "--location", V.location,
                                                                  "--query", query, "--output", "tsv")),
                    .check("""
                    if [ "$DRY_RUN" = 0 ] && ! grep -Fqx -- \(V.kubernetesVersion) <<<"$OFFERED_VERSIONS"; then
                      fail "AKS does not create Kubernetes \(inString: V.kubernetesVersion) in \(inString: V.location); it offers ${OFFERED_VERSIONS//$'\\n'/, }. Set azure.kubernetesVersion to one of them that CloudNativePG supports and render again"
                    fi
                    """),
                ]
            ),
        ]
    }

    /// Reads at run time how many availability zones the location has for this subscription (`az account
    /// list-locations` lists their mappings; about a third of Azure's regions have none). A spec spread over zones
    /// stops before anything is created where there are none (AKS would refuse the zones after the resource group,
    /// identities and storage were made), and the backups' storage account is zone-redundant (ZRS) only where
    /// there are zones, locally redundant (LRS, all Azure offers) where not.
    private static func regionZones(_ inputs: ScriptInputs) -> [Step] {
        guard inputs.zoned || inputs.backup != nil else { return [] }
        var steps: [Step] = [
            .heading("Availability zones in " + V.location),
            .capture(variable: V.regionZones, Command("az", "account", "list-locations",
                                                      "--query", "length([?name=='" + V.location + "'].availabilityZoneMappings[])",
                                                      "--output", "tsv")),
        ]
        if inputs.zoned {
            let stop = ScriptSteps.stop(
                "\(inString: V.location) has no availability zones (az account list-locations lists none for this subscription), but the spec spreads the cluster over zones \(inString: V.zones): set zones: [] in the spec (and remove storage.premiumV2, which needs zones) and render again, or choose a region with zones",
                plan: ": \(inString: V.location) has no availability zones, but the spec spreads the cluster over zones \(inString: V.zones)",
                indent: "  ")
            steps.append(.check(ShellCode(segments: [.code("if [ \"$REGION_ZONES\" = 0 ]; then\n")] + stop.segments + [.code("\nfi")])))
        }
        if inputs.backup != nil {
            steps.append(.check("""
            if [ "$REGION_ZONES" != 0 ]; then
              STORAGE_SKU=Standard_ZRS
            else
              STORAGE_SKU=Standard_LRS
            fi
            """))
        }
        return steps
    }

    /// Stops before anything is created when a name that must be unique in all of Azure (the storage account) or in
    /// the region (the public IP's and the poolers' LoadBalancer DNS labels) is taken by someone else; skipped once this
    /// deployment holds the name.
    private static func globallyUniqueNames(_ inputs: ScriptInputs) -> [Step] {
        var steps: [Step] = []
        if inputs.backup != nil {
            steps += [
                .heading("Storage account name " + V.storageAccount),
                .unlessExists(
                    .succeeds(Command("az", "storage", "account", "show", "--name", V.storageAccount, "--resource-group", V.resourceGroup)),
                    exists: "storage account " + V.storageAccount + " exists in " + V.resourceGroup,
                    [
                        .capture(variable: V.nameAvailable, Command("az", "storage", "account", "check-name", "--name", V.storageAccount,
                                                                    "--query", "nameAvailable", "--output", "tsv")),
                        .check("""
                        if [ "$DRY_RUN" = 0 ] && [ "$NAME_AVAILABLE" != true ]; then
                          fail "the storage account name \(inString: V.storageAccount) is taken in Azure (storage account names are global): set backup.storageAccount to another name and render again"
                        fi
                        """),
                    ]
                ),
            ]
        }
        if inputs.exposed {
            steps += dnsLabel(V.dnsLabel, field: "expose.dnsLabel",
                              heldBy: .succeeds(Command("az", "network", "public-ip", "show", "--name", V.publicIP,
                                                        "--resource-group", V.nodeResourceGroup)),
                              exists: "public IP " + V.publicIP + " exists")
        }
        if let pooler = inputs.pooler, let label = pooler.dnsLabel {
            for type in pooler.types {
                let name = ShellWord(PoolerTranslation.dnsLabel(label, type: type))
                let query = ShellWord("[?dnsSettings.domainNameLabel=='") + name + "'].id"
                steps += dnsLabel(name, field: "pooler.expose.dnsLabel",
                                  heldBy: .printsSomething(Command("az", "network", "public-ip", "list", "--resource-group", V.nodeResourceGroup,
                                                                   "--query", query, "--output", "tsv")),
                                  exists: "a public IP of " + V.nodeResourceGroup + " has the DNS label " + name)
            }
        }
        return steps
    }

    /// The host name Azure gives a public IP with the DNS label `label` in the spec's location.
    private static func publicHost(_ label: ShellWord) -> ShellWord {
        label + "." + V.location + ".cloudapp.azure.com"
    }

    /// Stops when `label` is taken in the region, unless `heldBy` finds that this deployment holds it (`exists`).
    private static func dnsLabel(_ label: ShellWord, field: String, heldBy: Probe, exists: ShellWord) -> [Step] {
        let url: ShellWord = "/subscriptions/{subscriptionId}/providers/Microsoft.Network/locations/" + V.location
            + "/CheckDnsNameAvailability?domainNameLabel=" + label + "&api-version=2024-05-01"
        return [
            .heading("DNS label " + label),
            .unlessExists(heldBy, exists: exists, [
                .capture(variable: V.nameAvailable, Command("az", "rest", "--method", "get", "--url", url,
                                                            "--query", "available", "--output", "tsv")),
                .check("""
                if [ "$DRY_RUN" = 0 ] && [ "$NAME_AVAILABLE" != true ]; then
                  fail "the DNS label \(inString: label) is taken in \(inString: V.location) (\(inString: label).\(inString: V.location).cloudapp.azure.com): set \(inString: ShellWord(field)) to another label and render again"
                fi
                """),
            ]),
        ]
    }

    private static func resourceGroup(_ inputs: ScriptInputs) -> [Step] {
        [
            .heading("Resource group " + V.resourceGroup),
            .unlessExists(
                .succeeds(Command("az", "group", "show", "--name", V.resourceGroup)),
                exists: "resource group " + V.resourceGroup + " exists",
                [.run(Command(["az", "group", "create", "--name", V.resourceGroup, "--location", V.location]
                              + ScriptSteps.tags(inputs) + ["--output", "none"]))]
            ),
        ]
    }

    /// The managed identities: the AKS cluster's own (control plane), and with backups the workload identity the
    /// instances use (unless the spec names one identity for both, PGHA0441).
    private static func identities(_ inputs: ScriptInputs, needsClientID: Bool, rendersAgain: Bool) -> [Step] {
        func create(_ name: ShellWord, _ purpose: ShellWord) -> [Step] {
            [
                .heading("Managed identity " + name + " (" + purpose + ")"),
                .unlessExists(
                    .succeeds(Command("az", "identity", "show", "--name", name, "--resource-group", V.resourceGroup)),
                    exists: "managed identity " + name + " exists",
                    [.run(Command(["az", "identity", "create", "--name", name, "--resource-group", V.resourceGroup,
                                   "--location", V.location] + ScriptSteps.tags(inputs, shorthand: true) + ["--output", "none"]))]
                ),
            ]
        }
        let shared = inputs.sharesIdentity
        var steps = create(V.controlPlaneIdentityName, shared ? "the AKS cluster and the database" : "the AKS cluster")
        if inputs.exposed {
            steps.append(.capture(variable: V.controlPlanePrincipalID, ScriptSteps.identity("principalId", name: V.controlPlaneIdentityName)))
        }
        steps.append(.capture(variable: V.controlPlaneIdentityID, ScriptSteps.identity("id", name: V.controlPlaneIdentityName)))
        guard inputs.backup != nil else { return steps }
        if !shared { steps += create(V.identityName, "the database's workload identity") }
        if inputs.hasIdentityClientID || needsClientID {
            steps.append(.capture(variable: V.clientID, ScriptSteps.identity("clientId")))
        }
        steps.append(.capture(variable: V.principalID, ScriptSteps.identity("principalId")))
        if inputs.hasIdentityClientID {
            steps.append(.check("""
            if [ "$DRY_RUN" = 0 ] && [ "$CLIENT_ID" != \(V.identityClientID) ]; then
              fail "azure.identity.clientID is \(inString: V.identityClientID) but \(inString: V.identityName) has client ID $CLIENT_ID: correct the spec and render again"
            fi
            """))
        } else if rendersAgain {
            steps += [
                .heading("Manifests with the identity's client ID"),
                .run(Command(V.pgha, "render", V.specPath, "--output", V.outDir, "--identity-client-id", .variable(V.clientID))),
                .note("rendered " + V.outDir + " again; add clientID: " + .variable(V.clientID)
                      + " under azure.identity in the spec so later renders keep it"),
            ]
        } else if needsClientID {
            let spec: ShellWord = inputs.knowsSpecFile ? "the spec " + V.specFile : "this cluster's spec"
            steps += [
                .heading("The identity's client ID"),
                .check(ScriptSteps.stop(
                    "this fleet's manifests need the client ID of \(inString: V.identityName): add clientID: $CLIENT_ID under azure.identity in \(inString: spec), render the fleet again and run its new deploy.sh (it skips what already exists)",
                    plan: " until azure.identity.clientID in \(inString: spec) names the client ID of \(inString: V.identityName)")),
            ]
        }
        return steps
    }

    private static func storage(_ inputs: ScriptInputs) -> [Step] {
        let account: [ShellWord] = ["--name", V.storageAccount, "--resource-group", V.resourceGroup]
        return [
            .heading("Storage account " + V.storageAccount + " for backups"),
            .unlessExists(
                .succeeds(Command(["az", "storage", "account", "show"] + account)),
                exists: "storage account " + V.storageAccount + " exists",
                [.run(Command(["az", "storage", "account", "create"] + account
                              + ["--location", V.location, "--sku", .variable(V.storageSKU), "--kind", "StorageV2",
                                 "--min-tls-version", "TLS1_2", "--allow-blob-public-access", "false"]
                              + ScriptSteps.tags(inputs) + ["--output", "none"]))]
            ),
            .unlessExists(
                .succeeds(Command("az", "storage", "container-rm", "show", "--name", V.backupContainer,
                                  "--storage-account", V.storageAccount, "--resource-group", V.resourceGroup)),
                exists: "blob container " + V.backupContainer + " exists",
                [.run(Command("az", "storage", "container-rm", "create", "--name", V.backupContainer,
                              "--storage-account", V.storageAccount, "--resource-group", V.resourceGroup, "--output", "none"))]
            ),
            .capture(variable: V.storageAccountID, Command(["az", "storage", "account", "show"] + account + ["--query", "id", "--output", "tsv"])),
        ] + roleAssignment("Storage Blob Data Contributor", to: V.principalID, scope: V.storageAccountID)
    }

    /// Grants the identity whose principal ID is in the variable `principal` `role` on the resource whose ID is in the
    /// variable `scope`, unless it has it.
    private static func roleAssignment(_ role: ShellWord, to principal: String, scope: String) -> [Step] {
        let assignment: [ShellWord] = ["--assignee-object-id", .variable(principal), "--role", role, "--scope", .variable(scope)]
        return [
            .unlessExists(
                .printsSomething(Command(["az", "role", "assignment", "list"] + assignment + ["--query", "[].id", "--output", "tsv"])),
                exists: "role " + role + " is assigned",
                [.run(Command(["az", "role", "assignment", "create"] + assignment.prefix(2)
                              + ["--assignee-principal-type", "ServicePrincipal"] + assignment.dropFirst(2) + ["--output", "none"]))]
            ),
        ]
    }

    private static func managedMonitoring(_ inputs: ScriptInputs) -> [Step] {
        let grafana: [ShellWord] = ["--name", V.grafana, "--resource-group", V.resourceGroup]
        let monitor: [ShellWord] = ["--name", V.monitorWorkspace, "--resource-group", V.resourceGroup]
        let logs: [ShellWord] = ["--workspace-name", V.logAnalyticsWorkspace, "--resource-group", V.resourceGroup]
        let zoneRedundancy: [ShellWord] = inputs.zoneRedundant ? ["--zone-redundancy", "Enabled"] : []
        let located: [ShellWord] = ["--location", V.location] + ScriptSteps.tags(inputs) + ["--output", "none"]
        let locatedAAZ: [ShellWord] = ["--location", V.location] + ScriptSteps.tags(inputs, shorthand: true) + ["--output", "none"]
        let id: [ShellWord] = ["--query", "id", "--output", "tsv"]
        return [
            .heading("Azure Managed Grafana, Azure Monitor workspace and Log Analytics workspace"),
            .unlessExists(.succeeds(Command(["az", "grafana", "show"] + grafana)),
                          exists: "Managed Grafana " + V.grafana + " exists",
                          [.run(Command(["az", "grafana", "create"] + grafana + zoneRedundancy + located))]),
            .capture(variable: V.grafanaID, Command(["az", "grafana", "show"] + grafana + id)),
            .unlessExists(.succeeds(Command(["az", "monitor", "account", "show"] + monitor)),
                          exists: "Azure Monitor workspace " + V.monitorWorkspace + " exists",
                          [.run(Command(["az", "monitor", "account", "create"] + monitor + locatedAAZ))]),
            .capture(variable: V.monitorWorkspaceID, Command(["az", "monitor", "account", "show"] + monitor + id)),
            .unlessExists(.succeeds(Command(["az", "monitor", "log-analytics", "workspace", "show"] + logs)),
                          exists: "Log Analytics workspace " + V.logAnalyticsWorkspace + " exists",
                          [.run(Command(["az", "monitor", "log-analytics", "workspace", "create"] + logs + locatedAAZ))]),
            .capture(variable: V.logAnalyticsID, Command(["az", "monitor", "log-analytics", "workspace", "show"] + logs + id)),
        ]
    }

    private static func aks(_ inputs: ScriptInputs) -> [Step] {
        let cluster: [ShellWord] = ["--name", V.aksCluster, "--resource-group", V.resourceGroup]
        let zones: [ShellWord] = inputs.zoned ? ["--zones", V.zones] : []
        var create: [ShellWord] = ["az", "aks", "create"] + cluster + [
            "--location", V.location, "--tier", V.aksTier, "--kubernetes-version", V.kubernetesVersion,
            "--node-resource-group", V.nodeResourceGroup,
            "--enable-managed-identity", "--assign-identity", .variable(V.controlPlaneIdentityID),
            "--network-plugin", "azure", "--network-plugin-mode", "overlay", "--network-dataplane", "cilium",
            "--nodepool-name", V.systemPool, "--node-vm-size", V.systemPoolVMSize, "--node-count", V.systemPoolMinCount,
            "--enable-cluster-autoscaler", "--min-count", V.systemPoolMinCount, "--max-count", V.systemPoolMaxCount,
        ] + zones + ["--enable-oidc-issuer", "--enable-workload-identity", "--no-ssh-key"]
        if inputs.managedPrometheus {
            create += ["--enable-azure-monitor-metrics", "--azure-monitor-workspace-resource-id", .variable(V.monitorWorkspaceID),
                       "--grafana-resource-id", .variable(V.grafanaID)]
        }
        if inputs.restrictsAPIServer { create += ["--api-server-authorized-ip-ranges", V.authorizedIPRanges] }
        create += ScriptSteps.tags(inputs) + ["--output", "none"]

        let pool: [ShellWord] = ["--cluster-name", V.aksCluster, "--name", V.nodePool, "--resource-group", V.resourceGroup]
        var addPool: [ShellWord] = ["az", "aks", "nodepool", "add"] + pool + [
            "--node-vm-size", V.nodePoolVMSize, "--node-count", V.nodePoolMinCount,
            "--enable-cluster-autoscaler", "--min-count", V.nodePoolMinCount, "--max-count", V.nodePoolMaxCount,
        ] + zones
        if inputs.labelsNodes { addPool += ["--labels", V.nodeLabels] }
        if !inputs.nodeTaints.isEmpty { addPool += ["--node-taints", V.nodeTaints] }
        addPool += ScriptSteps.tags(inputs) + ["--output", "none"]

        // A found cluster may be one whose create was interrupted: wait for it, then finish what create would have.
        var found: [Step] = [.note("= AKS cluster " + V.aksCluster + " exists"),
                             .check(runsAsControlPlaneIdentity(cluster, exposed: inputs.exposed)), .check(waitForCluster(cluster))]
        if inputs.managedPrometheus { found.append(azureMonitorMetrics(cluster)) }
        return [
            .heading("AKS cluster " + V.aksCluster),
            .when(.succeeds(Command(["az", "aks", "show"] + cluster)),
                  then: found,
                  otherwise: [.run(Command(create)), .check(waitForCluster(cluster))]),
            .heading("PostgreSQL node pool " + V.nodePool),
            .when(.succeeds(Command(["az", "aks", "nodepool", "show"] + pool)),
                  then: [.note("= node pool " + V.nodePool + " exists"), .check(waitForNodePool(pool))] + poolTaints(inputs, pool),
                  otherwise: [.run(Command(addPool)), .check(waitForNodePool(pool))]),
        ] + ScriptSteps.credentials
    }

    /// An AKS cluster created before pgha gave it an identity of its own (by an earlier pgha, or by hand) still runs
    /// as its old identity, and the Network Contributor role deploy.sh grants the control-plane identity does not
    /// reach it: warns, saying how to converge, and goes on (the cluster keeps the rights its old identity has). The
    /// query prints the user-assigned identities' resource IDs, or the identity type (`SystemAssigned`) without them.
    private static func runsAsControlPlaneIdentity(_ cluster: [ShellWord], exposed: Bool) -> ShellCode {
        let consequence: ShellWord = exposed
            ? ", so the Network Contributor role deploy.sh grants " + V.controlPlaneIdentityName + " (for the public IP) does not reach it"
            : ""
        let identities = Command(["az", "aks", "show"] + cluster
                                 + ["--query", "identity.userAssignedIdentities && join(' ', keys(identity.userAssignedIdentities)) || identity.type", "--output", "tsv"])
        return """
        if [ "$DRY_RUN" = 0 ]; then
          local identities
          identities="$(\(identities))" || fail "cannot read the identity of AKS cluster \(inString: V.aksCluster): see the error above"
          case " $(printf '%s' "$identities" | tr '[:upper:]' '[:lower:]') " in
            *" $(printf '%s' "$CONTROL_PLANE_IDENTITY_ID" | tr '[:upper:]' '[:lower:]') "*) ;;
            *) printf 'warning: %s\\n' "AKS cluster \(inString: V.aksCluster) runs as ${identities:-a service principal} (its identity), not as \(inString: V.controlPlaneIdentityName)\(inString: consequence). Set azure.controlPlaneIdentity.name to the identity the cluster runs as and render again, or move the cluster to \(inString: V.controlPlaneIdentityName) with az aks update --name \(inString: V.aksCluster) --resource-group \(inString: V.resourceGroup) --assign-identity $CONTROL_PLANE_IDENTITY_ID (it asks for confirmation)" >&2 ;;
          esac
        fi
        """
    }

    /// Enables Azure Monitor metrics (managed Prometheus, linked to the workspace and Grafana) on a found cluster unless
    /// they are on. `az aks create --enable-azure-monitor-metrics` enables them only after its first long-running PUT
    /// (azure-cli then creates the data collection endpoint, rule and association, links Grafana and PUTs again), so a
    /// create that was interrupted leaves a cluster without them, and without the PodMonitor kind the manifests use;
    /// so does a cluster pgha did not create.
    private static func azureMonitorMetrics(_ cluster: [ShellWord]) -> Step {
        .unlessExists(
            .prints(Command(["az", "aks", "show"] + cluster + ["--query", "azureMonitorProfile.metrics.enabled", "--output", "tsv"]), "true"),
            exists: "Azure Monitor metrics (managed Prometheus) are enabled",
            [.run(Command(["az", "aks", "update"] + cluster + [
                "--enable-azure-monitor-metrics", "--azure-monitor-workspace-resource-id", .variable(V.monitorWorkspaceID),
                "--grafana-resource-id", .variable(V.grafanaID), "--output", "none",
            ]))]
        )
    }

    /// Waits until the AKS cluster is created.
    private static func waitForCluster(_ cluster: [ShellWord]) -> ShellCode {
        waitUntilCreated("AKS cluster " + V.aksCluster, ["az", "aks"], cluster, makes: "creates")
    }

    /// Waits until the PostgreSQL node pool is created: a found pool may be one whose `az aks nodepool add` was
    /// interrupted, and until it is created AKS refuses every other write to the cluster (OperationNotAllowed).
    private static func waitForNodePool(_ pool: [ShellWord]) -> ShellCode {
        waitUntilCreated("node pool " + V.nodePool + " of AKS cluster " + V.aksCluster, ["az", "aks", "nodepool"], pool, makes: "adds")
    }

    /// `<group> wait <target> --created` (`run`: with --dry-run, planned), where `group` is the az command group of
    /// `label` (`az aks`, `az aks nodepool`) and `target` the arguments naming it. When it cannot be created (its
    /// provisioning failed), stops with its provisioning state and what to do: reconcile it with `<group> update`, or
    /// delete it so that deploy.sh `makes` it again.
    private static func waitUntilCreated(_ label: ShellWord, _ group: [ShellWord], _ target: [ShellWord], makes: ShellWord) -> ShellCode {
        let state = Command(group + ["show"] + target + ["--query", "provisioningState", "--output", "tsv"])
        func command(_ verb: ShellWord) -> ShellWord {
            (group + [verb] + target).dropFirst().reduce(group[0]) { $0 + " " + $1 }
        }
        return """
        if ! run \(Command(group + ["wait"] + target + ["--created"])); then
          local state
          state="$(\(state))" || state=unknown
          fail "\(inString: label) is not running (provisioningState: $state): reconcile it with \(inString: command("update")), or delete it with \(inString: command("delete")) so that deploy.sh \(inString: makes) it again; then run deploy.sh again"
        fi
        """
    }

    /// An existing pool keeps the taints it was created with, so a taint added to the spec later would never reach
    /// its nodes (and pods without the toleration would land there): compares the pool's taints, as a set, with the
    /// spec's and replaces them when they differ (`--node-taints ''` removes them all).
    private static func poolTaints(_ inputs: ScriptInputs, _ pool: [ShellWord]) -> [Step] {
        let taints = inputs.nodeTaints
        let current = Command(["az", "aks", "nodepool", "show"] + pool
                              + ["--query", "join(',', sort([nodeTaints][]))", "--output", "tsv"])
        return [
            .when(.prints(current, ShellWord(taints.sorted().joined(separator: ","))),
                  then: [.note("= node pool " + V.nodePool + " has the spec's taints")],
                  otherwise: [.run(Command(["az", "aks", "nodepool", "update"] + pool
                                           + ["--node-taints", V.nodeTaints, "--output", "none"]))]),
        ]
    }

    private static func namespaces(_ inputs: ScriptInputs) -> [Step] {
        var names = [V.namespace]
        if inputs.separateOperatorNamespace { names.append(V.operatorNamespace) }
        return [.heading("Namespaces")] + names.map { name in
            .unlessExists(.succeeds(ScriptSteps.kubectl(["get", "namespace", name], namespaced: false)),
                          exists: "namespace " + name + " exists",
                          [.run(ScriptSteps.kubectl(["create", "namespace", name], namespaced: false))])
        }
    }

    /// Enables Container insights unless it is on, either way Azure turns it on: the monitoring add-on
    /// (`addonProfiles.omsagent`, which the API may spell `omsAgent`) or the Azure Monitor profile
    /// (`azureMonitorProfile.containerInsights`, set by `az aks create/update --enable-azure-monitor-logs`). azure-cli
    /// counts both as enabled (acs `managed_cluster_decorator._is_monitoring_enabled_on_mc`, 2.91), and
    /// `enable-addons --addons monitoring` on a cluster that has either fails.
    private static let containerInsights: [Step] = {
        func enabled(_ query: ShellWord) -> Probe {
            .prints(Command("az", "aks", "show", "--name", V.aksCluster, "--resource-group", V.resourceGroup,
                            "--query", query, "--output", "tsv"), "true")
        }
        return [
            .heading("Container insights"),
            .unlessExists(
                enabled("addonProfiles.omsagent.enabled || addonProfiles.omsAgent.enabled"),
                exists: "the monitoring add-on is enabled",
                [.unlessExists(
                    enabled("azureMonitorProfile.containerInsights.enabled"),
                    exists: "Container insights is enabled in the Azure Monitor profile",
                    [.run(Command("az", "aks", "enable-addons", "--addons", "monitoring", "--name", V.aksCluster,
                                  "--resource-group", V.resourceGroup, "--workspace-resource-id", .variable(V.logAnalyticsID),
                                  "--output", "none"))]
                )]
            ),
        ]
    }()

    private static func publicIP(_ inputs: ScriptInputs) -> [Step] {
        let address: [ShellWord] = ["--name", V.publicIP, "--resource-group", V.nodeResourceGroup]
        let zones: [ShellWord] = inputs.zoned ? ["--zone", V.zones] : []
        return [
            .heading("Static public IP " + V.publicIP),
            .capture(variable: V.aksNodeResourceGroup, Command("az", "aks", "show", "--name", V.aksCluster, "--resource-group", V.resourceGroup,
                                                              "--query", "nodeResourceGroup", "--output", "tsv")),
            .check("""
            if [ "$DRY_RUN" = 0 ] && [ "$AKS_NODE_RESOURCE_GROUP" != \(V.nodeResourceGroup) ]; then
              fail "\(inString: V.aksCluster) keeps its nodes in $AKS_NODE_RESOURCE_GROUP, not \(inString: V.nodeResourceGroup): set azure.nodeResourceGroup to it and render again"
            fi
            """),
            .unlessExists(
                .succeeds(Command(["az", "network", "public-ip", "show"] + address)),
                exists: "public IP " + V.publicIP + " exists",
                [.run(Command(["az", "network", "public-ip", "create"] + address
                              + ["--location", V.location, "--sku", "Standard", "--allocation-method", "Static"] + zones
                              + ScriptSteps.tags(inputs) + ["--output", "none"]))]
            ),
            .capture(variable: V.nodeResourceGroupID, Command("az", "group", "show", "--name", V.nodeResourceGroup,
                                                             "--query", "id", "--output", "tsv")),
        ] + roleAssignment("Network Contributor", to: V.controlPlanePrincipalID, scope: V.nodeResourceGroupID)
    }

    private static func cloudNativePG(_ inputs: ScriptInputs) -> [Step] {
        var install: [ShellWord] = [
            "helm", "upgrade", ShellWord(OperatorChart.release), ShellWord(OperatorChart.chart), "--install",
            "--namespace", V.operatorNamespace, "--create-namespace", "--version", V.operatorChartVersion,
            "--kube-context", V.aksCluster, "--set", "config.create=false",
        ] + HelmOwnership.labels
        if let fingerprint = inputs.operatorConfigFingerprint {
            install += ["--set-string", ShellWord("podAnnotations.checksum/operator-config=" + fingerprint)]
        }
        install += ["--wait", "--timeout", "10m"]
        guard inputs.operatorChart != nil else { return installedByYou(inputs) }
        var steps: [Step] = [.heading("CloudNativePG operator (Helm chart " + V.operatorChartVersion + ")")]
            + HelmOwnership.check(ShellWord(OperatorChart.release), namespace: V.operatorNamespace)
        if inputs.operatorConfigFingerprint != nil {
            steps.append(.run(ScriptSteps.kubectl(["apply", "--kustomize", V.outDir + "/\(Translator.operatorFolder)"], namespaced: false)))
        }
        return steps + [
            .run(Command("helm", "repo", "add", ShellWord(OperatorChart.repositoryName), ShellWord(OperatorChart.repositoryURL), "--force-update")),
            .run(Command(install)),
        ]
    }

    /// An operator release pgha has no chart for (not out when pgha was built): the user installs it; deploy.sh checks
    /// that its CRDs are there before going on. Only kubectl's NotFound means they are not (`probe`): any other error
    /// (an expired sign-in, an unreachable API server) stops the script with its own message.
    private static func installedByYou(_ inputs: ScriptInputs) -> [Step] {
        var steps: [Step] = [.heading("CloudNativePG operator (installed by you)")]
        if inputs.operatorConfigFingerprint != nil {
            steps.append(.run(ScriptSteps.kubectl(["apply", "--kustomize", V.outDir + "/\(Translator.operatorFolder)"], namespaced: false)))
        }
        let missing: ShellWord = "pgha has no Helm chart for CloudNativePG " + ShellWord(inputs.operatorVersion.description)
            + ": install the operator in " + V.operatorNamespace + " yourself"
        return steps + [
            .unlessExists(
                .succeeds(ScriptSteps.kubectl(["get", "crd", "clusters.postgresql.cnpg.io"], namespaced: false)),
                exists: "the CloudNativePG operator is installed (its Cluster CRD exists)",
                [.check(ScriptSteps.stop("\(inString: missing), then run deploy.sh again", plan: ": \(inString: missing) before deploy.sh"))]
            ),
        ]
    }

    /// One release per AKS cluster (`PrometheusStackChart`): every spec's deploy runs the same pinned upgrade, so the
    /// second finds the first one's release and changes nothing. Grafana's admin password is generated once, into a
    /// Secret the chart is pointed at, and kept on later runs. Installed whoever installs the operator: the manifests'
    /// PodMonitor and PrometheusRule are kinds of the stack (`values`: `OperatorChart.kubePrometheusStackValuesURL`).
    private static func kubePrometheusStack(values: String) -> [Step] {
        typealias Stack = PrometheusStackChart
        let namespace = ShellWord(Stack.namespace)
        let secret = ShellWord(Stack.grafanaAdminSecret)
        return [
            .heading("kube-prometheus-stack (Helm chart " + ShellWord(Stack.version) + ", once per AKS cluster)"),
        ] + HelmOwnership.check(ShellWord(Stack.release), namespace: namespace) + [
            .unlessExists(
                .succeeds(ScriptSteps.kubectl(["get", "namespace", namespace], namespaced: false)),
                exists: "namespace " + namespace + " exists",
                [.run(ScriptSteps.kubectl(["create", "namespace", namespace], namespaced: false))]
            ),
            ScriptSteps.generatedPasswordSecret(secret, namespace: namespace,
                                                ["--from-literal=admin-user=admin", "--from-file=admin-password=/dev/stdin"]),
            .run(Command("helm", "repo", "add", ShellWord(Stack.repositoryName), ShellWord(Stack.repositoryURL), "--force-update")),
            .run(Command(["helm", "upgrade", ShellWord(Stack.release), ShellWord(Stack.chart), "--install",
                         "--namespace", namespace, "--version", ShellWord(Stack.version),
                         "--kube-context", V.aksCluster, "--values", ShellWord(values),
                         "--set", "grafana.admin.existingSecret=" + secret] + HelmOwnership.labels + ["--wait", "--timeout", "15m"])),
        ]
    }

    /// The app user's Secret, with a password generated here and passed on kubectl's stdin.
    private static let appSecret: [Step] = [
        .heading("Secret " + V.appSecret + " for the application user"),
        ScriptSteps.generatedPasswordSecret(V.appSecret, ["--type=kubernetes.io/basic-auth", "--from-literal=username=" + V.appUser,
                                                          "--from-file=password=/dev/stdin"]),
    ]

    private static let apply: [Step] = [
        .heading("Manifests"),
        .run(ScriptSteps.kubectl(["apply", "--kustomize", V.outDir], namespaced: false)),
        .heading("Waiting for " + V.clusterName + " to be ready"),
        .run(ScriptSteps.kubectl(["wait", ScriptSteps.cluster(V.clusterName), "--for=condition=Ready", "--timeout=30m"])),
    ]

    private static func summary(_ inputs: ScriptInputs) -> [Step] {
        var steps: [Step] = [
            .heading("Endpoints"),
            .note("read-write, inside AKS: " + V.clusterName + "-rw." + V.namespace + ".svc:5432"),
            .note("read-only, inside AKS:  " + V.clusterName + "-ro." + V.namespace + ".svc:5432"),
        ]
        if inputs.exposed {
            let fqdn = publicHost(V.dnsLabel) + ":"
            steps += [
                .capture(variable: V.publicIPAddress, Command("az", "network", "public-ip", "show", "--name", V.publicIP,
                                                             "--resource-group", V.nodeResourceGroup, "--query", "ipAddress", "--output", "tsv")),
                .note("read-write, public:     " + fqdn + V.readWritePort + " (" + .variable(V.publicIPAddress) + "), from " + V.allowedSourceRanges),
                .note("read-only, public:      " + fqdn + V.readOnlyPort + " (" + .variable(V.publicIPAddress) + "), from " + V.allowedSourceRanges),
            ]
        }
        if let pooler = inputs.pooler {
            for (type, poolerName) in zip(pooler.types, pooler.names) {
                let name = ShellWord(poolerName)
                // An exposed pooler's public name, where its DNS label gives it one, else how to find its address.
                let publicly: ShellWord = !pooler.exposed ? ""
                    : pooler.dnsLabel.map { " (and public: " + publicHost(ShellWord(PoolerTranslation.dnsLabel($0, type: type))) + ":5432)" }
                    ?? " (and on its LoadBalancer: kubectl get service " + name + ")"
                steps.append(.note("PgBouncer \(type == "rw" ? "read-write, inside AKS: " : "read-only, inside AKS:  ")" + name + "." + V.namespace + ".svc:5432"
                                   + publicly))
            }
        }
        return steps + [
            .note("database " + V.appDatabase + ", user " + V.appUser + "; its password: kubectl get secret " + V.appSecret
                  + " --namespace " + V.namespace + Kubeconfig.userFlags
                  + " --output jsonpath='{.data.password}' | base64 --decode"),
        ]
    }
}
