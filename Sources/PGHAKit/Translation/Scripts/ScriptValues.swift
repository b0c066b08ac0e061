/// The shell variables the scripts read: spec values (the block at the top of every script) and values the
/// scripts read from Azure or the cluster at run time.
enum ScriptValues {
    /// Whether AKS itself gives the PostgreSQL node pool's nodes the label `key: value` (its pool's name, Linux, the
    /// CPU architecture), so that a node selector may use it and deploy.sh leaves it out of the pool's labels.
    static func isSetByAKS(_ key: String, _ value: String, _ spec: Spec) -> Bool {
        switch key {
        case "kubernetes.azure.com/agentpool": value == spec.azure.nodePool.name
        case "kubernetes.io/os": value == "linux"
        case "kubernetes.io/arch": value == (isArm(spec.azure.nodePool.vmSize) ? "arm64" : "amd64")
        default: false
        }
    }

    /// Whether an Azure VM size is an Arm64 one: a 'p' among its feature letters (`Standard_D4ps_v5`, `Standard_E2pds_v6`).
    static func isArm(_ vmSize: String) -> Bool {
        let parts = vmSize.lowercased().split(separator: "_")
        guard parts.count >= 2 else { return false }
        let size = parts[1].drop { $0.isLetter }.drop { $0.isNumber }
        return size.contains("p")
    }

    /// The labels deploy.sh gives the PostgreSQL node pool: the node selector's, less those AKS sets itself.
    static func poolLabels(_ spec: Spec) -> [String] {
        spec.nodeSelector.sorted { $0.key < $1.key }.filter { !isSetByAKS($0.key, $0.value, spec) }.map { "\($0.key)=\($0.value)" }
    }

    // MARK: From the spec

    static let clusterName = ShellWord.variable("CLUSTER_NAME")
    static let namespace = ShellWord.variable("NAMESPACE")
    static let operatorNamespace = ShellWord.variable("OPERATOR_NAMESPACE")
    static let operatorChartVersion = ShellWord.variable("OPERATOR_CHART_VERSION")
    static let certManagerChartVersion = ShellWord.variable("CERT_MANAGER_CHART_VERSION")
    static let pluginChartVersion = ShellWord.variable("PLUGIN_CHART_VERSION")
    static let objectStore = ShellWord.variable("OBJECT_STORE")
    static let appSecret = ShellWord.variable("APP_SECRET")
    static let appUser = ShellWord.variable("APP_USER")
    static let appDatabase = ShellWord.variable("APP_DATABASE")
    static let postgresImage = ShellWord.variable("POSTGRES_IMAGE")
    static let recoveryName = ShellWord.variable("RECOVERY_NAME")
    static let onDemandBackup = ShellWord.variable("ON_DEMAND_BACKUP")
    static let azureSubscription = ShellWord.variable("AZURE_SUBSCRIPTION")
    static let location = ShellWord.variable("LOCATION")
    static let resourceGroup = ShellWord.variable("RESOURCE_GROUP")
    static let aksCluster = ShellWord.variable("AKS_CLUSTER")
    static let nodeResourceGroup = ShellWord.variable("NODE_RESOURCE_GROUP")
    static let kubernetesVersion = ShellWord.variable("KUBERNETES_VERSION")
    static let aksTier = ShellWord.variable("AKS_TIER")
    static let authorizedIPRanges = ShellWord.variable("AUTHORIZED_IP_RANGES")
    static let identityName = ShellWord.variable("IDENTITY_NAME")
    static let identityClientID = ShellWord.variable("IDENTITY_CLIENT_ID")
    static let controlPlaneIdentityName = ShellWord.variable("CONTROL_PLANE_IDENTITY_NAME")
    static let systemPool = ShellWord.variable("SYSTEM_POOL")
    static let systemPoolVMSize = ShellWord.variable("SYSTEM_POOL_VM_SIZE")
    static let systemPoolMinCount = ShellWord.variable("SYSTEM_POOL_MIN_COUNT")
    static let systemPoolMaxCount = ShellWord.variable("SYSTEM_POOL_MAX_COUNT")
    static let nodePool = ShellWord.variable("NODE_POOL")
    static let nodePoolVMSize = ShellWord.variable("NODE_POOL_VM_SIZE")
    static let nodePoolMinCount = ShellWord.variable("NODE_POOL_MIN_COUNT")
    static let nodePoolMaxCount = ShellWord.variable("NODE_POOL_MAX_COUNT")
    static let zones = ShellWord.arrayElements("ZONES")
    static let nodeLabels = ShellWord.arrayElements("NODE_LABELS")
    static let nodeTaints = ShellWord.variable("NODE_TAINTS")
    static let tags = ShellWord.arrayElements("TAGS")
    /// The spec's tags in the shorthand syntax of azure-cli's AAZ commands (`ScriptSteps.tags`).
    static let shorthandTags = ShellWord.arrayElements("SHORTHAND_TAGS")
    static let storageAccount = ShellWord.variable("STORAGE_ACCOUNT")
    static let backupContainer = ShellWord.variable("BACKUP_CONTAINER")
    static let grafana = ShellWord.variable("GRAFANA")
    static let monitorWorkspace = ShellWord.variable("MONITOR_WORKSPACE")
    static let logAnalyticsWorkspace = ShellWord.variable("LOG_ANALYTICS_WORKSPACE")
    static let alertRules = ShellWord.variable("ALERT_RULES")
    static let publicIP = ShellWord.variable("PUBLIC_IP")
    static let dnsLabel = ShellWord.variable("DNS_LABEL")
    static let readWritePort = ShellWord.variable("READ_WRITE_PORT")
    static let readOnlyPort = ShellWord.variable("READ_ONLY_PORT")
    static let allowedSourceRanges = ShellWord.variable("ALLOWED_SOURCE_RANGES")
    static let specFile = ShellWord.variable("SPEC_FILE")
    static let specDigest = ShellWord.variable("SPEC_DIGEST")

    // MARK: Read at run time

    static let subscription = "SUBSCRIPTION"
    static let subscriptionID = "SUBSCRIPTION_ID"
    static let offeredVersions = "OFFERED_VERSIONS"
    static let regionZones = "REGION_ZONES"
    static let storageSKU = "STORAGE_SKU"
    static let nameAvailable = "NAME_AVAILABLE"
    static let clientID = "CLIENT_ID"
    static let principalID = "PRINCIPAL_ID"
    static let controlPlanePrincipalID = "CONTROL_PLANE_PRINCIPAL_ID"
    static let controlPlaneIdentityID = "CONTROL_PLANE_IDENTITY_ID"
    static let storageAccountID = "STORAGE_ACCOUNT_ID"
    static let grafanaID = "GRAFANA_ID"
    static let signedInType = "SIGNED_IN_TYPE"
    static let signedInObjectID = "SIGNED_IN_OBJECT_ID"
    static let monitorWorkspaceID = "MONITOR_WORKSPACE_ID"
    static let logAnalyticsID = "LOG_ANALYTICS_ID"
    static let oidcIssuer = "OIDC_ISSUER"
    static let aksNodeResourceGroup = "AKS_NODE_RESOURCE_GROUP"
    static let nodeResourceGroupID = "NODE_RESOURCE_GROUP_ID"
    static let publicIPAddress = "PUBLIC_IP_ADDRESS"

    // MARK: Settings every script has

    static let outDir = ShellWord.variable("OUT_DIR")
    static let pgha = ShellWord.variable("PGHA")
    static let specPath = ShellWord.variable("SPEC_PATH")

    /// Every spec value a script can name, in the order of the block; each script's block keeps those it reads.
    /// `alerts` are the spec's (`AlertTranslation.alerts`) when it has managed Prometheus with alerts.
    static func catalog(_ spec: Spec, _ inputs: ScriptInputs, specFileName: String?, alerts: [AlertTranslation.Alert]) -> [Script.Variable] {
        let azure = spec.azure
        var kubernetes: [(ShellWord, Script.Variable.Value)] = [
            (clusterName, .scalar(spec.name)),
            (namespace, .scalar(spec.namespace)),
            (operatorNamespace, .scalar(spec.operatorSettings.namespace)),
            (appSecret, .scalar(spec.bootstrap.secret)),
            (appUser, .scalar(spec.bootstrap.owner)),
            (appDatabase, .scalar(spec.bootstrap.database)),
            (postgresImage, .scalar(spec.postgres.image)),
        ]
        if let chart = OperatorChart.forOperator(spec.operatorSettings.version) {
            kubernetes.append((operatorChartVersion, .scalar(chart.version)))
        }
        if let backup = spec.backup, BackupPluginSteps.applies(to: inputs), let release = OperatorRelease.of(spec.operatorSettings.version) {
            kubernetes += [
                (certManagerChartVersion, .scalar(release.certManagerChart ?? "")),
                (pluginChartVersion, .scalar(release.pluginChart ?? "")),
                (objectStore, .scalar(backup.objectStore)),
            ]
        }
        if spec.backup?.onDemand == true {
            kubernetes.append((onDemandBackup, .scalar(BackupTranslation.onDemand(spec).metadata.name)))
        }
        if let recovery = spec.recovery { kubernetes.append((recoveryName, .scalar(recovery.name))) }

        var azureValues: [(ShellWord, Script.Variable.Value)] = []
        let sortedTags = azure.tags.sorted { $0.key < $1.key }
        if let subscription = azure.subscription { azureValues.append((azureSubscription, .scalar(subscription.lowercased()))) }
        azureValues += [
            (location, .scalar(azure.location)),
            (resourceGroup, .scalar(azure.resourceGroup)),
            (aksCluster, .scalar(azure.aksCluster)),
            (nodeResourceGroup, .scalar(azure.nodeResourceGroup)),
            (kubernetesVersion, .scalar(azure.kubernetesVersion)),
            (aksTier, .scalar(azure.tier)),
            (authorizedIPRanges, .scalar(azure.authorizedIPRanges.joined(separator: ","))),
            (identityName, .scalar(azure.identityName)),
        ]
        if let clientID = azure.identityClientID { azureValues.append((identityClientID, .scalar(clientID))) }
        azureValues.append((controlPlaneIdentityName, .scalar(azure.controlPlaneIdentityName)))
        azureValues += [
            (systemPool, .scalar(azure.systemPool.name)),
            (systemPoolVMSize, .scalar(azure.systemPool.vmSize)),
            (systemPoolMinCount, .scalar(String(azure.systemPool.minCount))),
            (systemPoolMaxCount, .scalar(String(azure.systemPool.maxCount))),
            (nodePool, .scalar(azure.nodePool.name)),
            (nodePoolVMSize, .scalar(azure.nodePool.vmSize)),
            (nodePoolMinCount, .scalar(String(azure.nodePool.minCount))),
            (nodePoolMaxCount, .scalar(String(azure.nodePool.maxCount))),
            (zones, .array(spec.zones)),
            (nodeLabels, .array(poolLabels(spec))),
            (nodeTaints, .scalar(azure.nodePool.taints.joined(separator: ","))),
            (tags, .array(sortedTags.map { "\($0.key)=\($0.value)" })),
            (shorthandTags, .array(sortedTags.map {
                AzureOwnership.shorthandQuoted($0.key) + "=" + AzureOwnership.shorthandQuoted($0.value)
            })),
        ]
        if let backup = spec.backup {
            azureValues += [(storageAccount, .scalar(backup.storageAccount)), (backupContainer, .scalar(backup.container))]
        }
        if spec.monitoring.managedPrometheus {
            azureValues += [
                (grafana, .scalar(azure.grafana)),
                (monitorWorkspace, .scalar(azure.monitorWorkspace)),
                (logAnalyticsWorkspace, .scalar(azure.logAnalyticsWorkspace)),
            ]
            if spec.monitoring.alerts.enabled { azureValues.append((alertRules, .scalar(AzureAlertRuleSteps.rulesJSON(spec, alerts)))) }
        }
        var exposure: [(ShellWord, Script.Variable.Value)] = []
        if let expose = spec.expose {
            exposure = [
                (publicIP, .scalar(expose.publicIP)),
                (dnsLabel, .scalar(expose.dnsLabel)),
                (readWritePort, .scalar(String(expose.readWritePort))),
                (readOnlyPort, .scalar(String(expose.readOnlyPort))),
                (allowedSourceRanges, .scalar(expose.allowedSourceRanges.joined(separator: ", "))),
            ]
        }
        var source: [(ShellWord, Script.Variable.Value)] = []
        if let specFileName { source = [(specFile, .scalar(specFileName)), (specDigest, .scalar(spec.sourceDigest))] }

        return group("Kubernetes", kubernetes) + group("Azure", azureValues) + group("Public endpoints", exposure)
            + group("The spec this was rendered from", source)
    }

    private static func group(_ title: String, _ values: [(ShellWord, Script.Variable.Value)]) -> [Script.Variable] {
        values.enumerated().map { index, entry in
            let name: String = switch entry.0.parts.first {
            case .variable(let name), .arrayElements(let name): name
            case .literal, nil: ""
            }
            return Script.Variable(name, entry.1, group: index == 0 ? title : nil)
        }
    }
}
