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
        let texts = Texts()
        return check(members.map { $0.map { Footprint($0, texts: texts) } }, texts: texts) { members[$0] }
    }

    /// `check(_:)` of the members whose footprints are given (their shared texts in `texts`); `member` rebuilds the
    /// member of a footprint, asked only where two hashes meet. A spec whose member cannot be rebuilt, or is not the
    /// one its footprint was made of (its file changed), is an error (PGHA0706): the conflict it might hide is never
    /// passed over.
    static func check(_ footprints: [Footprint?], texts: Texts, member rebuild: (Int) -> Member?) -> [[Diagnostic]] {
        var diagnostics = [[Diagnostic]](repeating: [], count: footprints.count)
        var owners: [String: Int] = [:]
        var resourceOwners = HashOwners()
        var sharedOwners: [UInt32: (owner: Int, settings: UInt32)] = [:]
        var clusterOwners = HashOwners()
        var credentials: [UInt32: Int] = [:]
        var rebuilt: [Int: Member?] = [:]
        func member(_ index: Int) -> Member? {
            if let member = rebuilt[index] { return member }
            let member = rebuild(index).flatMap { $0.matches(footprints[index]) ? $0 : nil }
            rebuilt[index] = member
            if member == nil, let footprint = footprints[index] {
                diagnostics[index].append(Diagnostic(
                    .error, .specChangedDuringFleetCheck,
                    "\(footprint.path) changed, or could not be read again, while pgha compared it with the other specs of the fleet",
                    path: "name", at: footprint.nameLocation,
                    hint: "pgha reads a spec file again where it may conflict with another; run pgha again once no spec file is being changed"))
            }
            return member
        }
        for (index, footprint) in footprints.enumerated() {
            guard let footprint else { continue }
            func report(_ code: DiagnosticCode, _ message: String, hint: String) {
                diagnostics[index].append(Diagnostic(.error, code, message, path: "name", at: footprint.nameLocation, hint: hint))
            }
            func path(_ owner: Int) -> String { footprints[owner]?.path ?? "" }
            if let owner = owners[footprint.folder] {
                report(.duplicateTarget, "\(path(owner)) and \(footprint.path) both render to \(footprint.folder)/",
                       hint: "each spec of a fleet needs its own namespace and name; rename one of them or render them separately")
                continue
            }
            owners[footprint.folder] = index
            for (position, hash) in footprint.exclusiveResources.enumerated() {
                func resource() -> String? { member(index)?.exclusiveResources[position] }
                guard let owner = resourceOwners.owner(of: hash, index: index, sameText: { owner in
                    resource().map { resource in member(owner)?.exclusiveResources.contains(resource) ?? false } ?? false
                }), let resource = resource() else { continue }
                report(.sharedAzureResource, "\(path(owner)) and \(footprint.path) both use \(resource)",
                       hint: "clusters of one fleet that share an identity, a storage account, a namespace or a public IP need distinct names, ObjectStores and ports; clusters of one AKS cluster or resource group need namespace-name pairs that do not join into the same '<namespace>-<name>'")
            }
            for shared in footprint.sharedSettings {
                guard let (owner, settings) = sharedOwners[shared.resource] else {
                    sharedOwners[shared.resource] = (index, shared.settings)
                    continue
                }
                guard settings != shared.settings else { continue }
                report(.conflictingSharedResource,
                       "\(path(owner)) and \(footprint.path) share \(texts[shared.resource]) but configure it differently: \(texts[settings]) in \(path(owner)), \(texts[shared.settings]) here",
                       hint: "specs that deploy to one AKS cluster share it, its operator, its node pools and its Azure Monitor: give them the same azure, operator and monitoring.managedPrometheus settings, or separate clusters")
            }
            for (position, hash) in footprint.clusters.enumerated() {
                func cluster() -> (key: String, description: String)? { member(index)?.clusters[position] }
                guard let owner = clusterOwners.owner(of: hash, index: index, sameText: { owner in
                    cluster().map { cluster in member(owner)?.clusters.contains { $0.key == cluster.key } ?? false } ?? false
                }), let cluster = cluster(), let ownerCluster = member(owner)?.clusters.first(where: { $0.key == cluster.key }) else { continue }
                guard path(owner) != footprint.path,
                      ownerCluster.description.hasPrefix("the recovery") || cluster.description.hasPrefix("the recovery") else { continue }
                report(.clusterNameTaken,
                       "\(cluster.description) of \(footprint.path) is \(ownerCluster.description) of \(path(owner)): a restore drill would delete one to restore the other",
                       hint: "give the recovery cluster a name no other spec uses in this namespace (recovery.name)")
            }
            if let needed = footprint.federatedCredentials {
                let total = credentials[needed.identity, default: 0] + needed.count
                credentials[needed.identity] = total
                if total > federatedCredentialLimit {
                    report(.tooManyFederatedCredentials,
                           "the specs up to \(footprint.path) need \(total) federated credentials on the identity \(texts[needed.identity]); Azure allows \(federatedCredentialLimit)",
                           hint: "give some of the specs another identity (azure.identity.name)")
                }
            }
        }
        return diagnostics
    }

    /// The first spec (by index) to name each text, found by the text's hash: where the hashes of two different
    /// texts meet, the later one is kept aside, so only specs naming the same text are ever each other's owner.
    struct HashOwners {
        private var first: [UInt64: Int] = [:]
        private var others: [UInt64: [Int]] = [:]

        /// The owner of the text hashed `hash` that spec `index` names, confirmed by `sameText(owner)`; nil, when it
        /// has none, after making `index` its owner.
        mutating func owner(of hash: UInt64, index: Int, sameText: (Int) -> Bool) -> Int? {
            guard let owner = first[hash] else {
                first[hash] = index
                return nil
            }
            if sameText(owner) { return owner }
            if let owner = others[hash]?.first(where: sameText) { return owner }
            others[hash, default: []].append(index)
            return nil
        }
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
