/// CloudNativePG's admission rules for the Cluster fields a spec reaches, and pgha's Kubernetes name rules.
enum ClusterRules {
    static func check(_ context: inout ValidationContext) {
        let spec = context.spec
        checkNames(&context, spec)
        if spec.replication.syncReplicas >= spec.instances && spec.replication.syncReplicas > 0 {
            let replicas = spec.replication.syncReplicas == 1 ? "1 synchronous replica needs" : "\(spec.replication.syncReplicas) synchronous replicas need"
            context.error(.syncReplicasTooMany,
                          "\(replicas) at least \(spec.replication.syncReplicas + 1) instances, not \(spec.instances)",
                          at: "replication.syncReplicas",
                          hint: "CloudNativePG requires postgresql.synchronous.number < instances; lower syncReplicas or add instances")
        }
        checkResources(&context, spec)
        checkImage(&context, spec)
        checkNodeSelector(&context, spec)
        checkPostgresLists(&context, spec)
        checkRecovery(&context, spec)
        checkJobNames(&context, spec)
    }

    private static func checkNames(_ context: inout ValidationContext, _ spec: Spec) {
        if !NameRules.isDNS1035Label(spec.name, maxLength: 50) {
            context.error(.invalidClusterName, "'\(spec.name)' is not a valid cluster name", at: "name",
                          hint: "use at most 50 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit")
        } else if !context.nameIsValid, let limitedBy = context.nameBound.limitedBy {
            context.error(.invalidClusterName,
                          "the cluster name '\(spec.name)' has \(spec.name.count) characters; the Azure names derived from it allow at most \(context.nameBound.length)",
                          at: "name", hint: "\(limitedBy) would be too long: shorten the name, or set that field")
        }
        for (path, value) in [("namespace", spec.namespace), ("operator.namespace", spec.operatorSettings.namespace)]
        where !NameRules.isDNS1123Label(value) {
            context.error(.invalidKubernetesName, "'\(value)' is not a valid namespace name", at: path,
                          hint: "use at most 63 lowercase letters, digits and '-', starting and ending alphanumeric")
        }
        if context.checksValue(at: "bootstrap.secret") && !NameRules.isDNS1123Subdomain(spec.bootstrap.secret) {
            context.error(.invalidKubernetesName, "'\(spec.bootstrap.secret)' is not a valid Secret name", at: "bootstrap.secret",
                          hint: "use lowercase letters, digits, '-' and '.', at most 253 characters")
        }
        for (path, value) in [("bootstrap.database", spec.bootstrap.database), ("bootstrap.owner", spec.bootstrap.owner)]
        where !isSimpleIdentifier(value) {
            context.error(.invalidIdentifier, "'\(value)' is not a simple PostgreSQL identifier", at: path,
                          hint: "use at most 63 lowercase letters, digits and '_', starting with a letter or '_'")
        }
    }

    /// A PostgreSQL identifier that needs no quoting anywhere: `[a-z_][a-z0-9_]*`, at most 63 bytes.
    static func isSimpleIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 63 else { return false }
        return (first == UInt8(ascii: "_") || NameRules.isLowercaseLetter(first))
            && name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || NameRules.isLowerAlphanumeric($0) }
    }

    private static func checkResources(_ context: inout ValidationContext, _ spec: Spec) {
        let resources = spec.resources
        let limitsWritten = spec.sourceMap.contains("resources.limits.cpu") || spec.sourceMap.contains("resources.limits.memory")
        var fields: [(path: String, value: String)] = [
            ("resources.cpu", resources.cpu), ("resources.memory", resources.memory), ("storage.size", spec.storage.size),
        ]
        if spec.sourceMap.contains("resources.limits.cpu") { fields.append(("resources.limits.cpu", resources.cpuLimit)) }
        if spec.sourceMap.contains("resources.limits.memory") { fields.append(("resources.limits.memory", resources.memoryLimit)) }
        if let wal = spec.storage.wal { fields.append(("storage.wal.size", wal.size)) }
        for field in fields {
            guard let quantity = Quantity(field.value) else {
                context.error(.invalidQuantity, "'\(field.value)' is not a Kubernetes quantity", at: field.path,
                              hint: field.path.hasSuffix("cpu") ? "write cores as 2 or 500m" : "write sizes with binary units, such as 8Gi or 512Mi (not 8GB)")
                continue
            }
            if quantity.value == 0 {
                context.error(.invalidQuantity, "'\(field.path)' must be larger than zero", at: field.path)
            }
        }
        guard limitsWritten else { return }
        for (name, request, limit) in [("cpu", resources.cpu, resources.cpuLimit), ("memory", resources.memory, resources.memoryLimit)]
        where !context.hasError(at: "resources.\(name)") && !context.hasError(at: "resources.limits.\(name)") {
            if let request = Quantity(request), let limitValue = Quantity(limit), request.value > limitValue.value {
                context.error(.requestAboveLimit, "the \(name) request \(name == "cpu" ? resources.cpu : resources.memory) is larger than its limit \(limit)",
                              at: "resources.limits.\(name)", hint: "a limit must be at least the request; equal values give Guaranteed QoS")
            }
        }
    }

    private static func checkImage(_ context: inout ValidationContext, _ spec: Spec) {
        let written = spec.sourceMap
        if written.contains("postgres.image") && written.contains("postgres.version") {
            context.error(.conflictingFields, "'postgres.image' and 'postgres.version' cannot both be set", at: "postgres.image",
                          hint: "keep 'version' for CloudNativePG's images, or 'image' for your own")
        }
        if let catalog = spec.postgres.imageCatalog {
            if written.contains("postgres.image") {
                context.error(.conflictingFields, "'postgres.image' and 'postgres.imageCatalog' cannot both be set", at: "postgres.imageCatalog",
                              hint: "keep the catalog, and 'version' to pick its entry")
            }
            if !NameRules.isDNS1123Subdomain(catalog.name) {
                context.error(.invalidKubernetesName, "'\(catalog.name)' is not a valid image catalog name", at: "postgres.imageCatalog.name",
                              hint: "use lowercase letters, digits, '-' and '.', at most 253 characters")
            }
        }
        guard written.contains("postgres.image") else { return }
        let image = spec.postgres.image
        if let problem = ImageReference.problem(image) {
            return context.error(.invalidImage, "'\(image)' is not an image reference the kubelet can pull: \(problem)", at: "postgres.image",
                                 hint: "write registry/repository:tag in lowercase, such as ghcr.io/cloudnative-pg/postgresql:17.6-system-trixie")
        }
        guard let tag = Spec.Postgres.imageTag(image), !tag.isEmpty else {
            return context.error(.invalidImage, "the image '\(image)' has no tag", at: "postgres.image",
                                 hint: "CloudNativePG needs a tag that starts with the major version, such as :17.6-system-trixie")
        }
        if tag == "latest" {
            return context.error(.invalidImage, "the image tag 'latest' is not allowed", at: "postgres.image",
                                 hint: "pin a version, such as :17.6-system-trixie")
        }
        guard let major = spec.postgres.majorVersion else {
            return context.error(.invalidImage, "the image tag '\(tag)' does not start with a PostgreSQL version", at: "postgres.image",
                                 hint: "CloudNativePG reads the major version from the tag, such as :17.6-system-trixie")
        }
        if major < 13 || major > 18 {
            context.error(.unsupportedMajorVersion, "PostgreSQL \(major) is not supported", at: "postgres.image",
                          hint: "CloudNativePG \(spec.operatorSettings.version) runs PostgreSQL 13 to 18")
        }
        if image.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "'" || $0 == "\"" || $0 == "$" || $0 == "`" }) {
            context.error(.invalidImage, "the image reference contains spaces or quotes", at: "postgres.image")
        }
    }

    /// The label prefixes AKS keeps for its own node labels (`az aks nodepool add --labels` refuses them).
    static let reservedLabelPrefixes = ["kubernetes.azure.com/", "kubernetes.io/"]

    private static func checkNodeSelector(_ context: inout ValidationContext, _ spec: Spec) {
        for (key, value) in spec.nodeSelector.sorted(by: { $0.key < $1.key }) {
            if !NameRules.isLabelKey(key) {
                context.error(.invalidLabel, "'\(key)' is not a valid label key", at: "nodeSelector.\(key)", onKey: true,
                              hint: "an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' and '.'")
            } else if !NameRules.isLabelValue(value) {
                context.error(.invalidLabel, "'\(value)' is not a valid label value", at: "nodeSelector.\(key)",
                              hint: "at most 63 letters, digits, '-', '_' and '.', starting and ending alphanumeric")
            } else if let prefix = reservedLabelPrefixes.first(where: { key.hasPrefix($0) }), !ScriptValues.isSetByAKS(key, value, spec) {
                context.error(.invalidLabel, "'\(key)' has the prefix \(prefix), which AKS reserves: it refuses a node pool with such a label, and deploy.sh labels the pool with the node selector",
                              at: "nodeSelector.\(key)", onKey: true, hint: "select on a label of your own, such as workload: postgres")
            }
        }
    }

    private static func checkPostgresLists(_ context: inout ValidationContext, _ spec: Spec) {
        for (index, library) in spec.postgres.sharedPreloadLibraries.enumerated() where !isSimpleIdentifier(library) {
            context.error(.invalidIdentifier, "'\(library)' is not a library name", at: "postgres.sharedPreloadLibraries[\(index)]",
                          hint: "one library per entry, such as pg_cron")
        }
    }

    private static func checkRecovery(_ context: inout ValidationContext, _ spec: Spec) {
        guard let recovery = spec.recovery else { return }
        if spec.backup == nil && recovery.targetPaths.isEmpty {
            context.error(.recoveryWithoutBackup, "'recovery' needs 'backup': the recovery cluster restores from the backups",
                          at: "recovery", hint: "add a 'backup' section, or remove 'recovery'")
        }
        guard context.checksValue(at: "recovery.name") else { return }
        if recovery.name == spec.name {
            context.error(.recoveryNameClash, "the recovery cluster cannot have the cluster's own name", at: "recovery.name",
                          hint: "the default is '\(spec.name)-recovered'")
        } else if spec.expose != nil && recovery.name == "\(spec.name)-public" {
            context.error(.recoveryNameClash, "the recovery cluster's Services '\(recovery.name)-rw' and '-ro' would take the public Services' names",
                          at: "recovery.name", hint: "choose another name, such as '\(spec.name)-recovered'")
        } else if !NameRules.isDNS1035Label(recovery.name, maxLength: 50) {
            let written = spec.sourceMap.contains("recovery.name")
            context.error(.recoveryNameClash, "'\(recovery.name)' is not a valid cluster name", at: written ? "recovery.name" : "recovery",
                          hint: written ? "use at most 50 lowercase letters, digits and '-'"
                                        : "the default name is too long; set 'recovery.name'")
        } else if recovery.name.count > maxJobPrefix {
            let written = spec.sourceMap.contains("recovery.name")
            context.error(.recoveryNameClash,
                          "the recovery cluster's name '\(recovery.name)' has \(recovery.name.count) characters: its restore job '\(recovery.name)-1-full-recovery' would not fit the 63 characters of a pod's host name, and the cluster would never start",
                          at: written ? "recovery.name" : "recovery",
                          hint: written ? "use at most \(maxJobPrefix) characters" : "the default name '<name>-recovered' is too long; set 'recovery.name' to at most \(maxJobPrefix) characters")
        }
    }

    /// The longest cluster name whose CloudNativePG jobs (`<name>-<serial>-full-recovery`, `-major-upgrade`) get a
    /// name that fits a pod's host name (63 characters) with serial 1: the operator names a job's pod after the job.
    static let maxJobPrefix = 63 - "-1-full-recovery".count

    /// A cluster name of 48 to 50 characters is valid, but the job of an in-place major version upgrade would not
    /// get a valid host name.
    private static func checkJobNames(_ context: inout ValidationContext, _ spec: Spec) {
        guard spec.name.count > maxJobPrefix, context.nameIsValid else { return }
        context.warning(.clusterNameTooLongForJobs,
                        "the cluster name has \(spec.name.count) characters: CloudNativePG's job for a major version upgrade in place, '\(spec.name)-1-major-upgrade', would not fit the 63 characters of a pod's host name, so raising postgres.version would fail",
                        at: "name", hint: "use at most \(maxJobPrefix) characters (fewer once failovers give the primary a two-digit serial) if the cluster will be upgraded to a new PostgreSQL major version in place")
    }
}
