/// Which spec created each Azure resource and which specs use it, recorded in tags so that cleanup.sh deletes only
/// what no other spec needs. Every resource deploy.sh creates carries `pgha.spec=<namespace>/<name>` (its creator),
/// and every resource a spec uses, created or found, carries `pgha.member.<namespace>.<name>=<namespace>/<name>` (one
/// tag per spec: namespaces and names are DNS labels, so the dots cannot be ambiguous; at most 126 characters, within
/// the 128 Azure allows on storage accounts).
enum AzureOwnership {
    private typealias V = ScriptValues

    /// The tag naming the spec that created a resource.
    static let creatorKey = "pgha.spec"
    /// The prefix of the tags naming the specs that use a resource.
    static let memberPrefix = "pgha.member."
    /// Azure allows 50 tags per resource; pgha adds the creator tag and at least one member tag.
    static let maxUserTags = 48

    /// `<namespace>/<name>`, the spec's identity in tag values.
    static let specID: ShellWord = V.namespace + "/" + V.clusterName
    /// This spec's member tag name.
    static let memberKey: ShellWord = ShellWord(memberPrefix) + V.namespace + "." + V.clusterName
    /// `pgha.spec=<namespace>/<name>`.
    static let creatorTag: ShellWord = ShellWord(creatorKey + "=") + specID
    /// `pgha.member.<namespace>.<name>=<namespace>/<name>`.
    static let memberTag: ShellWord = memberKey + "=" + specID

    /// `text` single-quoted for the shorthand syntax of azure-cli's AAZ commands, where a quote inside is written `'/`
    /// (azure-cli `aaz/_utils.py`, `AAZShortHandSyntaxParser`).
    static func shorthandQuoted(_ text: String) -> String {
        "'" + text.replacingEvery("'", with: "'/") + "'"
    }

    /// `creatorTag` for an AAZ command's `--tags`: the name quoted, the value (DNS labels and a slash) as it is.
    static let shorthandCreatorTag: ShellWord = ShellWord(shorthandQuoted(creatorKey) + "=") + specID
    /// `memberTag` for an AAZ command's `--tags` (namespaces and names are DNS labels: no quote to escape).
    static let shorthandMemberTag: ShellWord = "'" + memberKey + "'=" + specID

    /// A resource a spec uses, named for people, with the `az ... show` that finds it.
    struct Resource {
        var label: ShellWord
        var show: Command
    }

    /// The spec's Azure resources other than the resource group, in the order cleanup.sh plans and deletes them (the
    /// AKS cluster before the public IP in its node resource group, which goes with the cluster, and before the
    /// identity it runs as; the workload identity only with backups, once when one identity is both).
    static func resources(_ inputs: ScriptInputs) -> [Resource] {
        let group: [ShellWord] = ["--resource-group", V.resourceGroup]
        var resources = [Resource(label: aksLabel, show: Command(["az", "aks", "show", "--name", V.aksCluster] + group))]
        if inputs.exposed {
            resources.append(Resource(label: publicIPLabel,
                                      show: Command(["az", "network", "public-ip", "show", "--name", V.publicIP,
                                                     "--resource-group", V.nodeResourceGroup])))
        }
        if inputs.managedPrometheus {
            resources += [
                Resource(label: "Managed Grafana " + V.grafana, show: Command(["az", "grafana", "show", "--name", V.grafana] + group)),
                Resource(label: "Azure Monitor workspace " + V.monitorWorkspace,
                         show: Command(["az", "monitor", "account", "show", "--name", V.monitorWorkspace] + group)),
                Resource(label: "Log Analytics workspace " + V.logAnalyticsWorkspace,
                         show: Command(["az", "monitor", "log-analytics", "workspace", "show", "--workspace-name", V.logAnalyticsWorkspace] + group)),
            ]
            if inputs.alerts { resources.append(alertRuleGroup) }
        }
        if inputs.backup != nil {
            resources.append(Resource(label: "storage account " + V.storageAccount + " with every backup in it",
                                      show: Command(["az", "storage", "account", "show", "--name", V.storageAccount] + group)))
        }
        resources.append(Resource(label: controlPlaneIdentityLabel,
                                  show: Command(["az", "identity", "show", "--name", V.controlPlaneIdentityName] + group)))
        if inputs.backup != nil && !inputs.sharesIdentity {
            resources.append(Resource(label: "managed identity " + V.identityName,
                                      show: Command(["az", "identity", "show", "--name", V.identityName] + group)))
        }
        return resources
    }

    /// The Azure Prometheus rule group, which deploy.sh creates after the manifests are applied (`AzureAlertRuleSteps`),
    /// well after `join`: its create sets the member tag and `join(_:)` of the resource alone adds it on later runs.
    static let alertRuleGroup = Resource(label: "Azure Prometheus rule group " + AzureAlertRuleSteps.ruleGroup,
                                         show: Command("az", "alerts-management", "prometheus-rule-group", "show",
                                                       "--name", AzureAlertRuleSteps.ruleGroup, "--resource-group", V.resourceGroup))

    static let aksLabel: ShellWord = "AKS cluster " + V.aksCluster
    static let publicIPLabel: ShellWord = "public IP " + V.publicIP
    /// The AKS cluster's own identity, which cleanup.sh keeps as long as the cluster stays.
    static let controlPlaneIdentityLabel: ShellWord = "managed identity " + V.controlPlaneIdentityName
    static let resourceGroup = Resource(label: "resource group " + V.resourceGroup,
                                        show: Command("az", "group", "show", "--name", V.resourceGroup))

    /// deploy.sh, once every resource exists: says so when the resource group was there before and pgha did not
    /// create it, and adds this spec's member tag to each resource it uses (created now or found), except the Azure
    /// Prometheus rule group, which does not exist yet on a first run (`alertRuleGroup`).
    static func join(_ inputs: ScriptInputs) -> [Step] {
        let creatorQuery: ShellWord = ShellWord("tags.\"\(creatorKey)\" || 'none'")
        var steps: [Step] = [
            .heading("Ownership: " + memberTag),
            .capture(variable: "RESOURCE_GROUP_CREATOR", Command(resourceGroup.show.arguments + ["--query", creatorQuery, "--output", "tsv"])),
            .check("""
            if [ "$DRY_RUN" = 0 ] && [ "$RESOURCE_GROUP_CREATOR" = none ]; then
              log "note: the resource group \(inString: V.resourceGroup) existed before and pgha did not create it (no \(inString: ShellWord(creatorKey)) tag): deploy.sh uses it, cleanup.sh never deletes it"
            fi
            """),
        ]
        for resource in [resourceGroup] + resources(inputs) where resource.label != alertRuleGroup.label {
            steps += join(resource)
        }
        return steps
    }

    /// Adds this spec's member tag to `resource`, which exists.
    static func join(_ resource: Resource) -> [Step] {
        [
            .capture(variable: "OWNED_ID", Command(resource.show.arguments + ["--query", "id", "--output", "tsv"])),
            .run(Command("az", "tag", "update", "--resource-id", .variable("OWNED_ID"), "--operation", "merge",
                         "--tags", memberTag, "--output", "none")),
        ]
    }
}
