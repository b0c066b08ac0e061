/// The rules that span the specs of a fleet (PGHA07xx): two specs must not render into one folder, use one Azure
/// resource only a single cluster may use, configure a resource they share differently, or name two clusters alike
/// in one namespace; one identity must not need more federated credentials than Azure allows. `render`, `check`,
/// `diff` and `validate` all report them.
public enum FleetRules {
    /// What the fleet rules need to know of one valid spec.
    public struct Member: Sendable {
        /// The spec file, as named on the command line or found in a directory.
        public var path: String
        /// The folder, relative to the output directory, that the spec renders into.
        public var folder: String
        /// Where the spec writes its name, which the fleet's diagnostics point at.
        var nameLocation: SourceLocation
        /// The Azure resources only this cluster may use.
        var exclusiveResources: [String]
        /// The shared Azure resources the spec configures, and how.
        var sharedSettings: [SharedSetting]
        /// The namespaces and names of the spec's CloudNativePG Clusters (its own, then its recovery cluster's), and
        /// what each is. They are compared whatever AKS cluster a spec names: kubectl acts on whichever cluster the
        /// current context is, and one GitOps repository may feed one cluster.
        var clusters: [(key: String, description: String)]
        /// The managed identity that holds the spec's federated credentials, and how many it needs.
        var federatedCredentials: (identity: String, count: Int)?

        public init(path: String, spec: Spec) {
            self.path = path
            folder = FleetRules.folder(of: spec)
            nameLocation = spec.sourceMap.location(of: "name")
            exclusiveResources = FleetRules.exclusiveResources(of: spec)
            sharedSettings = FleetRules.sharedSettings(of: spec)
            clusters = [("\(spec.namespace)/\(spec.name)", "the cluster \(spec.namespace)/\(spec.name)")]
            if let recovery = spec.recovery {
                clusters.append(("\(spec.namespace)/\(recovery.name)", "the recovery cluster \(spec.namespace)/\(recovery.name)"))
            }
            federatedCredentials = spec.backup.map { _ in
                ("\(spec.azure.resourceGroup)/\(spec.azure.identityName)", spec.recovery == nil ? 1 : 2)
            }
        }
    }

    /// How many federated identity credentials Azure allows on one user-assigned managed identity.
    static let federatedCredentialLimit = 20

    /// An Azure resource that clusters of a fleet may share, and the settings a spec gives it.
    struct SharedSetting: Sendable, Equatable {
        var resource: String
        var settings: String
    }

    /// The folder, relative to the output directory, that a fleet member renders into.
    public static func folder(of spec: Spec) -> String { "\(spec.namespace)/\(spec.name)" }

    /// The fleet's diagnostics of each member, in the order given (nil: an invalid or unreadable spec, which the
    /// rules skip). Each spec is compared with those before it, so a conflict is reported on the later spec; a
    /// member with an error here must not be rendered.
    public static func check(_ members: [Member?]) -> [[Diagnostic]] {
        var diagnostics = [[Diagnostic]](repeating: [], count: members.count)
        var owners: [String: String] = [:]
        var resourceOwners: [String: String] = [:]
        var sharedOwners: [String: (path: String, settings: String)] = [:]
        var clusterOwners: [String: (path: String, description: String)] = [:]
        var credentials: [String: Int] = [:]
        for (index, member) in members.enumerated() {
            guard let member else { continue }
            func report(_ code: DiagnosticCode, _ message: String, hint: String) {
                diagnostics[index].append(Diagnostic(.error, code, message, path: "name", at: member.nameLocation, hint: hint))
            }
            if let owner = owners[member.folder] {
                report(.duplicateTarget, "\(owner) and \(member.path) both render to \(member.folder)/",
                       hint: "each spec of a fleet needs its own namespace and name; rename one of them or render them separately")
                continue
            }
            owners[member.folder] = member.path
            for resource in member.exclusiveResources {
                guard let owner = resourceOwners[resource] else {
                    resourceOwners[resource] = member.path
                    continue
                }
                report(.sharedAzureResource, "\(owner) and \(member.path) both use \(resource)",
                       hint: "clusters of one fleet that share an identity, a storage account, a namespace or a public IP need distinct names, ObjectStores and ports; clusters of one AKS cluster or resource group need namespace-name pairs that do not join into the same '<namespace>-<name>'")
            }
            for shared in member.sharedSettings {
                guard let (owner, settings) = sharedOwners[shared.resource] else {
                    sharedOwners[shared.resource] = (member.path, shared.settings)
                    continue
                }
                guard settings != shared.settings else { continue }
                report(.conflictingSharedResource,
                       "\(owner) and \(member.path) share \(shared.resource) but configure it differently: \(settings) in \(owner), \(shared.settings) here",
                       hint: "specs that deploy to one AKS cluster share it, its operator, its node pools and its Azure Monitor: give them the same azure, operator and monitoring.managedPrometheus settings, or separate clusters")
            }
            for cluster in member.clusters {
                guard let owner = clusterOwners[cluster.key] else {
                    clusterOwners[cluster.key] = (member.path, cluster.description)
                    continue
                }
                guard owner.path != member.path, owner.description.hasPrefix("the recovery") || cluster.description.hasPrefix("the recovery") else { continue }
                report(.clusterNameTaken,
                       "\(cluster.description) of \(member.path) is \(owner.description) of \(owner.path): a restore drill would delete one to restore the other",
                       hint: "give the recovery cluster a name no other spec uses in this namespace (recovery.name)")
            }
            if let needed = member.federatedCredentials {
                let total = credentials[needed.identity, default: 0] + needed.count
                credentials[needed.identity] = total
                if total > federatedCredentialLimit {
                    report(.tooManyFederatedCredentials,
                           "the specs up to \(member.path) need \(total) federated credentials on the identity \(needed.identity); Azure allows \(federatedCredentialLimit)",
                           hint: "give some of the specs another identity (azure.identity.name)")
                }
            }
        }
        return diagnostics
    }

    /// The Azure resources a cluster cannot share with another: its ServiceAccounts' federated credentials (named
    /// after the clusters, on one identity), its backup folder (the server name is the cluster name), its
    /// ObjectStore (one object per name and namespace on an AKS cluster), its public IP's ports, and the objects named
    /// after its namespace and name (`<namespace>-<name>`, which two such pairs may still spell alike): its
    /// StorageClass and VolumeAttributesClass (cluster-scoped) and its Azure Prometheus rule group.
    static func exclusiveResources(of spec: Spec) -> [String] {
        let azure = spec.azure
        var resources: [String] = []
        if let backup = spec.backup {
            let clusters = [spec.name] + (spec.recovery.map { [$0.name] } ?? [])
            resources += clusters.map { "the federated credential '\($0)' of the identity \(azure.resourceGroup)/\(azure.identityName)" }
            resources.append("the backup folder \(backup.destinationPath)/\(spec.name)")
            if backup.method == .plugin {
                resources.append("the ObjectStore \(spec.namespace)/\(backup.objectStore) on \(azure.resourceGroup)/\(azure.aksCluster)")
            }
        }
        if let expose = spec.expose {
            resources += [expose.readWritePort, expose.readOnlyPort].map {
                "port \($0) of the public IP \(azure.nodeResourceGroup)/\(expose.publicIP)"
            }
        }
        let aks = "\(azure.resourceGroup)/\(azure.aksCluster)"
        if spec.storage.premiumV2 != nil {
            resources.append("the StorageClass \(StorageClassTranslation.premiumV2ClassName(spec)) on \(aks)")
        }
        if let performance = StorageClassTranslation.premiumV2Performance(spec) {
            resources.append("the VolumeAttributesClass \(performance.metadata.name) on \(aks)")
        }
        if spec.storage.localNVMe {
            resources.append("the StorageClass \(StorageClassTranslation.localNVMeClassName(spec)) on \(aks)")
        }
        if spec.monitoring.managedPrometheus && spec.monitoring.alerts.enabled {
            resources.append("the Azure Prometheus rule group \(azure.resourceGroup)/\(AzureAlertRuleSteps.ruleGroupName(spec))")
        }
        return resources
    }

    /// What deploy.sh creates once and then finds existing: the AKS cluster (with its system node pool), the
    /// CloudNativePG operator and kube-prometheus-stack on it, and the PostgreSQL node pool. Specs that share one
    /// must configure it alike, or whichever deploys second silently gets the first one's.
    static func sharedSettings(of spec: Spec) -> [SharedSetting] {
        let azure = spec.azure
        let cluster = "the AKS cluster \(azure.resourceGroup)/\(azure.aksCluster)"
        func pool(_ pool: Spec.Azure.NodePool) -> String {
            "\(pool.name), \(pool.vmSize), \(pool.minCount) to \(pool.maxCount) nodes"
                + (pool.taints.isEmpty ? "" : ", taints " + pool.taints.joined(separator: ","))
        }
        let config = spec.operatorSettings.config.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var settings = [
            SharedSetting(resource: cluster, settings: "in \(azure.location), Kubernetes \(azure.kubernetesVersion), tier \(azure.tier), "
                + "node resource group \(azure.nodeResourceGroup), system pool \(pool(azure.systemPool)), "
                + "identity \(azure.controlPlaneIdentityName)"),
            SharedSetting(resource: "the CloudNativePG operator of " + cluster,
                          settings: "\(spec.operatorSettings.version) in namespace \(spec.operatorSettings.namespace)"
                            + (config.isEmpty ? "" : " with " + config.joined(separator: ", "))),
            SharedSetting(resource: "the node pool '\(azure.nodePool.name)' of " + cluster,
                          settings: pool(azure.nodePool) + " in zones " + spec.zones.joined(separator: " ")),
        ]
        settings.append(SharedSetting(resource: "Azure Monitor of " + cluster, settings: spec.monitoring.managedPrometheus
            ? "managed Prometheus to the workspace \(azure.monitorWorkspace) with Grafana \(azure.grafana) and Log Analytics \(azure.logAnalyticsWorkspace)"
            : "no managed Prometheus"))
        if spec.monitoring.prometheus, let chart = OperatorChart.forOperator(spec.operatorSettings.version) {
            settings.append(SharedSetting(resource: "kube-prometheus-stack on " + cluster,
                                          settings: "chart \(PrometheusStackChart.version) with the values \(chart.kubePrometheusStackValuesURL)"))
        }
        return settings
    }
}
