/// What the scripts' steps, options, tools, environment and functions are built from: the step builders take this,
/// never the `Spec`, so whatever they read is in it, and specs with equal inputs get equal steps. Spec values the
/// steps only name as variables (read from the variables block, `ScriptValues.catalog`) are not in it, so the specs of
/// one template have equal inputs; it is the key under which a fleet render builds each script's steps once
/// (`BuiltScripts`). Equality is the compiler's, over every stored property.
struct ScriptInputs: Equatable, Sendable {
    /// Whether the spec's file name is known (deploy.sh then looks for the spec by that name).
    var knowsSpecFile: Bool
    /// The spec renders as a member of a fleet: deploy.sh cannot render it again by itself.
    var fleetMember: Bool
    /// `azure.subscription` is set.
    var pinsSubscription: Bool
    /// `azure.identity.clientID` is set.
    var hasIdentityClientID: Bool
    /// The control-plane identity is the workload identity.
    var sharesIdentity: Bool
    /// `azure.kubernetesVersion` names a patch version (three parts).
    var kubernetesPatchVersion: Bool
    var hasTags: Bool
    /// `azure.authorizedIPRanges` is not empty.
    var restrictsAPIServer: Bool
    /// The node pool's taints, as the spec lists them.
    var nodeTaints: [String]
    /// `nodeSelector` is not empty (the node pool gets labels).
    var labelsNodes: Bool
    var zoned: Bool
    /// More than one zone.
    var zoneRedundant: Bool
    var backup: Backup?
    var hasRecovery: Bool
    var exposed: Bool
    var pooler: Pooler?
    var managedPrometheus: Bool
    var prometheus: Bool
    /// `monitoring.alerts.enabled`.
    var alerts: Bool
    var dashboard: Bool
    var localNVMe: Bool
    /// The operator's namespace is not the cluster's.
    var separateOperatorNamespace: Bool
    var operatorVersion: OperatorVersion
    /// `OperatorChart.configFingerprint` of the operator settings; nil when there are none.
    var operatorConfigFingerprint: String?
    /// The roles that log in, by name, with their Secrets' names, sorted by name.
    var loginRoles: [LoginRole]

    struct Backup: Equatable, Sendable {
        var onDemand: Bool
        /// `BackupPluginSteps.applies`: plugin backups on an operator release with a known plugin chart.
        var usesPlugin: Bool
    }

    struct Pooler: Equatable, Sendable {
        /// The poolers' types (`rw`, and `ro` when read-only poolers are on), in order.
        var types: [String]
        /// The poolers' names (`PoolerTranslation.name`), one per type.
        var names: [String]
        /// `pooler.expose` is set.
        var exposed: Bool
        /// `pooler.expose.dnsLabel`.
        var dnsLabel: String?
    }

    struct LoginRole: Equatable, Sendable {
        var name: String
        var secret: String
    }

    init(_ spec: Spec, specFileName: String?, fleetMember: Bool = false) {
        let azure = spec.azure
        knowsSpecFile = specFileName != nil
        self.fleetMember = fleetMember
        pinsSubscription = azure.subscription != nil
        hasIdentityClientID = azure.identityClientID != nil
        sharesIdentity = azure.controlPlaneIdentityName == azure.identityName
        kubernetesPatchVersion = azure.kubernetesVersion.split(separator: ".").count > 2
        hasTags = !azure.tags.isEmpty
        restrictsAPIServer = !azure.authorizedIPRanges.isEmpty
        nodeTaints = azure.nodePool.taints
        labelsNodes = !ScriptValues.poolLabels(spec).isEmpty
        zoned = !spec.zones.isEmpty
        zoneRedundant = spec.zones.count > 1
        backup = spec.backup.map {
            Backup(onDemand: $0.onDemand,
                   usesPlugin: $0.method == .plugin && OperatorRelease.of(spec.operatorSettings.version)?.pluginChart != nil)
        }
        hasRecovery = spec.recovery != nil
        exposed = spec.expose != nil
        pooler = spec.pooler.map { pooler in
            let types = PoolerTranslation.types(pooler)
            return Pooler(types: types, names: types.map { PoolerTranslation.name(spec, type: $0) },
                          exposed: pooler.expose != nil, dnsLabel: pooler.expose?.dnsLabel)
        }
        managedPrometheus = spec.monitoring.managedPrometheus
        prometheus = spec.monitoring.prometheus
        alerts = spec.monitoring.alerts.enabled
        dashboard = spec.monitoring.dashboard
        localNVMe = spec.storage.localNVMe
        separateOperatorNamespace = spec.operatorSettings.namespace != spec.namespace
        operatorVersion = spec.operatorSettings.version
        let config = spec.operatorSettings.config
        operatorConfigFingerprint = config.isEmpty ? nil : OperatorChart.configFingerprint(config)
        loginRoles = spec.roles.sorted { $0.key < $1.key }.filter(\.value.login).map {
            LoginRole(name: $0.key, secret: RoleTranslation.secret(spec, role: $0.key))
        }
    }

    /// The operator's Helm chart, when pgha has one for the release.
    var operatorChart: OperatorChart? { OperatorChart.forOperator(operatorVersion) }
}
