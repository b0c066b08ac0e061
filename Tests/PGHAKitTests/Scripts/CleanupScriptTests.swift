import Foundation
import Testing
@testable import PGHAKit

/// cleanup.sh against fake tools: it deletes only what this spec's deploy.sh created and no other spec uses, going by
/// the `pgha.spec` and `pgha.member.` tags, and prints the whole plan before it asks.
@Suite struct CleanupScriptTests {
    static let group = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-cnpg-demo"
    static let aks = group + "/providers/Microsoft.ContainerService/managedClusters/aks-pg-primary"
    static let grafana = group + "/providers/Microsoft.Dashboard/grafana/pg-primary-grafana"
    static let monitor = group + "/providers/Microsoft.Monitor/accounts/pg-primary-prometheus"
    static let logs = group + "/providers/Microsoft.OperationalInsights/workspaces/pg-primary-logs"
    static let alerts = group + "/providers/Microsoft.AlertsManagement/prometheusRuleGroups/cnpg-database-pg-primary-alerts"
    static let storage = group + "/providers/Microsoft.Storage/storageAccounts/pgprimarybackups"
    static let identity = group + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pg-primary-identity"
    static let controlPlaneIdentity = group + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-pg-primary-identity"
    static let publicIP = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/MC_rg-cnpg-demo_aks-pg-primary_westus3/providers/Microsoft.Network/publicIPAddresses/aks-pg-primary-pip"

    static let creator = "cnpg-database/pg-primary"
    static let mine = "pgha.member.cnpg-database.pg-primary"
    static let other = "pgha.member.analytics.pg-reports"

    /// `az <what> show ... --query [[id, creator, members]] --output tsv` answering `id<TAB>creator<TAB>members`, as
    /// knack prints a list holding one list.
    static func tags(_ show: String, _ id: String, creator: String = creator, members: String = mine) -> ScriptHarness.Rule {
        .init(pattern: "\(show) * --query ??id, *", output: "\(id)\t\(creator)\t\(members)")
    }

    /// Every resource of Examples/aks-ha.yaml exists, created by this spec (and pgha installed every Helm release);
    /// the group holds `groupResources` (read from the environment: one ID a line); `overrides` come first.
    static func rules(_ overrides: [ScriptHarness.Rule] = []) -> [ScriptHarness.Rule] {
        overrides + [
            .init(pattern: "az account show --query name --output tsv", output: "Demo subscription"),
            .init(pattern: "az account show --query id --output tsv", output: FakeAzure.subscriptionID),
            .init(pattern: "az resource list --resource-group rg-cnpg-demo --query ?].id --output tsv", output: "env:GROUP_RESOURCES"),
            .init(pattern: "az identity federated-credential show --name pg-primary --identity-name * --query subject --output tsv",
                  output: "system:serviceaccount:cnpg-database:pg-primary"),
            .init(pattern: "az identity federated-credential show --name pg-primary-recovered-db --identity-name * --query subject --output tsv",
                  output: "system:serviceaccount:cnpg-database:pg-primary-recovered-db"),
            tags("az network public-ip show", publicIP),
            tags("az aks show", aks),
            tags("az grafana show", grafana),
            tags("az monitor account show", monitor),
            tags("az monitor log-analytics workspace show", logs),
            tags("az alerts-management prometheus-rule-group show", alerts),
            tags("az storage account show", storage),
            tags("az identity show --name aks-pg-primary-identity", controlPlaneIdentity),
            tags("az identity show", identity),
            tags("az group show", group),
        ] + FakeAzure.pghaReleases.map(FakeAzure.installedByPGHA)
    }

    /// What the group holds when only this spec's resources are in it (the Monitor workspace's ID in another case).
    static let ownResources = [aks, grafana, monitor.replacingOccurrences(of: "Microsoft.Monitor", with: "microsoft.monitor"), logs, alerts, storage, controlPlaneIdentity, identity]

    /// Runs cleanup.sh of Examples/aks-ha.yaml (the output directory reads `$OUT` in the calls).
    static func run(_ arguments: [String] = ["--yes"], _ overrides: [ScriptHarness.Rule] = [], groupResources: [String] = ownResources,
                    stdin: String = "") throws -> ScriptHarness.Run {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        var run = try harness.run("cleanup.sh", arguments, rules: rules(overrides), stdin: stdin,
                                  environment: ["GROUP_RESOURCES": groupResources.joined(separator: "\n")])
        run.calls = run.calls.map { $0.map { $0.replacingOccurrences(of: harness.output.path, with: "$OUT") } }
        return run
    }

    static let reads = [
        "az account show --query name --output tsv",
        "az account show --query id --output tsv",
        "az extension show --name amg",
        "az extension show --name alertsmanagement",
        "az identity federated-credential show --name pg-primary --identity-name pg-primary-identity --resource-group rg-cnpg-demo --query subject --output tsv",
        "az identity federated-credential show --name pg-primary-recovered-db --identity-name pg-primary-identity --resource-group rg-cnpg-demo --query subject --output tsv",
    ]

    static func query(_ show: String) -> [String] {
        let query = #"'[[id, tags."pgha.spec" || '\''none'\'', join('\'' '\'', keys(tags || @)[?starts_with(@, '\''pgha.member.'\'')]) || '\''none'\'']]'"#
        return [show, show + " --query " + query + " --output tsv"]
    }

    static let resourceReads = query("az aks show --name aks-pg-primary --resource-group rg-cnpg-demo")
        + query("az network public-ip show --name aks-pg-primary-pip --resource-group MC_rg-cnpg-demo_aks-pg-primary_westus3")
        + query("az grafana show --name pg-primary-grafana --resource-group rg-cnpg-demo")
        + query("az monitor account show --name pg-primary-prometheus --resource-group rg-cnpg-demo")
        + query("az monitor log-analytics workspace show --workspace-name pg-primary-logs --resource-group rg-cnpg-demo")
        + query("az alerts-management prometheus-rule-group show --name cnpg-database-pg-primary-alerts --resource-group rg-cnpg-demo")
        + query("az storage account show --name pgprimarybackups --resource-group rg-cnpg-demo")
        + query("az identity show --name aks-pg-primary-identity --resource-group rg-cnpg-demo")
        + query("az identity show --name pg-primary-identity --resource-group rg-cnpg-demo")
        + query("az group show --name rg-cnpg-demo")

    static let untag = "--operation delete --tags pgha.member.cnpg-database.pg-primary=cnpg-database/pg-primary --output none"

    /// cleanup.sh's last call: whether the kubeconfig the scripts wrote is still pgha's own, before deleting it.
    static let kubeconfigCheck = "kubectl config get-contexts --output name"

    @Test func aSpecAloneInItsResourceGroupDeletesTheGroup() throws {
        let run = try Self.run()
        #expect(run.status == 0, "\(run.stderr)")
        try ExpectedScriptCalls.check(run.lines, "cleanup-aks-ha-alone")
        #expect(run.lines == Self.reads + Self.resourceReads + [
            "az resource list --resource-group rg-cnpg-demo --query '[].id' --output tsv",
            "az group delete --name rg-cnpg-demo --yes --no-wait",
        ], "\(run.lines.joined(separator: "\n"))")
        #expect(run.stdout.contains("""
        cleanup.sh deletes, for cnpg-database/pg-primary:
          - federated credential pg-primary of managed identity pg-primary-identity
          - federated credential pg-primary-recovered-db of managed identity pg-primary-identity
          - AKS cluster aks-pg-primary
          - public IP aks-pg-primary-pip, with the AKS cluster's node resource group
          - Managed Grafana pg-primary-grafana
          - Azure Monitor workspace pg-primary-prometheus
          - Log Analytics workspace pg-primary-logs
          - Azure Prometheus rule group cnpg-database-pg-primary-alerts
          - storage account pgprimarybackups with every backup in it
          - managed identity aks-pg-primary-identity
          - managed identity pg-primary-identity
          - resource group rg-cnpg-demo
        """))
    }

    /// A spec without backups has no federated credentials nor workload identity: its plan is the AKS cluster, the
    /// cluster's identity and the group.
    @Test func aSpecWithoutBackupsPlansItsClusterIdentityAndGroup() throws {
        let harness = try ScriptHarness(example: "minimal.yaml")
        defer { harness.remove() }
        let group = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-orders"
        let aks = group + "/providers/Microsoft.ContainerService/managedClusters/aks-orders"
        let identity = group + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-orders-identity"
        let member = "pgha.member.cnpg-database.orders"
        let rules: [ScriptHarness.Rule] = [
            .init(pattern: "az account show --query name --output tsv", output: "Demo subscription"),
            .init(pattern: "az account show --query id --output tsv", output: FakeAzure.subscriptionID),
            .init(pattern: "az resource list --resource-group rg-orders --query ?].id --output tsv", output: "env:GROUP_RESOURCES"),
            Self.tags("az aks show", aks, creator: "cnpg-database/orders", members: member),
            Self.tags("az identity show", identity, creator: "cnpg-database/orders", members: member),
            Self.tags("az group show", group, creator: "cnpg-database/orders", members: member),
        ]
        let run = try harness.run("cleanup.sh", ["--yes"], rules: rules, environment: ["GROUP_RESOURCES": [aks, identity].joined(separator: "\n")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.lines.contains { $0.contains("federated-credential") })
        #expect(run.stdout.contains("cleanup.sh deletes, for cnpg-database/orders:\n  - AKS cluster aks-orders\n  - managed identity aks-orders-identity\n  - resource group rg-orders\n"))
        #expect(run.lines.last == "az group delete --name rg-orders --yes --no-wait")
    }

    /// Two specs share the resource group and the AKS cluster: the first cleanup keeps both (removing its member
    /// tag), deletes the Kubernetes objects it applied on the cluster and its own resources, one by one.
    @Test func twoSpecsSharingAResourceGroupAndAnAKSClusterKeepThemForEachOther() throws {
        let shared = Self.mine + " " + Self.other
        let run = try Self.run(["--yes"], [
            Self.tags("az aks show", Self.aks, members: shared),
            Self.tags("az group show", Self.group, members: shared),
            DrillAndCleanupScriptTests.earlierRecovery(DrillAndCleanupScriptTests.targetTime),
        ], groupResources: Self.ownResources + [Self.group + "/providers/Microsoft.Storage/storageAccounts/pgreportsbackups"])
        #expect(run.status == 0, "\(run.stderr)")
        try ExpectedScriptCalls.check(run.lines, "cleanup-aks-ha-shared")
        #expect(Array(run.lines.dropFirst(Self.reads.count + Self.resourceReads.count)) == [
            "az tag update --resource-id \(Self.aks) \(Self.untag)",
            "az tag update --resource-id \(Self.controlPlaneIdentity) \(Self.untag)",
            "az tag update --resource-id \(Self.group) \(Self.untag)",
            "az identity federated-credential delete --name pg-primary --identity-name pg-primary-identity --resource-group rg-cnpg-demo --yes",
            "az identity federated-credential delete --name pg-primary-recovered-db --identity-name pg-primary-identity --resource-group rg-cnpg-demo --yes",
            "az aks get-credentials --name aks-pg-primary --resource-group rg-cnpg-demo --file '$HOME/.cache/pgha/cnpg-database/pg-primary/kubeconfig' --overwrite-existing --output none",
            "kubectl delete --kustomize '$OUT' --ignore-not-found --context aks-pg-primary",
            DrillAndCleanupScriptTests.recoveryMarkRead,
            "kubectl delete clusters.postgresql.cnpg.io/pg-primary-recovered-db --ignore-not-found --namespace cnpg-database --context aks-pg-primary",
            "kubectl delete backups.postgresql.cnpg.io/pg-primary-on-demand --ignore-not-found --namespace cnpg-database --context aks-pg-primary",
            "kubectl delete secret db-user-pass --ignore-not-found --namespace cnpg-database --context aks-pg-primary",
        ] + BackupPluginScriptTests.removal(lastStore: true) + [
            Self.attachment,
            "az resource delete --ids \(Self.publicIP)",
            "az resource delete --ids \(Self.grafana)",
            "az resource delete --ids \(Self.monitor)",
            "az resource delete --ids \(Self.logs)",
            "az resource delete --ids \(Self.alerts)",
            "az resource delete --ids \(Self.storage)",
            "az resource delete --ids \(Self.identity)",
            Self.kubeconfigCheck,
        ], "\(run.lines.joined(separator: "\n"))")
        #expect(!run.lines.contains { $0.hasPrefix("az group delete") || $0.contains("--ids \(Self.aks)") })
        #expect(run.stdout.contains("  - AKS cluster aks-pg-primary: still used by analytics.pg-reports\n  - managed identity aks-pg-primary-identity: the AKS cluster, which stays, runs as it\n  - resource group rg-cnpg-demo: still used by analytics.pg-reports\n"))
        #expect(run.stdout.contains("  - its Kubernetes objects on AKS cluster aks-pg-primary: the manifests in "))
    }

    /// The review's repro: cleanup.sh deleted any Cluster named `recovery.name` on an AKS cluster that stays, a real
    /// point-in-time recovery that applications use included. It deletes only the one a restore drill created (the
    /// annotation `pgha.io/restore-drill`) and says how to delete another by hand.
    @Test func aRecoveryClusterNoDrillCreatedStays() throws {
        let run = try Self.run(["--yes"], Self.sharedAKSAndGroup + [DrillAndCleanupScriptTests.earlierRecovery("")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.contains(DrillAndCleanupScriptTests.recoveryMarkRead))
        #expect(!run.lines.contains { $0.hasPrefix("kubectl delete clusters.") })
        #expect(run.stdout.contains("= the Cluster pg-primary-recovered-db stays: it has no annotation pgha.io/restore-drill, so no restore drill created it (a real recovery?); delete it by hand once it is no longer needed: kubectl delete clusters.postgresql.cnpg.io/pg-primary-recovered-db --namespace cnpg-database --context aks-pg-primary\n"))
        #expect(run.lines.contains("kubectl delete secret db-user-pass --ignore-not-found --namespace cnpg-database --context aks-pg-primary"))
    }

    /// No Cluster of that name: nothing to delete, nothing to say.
    @Test func anAbsentRecoveryClusterIsNotDeleted() throws {
        let run = try Self.run(["--yes"], Self.sharedAKSAndGroup + [DrillAndCleanupScriptTests.earlierRecovery(nil)])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.contains(DrillAndCleanupScriptTests.recoveryMarkRead))
        #expect(!run.lines.contains { $0.hasPrefix("kubectl delete clusters.") } && !run.stdout.contains("pg-primary-recovered-db stays"))
    }

    /// Another spec uses the AKS cluster and the resource group too: both stay.
    static let sharedAKSAndGroup = [
        tags("az aks show", aks, members: mine + " " + other),
        tags("az group show", group, members: mine + " " + other),
    ]

    /// cleanup.sh's read of what the public IP is attached to, before deleting it.
    static let attachment = "az resource show --ids \(publicIP) --query properties.ipConfiguration.id --output tsv"

    /// The review's repro: with the AKS cluster kept, the public IP was deleted while the load balancer still used it
    /// (PublicIPAddressInUse). cleanup.sh deletes the LoadBalancer Services first, then waits until AKS detaches the IP.
    @Test func aPublicIPOnAKeptAKSClusterIsDeletedOnceDetached() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        try DrillAndCleanupScriptTests.fakeSleep(harness)
        let frontend = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/MC_rg-cnpg-demo_aks-pg-primary_westus3/providers/Microsoft.Network/loadBalancers/kubernetes/frontendIPConfigurations/a1"
        let run = try harness.run("cleanup.sh", ["--yes"], rules: Self.rules(Self.sharedAKSAndGroup + [
            .init(pattern: "az resource show --ids * --query properties.ipConfiguration.id --output tsv", output: frontend, times: 2),
        ]), environment: ["GROUP_RESOURCES": Self.ownResources.joined(separator: "\n")])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.lines.map { $0.replacingOccurrences(of: harness.output.path, with: "$OUT") }
        let services = try #require(lines.firstIndex { $0.hasPrefix("kubectl delete --kustomize ") })
        let delete = try #require(lines.firstIndex(of: "az resource delete --ids \(Self.publicIP)"))
        #expect(Array(lines[(delete - 5)...delete]) == [Self.attachment, "sleep 10", Self.attachment, "sleep 10", Self.attachment, "az resource delete --ids \(Self.publicIP)"])
        #expect(services < delete - 5)
        #expect(run.stdout.contains("= the public IP is still attached to \(frontend): waiting for AKS to release it"))
    }

    /// A public IP that never detaches stops cleanup.sh after ten minutes, saying what to do.
    @Test func aPublicIPThatStaysAttachedStopsCleanup() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        try DrillAndCleanupScriptTests.fakeSleep(harness)
        let run = try harness.run("cleanup.sh", ["--yes"], rules: Self.rules(Self.sharedAKSAndGroup + [
            .init(pattern: "az resource show --ids * --query properties.ipConfiguration.id --output tsv", output: "frontend"),
        ]), environment: ["GROUP_RESOURCES": Self.ownResources.joined(separator: "\n")])
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: the public IP \(Self.publicIP) is still attached to frontend after 10 minutes: delete the LoadBalancer Services that use it (kubectl get services --all-namespaces), then run cleanup.sh again"))
        #expect(run.calls.filter { $0.first == "sleep" }.count == 60)
        #expect(!run.lines.contains("az resource delete --ids \(Self.publicIP)"))
    }

    /// Something pgha did not put there keeps the resource group, even when every pgha resource in it goes; the public
    /// IP goes with the AKS cluster's node resource group (deleting it first failed: the cluster's load balancer used it).
    @Test func aForeignResourceKeepsTheGroup() throws {
        let jumpbox = Self.group + "/providers/Microsoft.Compute/virtualMachines/jumpbox"
        let run = try Self.run(groupResources: Self.ownResources + [jumpbox])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  - resource group rg-cnpg-demo: it also holds \(jumpbox)\n"))
        #expect(run.stdout.contains("  - AKS cluster aks-pg-primary\n  - public IP aks-pg-primary-pip, with the AKS cluster's node resource group\n"))
        #expect(!run.lines.contains { $0.contains(Self.publicIP) && !$0.hasPrefix("az network public-ip show --name") })
        #expect(!run.lines.contains { $0.hasPrefix("az group delete") })
        #expect(Array(run.lines.dropFirst(Self.reads.count + Self.resourceReads.count)) == [
            "az resource list --resource-group rg-cnpg-demo --query '[].id' --output tsv",
            "az tag update --resource-id \(Self.group) \(Self.untag)",
            "az identity federated-credential delete --name pg-primary --identity-name pg-primary-identity --resource-group rg-cnpg-demo --yes",
            "az identity federated-credential delete --name pg-primary-recovered-db --identity-name pg-primary-identity --resource-group rg-cnpg-demo --yes",
            "az resource delete --ids \(Self.aks)",
            "az resource delete --ids \(Self.grafana)",
            "az resource delete --ids \(Self.monitor)",
            "az resource delete --ids \(Self.logs)",
            "az resource delete --ids \(Self.alerts)",
            "az resource delete --ids \(Self.storage)",
            "az resource delete --ids \(Self.controlPlaneIdentity)",
            "az resource delete --ids \(Self.identity)",
        ], "\(run.lines.joined(separator: "\n"))")
    }

    /// A resource group deploy.sh found (no pgha.spec tag) is never deleted; neither is an identity the user made.
    @Test func aPreExistingGroupAndIdentityAreNeverDeleted() throws {
        let run = try Self.run(["--yes"], [
            Self.tags("az group show", Self.group, creator: "none"),
            Self.tags("az identity show --name pg-primary-identity", Self.identity, creator: "none", members: "none"),
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("and keeps, removing its tag pgha.member.cnpg-database.pg-primary where it has one:\n  - managed identity pg-primary-identity: pgha did not create it\n  - resource group rg-cnpg-demo: pgha did not create it\n"))
        #expect(!run.lines.contains { $0.hasPrefix("az group delete") || $0.contains("--ids \(Self.identity)") })
        #expect(!run.lines.contains { $0.hasPrefix("az resource list") })
        #expect(run.lines.contains("az tag update --resource-id \(Self.group) \(Self.untag)"))
        #expect(!run.lines.contains("az tag update --resource-id \(Self.identity) \(Self.untag)"))
    }

    @Test func itAsksForTheClusterNameAfterPrintingThePlan() throws {
        for answer in ["", "yes\n", "rg-cnpg-demo\n"] {
            let refused = try Self.run([], stdin: answer)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("error: not confirmed: nothing was deleted"))
            #expect(refused.lines == Self.reads + Self.resourceReads + ["az resource list --resource-group rg-cnpg-demo --query '[].id' --output tsv"])
            #expect(refused.stdout.contains("  - resource group rg-cnpg-demo\nType the cluster name (pg-primary) to go on: "))
        }
        let confirmed = try Self.run([], stdin: "pg-primary\n")
        #expect(confirmed.status == 0, "\(confirmed.stderr)")
        #expect(confirmed.lines.last == "az group delete --name rg-cnpg-demo --yes --no-wait")
    }

    @Test func whatIsGoneIsSkippedAndNothingLeftMeansNothingAsked() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("cleanup.sh", rules: FakeAzure.fresh(nodeResourceGroup: DeployScriptTests.guideNodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.calls.contains { $0.contains("delete") || $0.contains("update") })
        #expect(run.stdout.contains("= resource group rg-cnpg-demo does not exist"))
        #expect(run.stdout.contains("nothing of cnpg-database/pg-primary is left to delete"))
        #expect(!run.stdout.contains("Type the cluster name"))
    }

    /// With an expired sign-in, `az account show` still answers from its cache while every other call fails: cleanup
    /// must stop, not take the resources for deleted.
    @Test func itStopsWhenAzureCannotAnswer() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules = FakeAzure.values(nodeResourceGroup: DeployScriptTests.guideNodeResourceGroup) + [
            .init(pattern: "az * show *", status: 1, output: "stderr:ERROR: AADSTS700082: The refresh token has expired. Please run 'az login'."),
        ]
        let run = try harness.run("cleanup.sh", ["--yes"], rules: rules)
        #expect(run.status == 1)
        #expect(run.stderr.contains("AADSTS700082"))
        #expect(!run.stdout.contains("does not exist"))
        #expect(!run.calls.contains { $0.contains("delete") })
    }

    @Test func dryRunReadsAndPrintsThePlanButNeitherAsksNorDeletes() throws {
        let run = try Self.run(["--dry-run"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines == Self.reads + Self.resourceReads + [
            "az resource list --resource-group rg-cnpg-demo --query '[].id' --output tsv",
        ])
        #expect(run.stdout.contains("  - resource group rg-cnpg-demo\n# ask for the cluster's name unless --yes\n"))
        #expect(run.stdout.contains("# delete what the plan above lists"))
        #expect(!run.calls.contains { $0.contains("delete") || $0.contains("uninstall") })
    }
}
