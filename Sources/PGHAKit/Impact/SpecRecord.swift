/// The machine-readable record of the spec a rendering came from: every field of the effective spec (defaults
/// applied), under the spec's own field names, as JSON at `.pgha/spec.json` in the spec's output folder. `check` and
/// `diff` read the previous rendering's record back to say what a change will do (`ImpactClassifier`).
public enum SpecRecord {
    /// The record's path, relative to a spec's output folder.
    public static let path = ".pgha/spec.json"

    /// The record's path relative to the output directory, for the spec output folder `folder` (`""` for the
    /// directory itself, `<namespace>/<name>` for a fleet member).
    public static func path(in folder: String) -> String {
        folder.isEmpty ? path : folder + "/" + path
    }

    /// The record of `spec` as a file of its rendering.
    public static func artifact(for spec: Spec) -> Artifact {
        var writer = Writer()
        writer.object { write(spec, to: &$0) }
        return Artifact(path: path, bytes: writer.finished(), role: .reference)
    }

    /// The fields of a record's bytes, flattened (`SpecFields`); nil when they are not a JSON object.
    public static func fields(_ bytes: [UInt8]) -> SpecFields? {
        FlatJSONReader.fields(bytes)
    }

    /// Writes the effective spec's fields under the spec's field names (`SpecSchema`), optional sections left out
    /// when absent, maps in sorted key order.
    private static func write(_ spec: Spec, to writer: inout Writer) {
        writer.field("apiVersion", SpecSchema.apiVersion)
        writer.field("kind", SpecSchema.kind)
        writer.field("name", spec.name)
        writer.field("namespace", spec.namespace)
        writer.field("instances", spec.instances)
        writer.field("zones", spec.zones)
        writer.field("nodeSelector", sorted: spec.nodeSelector)
        writer.field("tolerations", spec.tolerations)
        writer.field("operator", spec.operatorSettings) { writer, settings in
            writer.field("namespace", settings.namespace)
            writer.field("version", settings.version.description)
            writer.field("config", sorted: settings.config)
        }
        writer.field("postgres", spec.postgres) { writer, postgres in
            writer.field("version", postgres.majorVersion)
            writer.field("image", postgres.image)
            writer.field("parameters", sorted: postgres.parameters)
            writer.field("pgHBA", postgres.pgHBA)
            writer.field("sharedPreloadLibraries", postgres.sharedPreloadLibraries)
            writer.field("imageCatalog", postgres.imageCatalog) { writer, catalog in
                writer.field("name", catalog.name)
                writer.field("kind", catalog.kind)
            }
        }
        writer.field("resources", spec.resources) { writer, resources in
            writer.field("cpu", resources.cpu)
            writer.field("memory", resources.memory)
            writer.field("limits") {
                $0.field("cpu", resources.cpuLimit)
                $0.field("memory", resources.memoryLimit)
            }
        }
        writer.field("storage", spec.storage) { writer, storage in
            writer.field("size", storage.size)
            writer.field("storageClass", storage.storageClass)
            writer.field("wal", storage.wal) { writer, wal in
                writer.field("size", wal.size)
                writer.field("storageClass", wal.storageClass)
            }
            writer.field("premiumV2", storage.premiumV2) { writer, premiumV2 in
                writer.field("iops", premiumV2.iops)
                writer.field("throughputMBps", premiumV2.throughputMBps)
            }
            writer.field("localNVMe", storage.localNVMe)
        }
        writer.field("bootstrap", spec.bootstrap) { writer, bootstrap in
            writer.field("database", bootstrap.database)
            writer.field("owner", bootstrap.owner)
            writer.field("secret", bootstrap.secret)
            writer.field("dataChecksums", bootstrap.dataChecksums)
        }
        writer.field("roles", spec.roles) { writer, roles in
            for (name, role) in roles.sorted(by: { $0.key < $1.key }) {
                writer.field(name) {
                    $0.field("login", role.login)
                    $0.field("connectionLimit", role.connectionLimit)
                    $0.field("inRoles", role.inRoles)
                }
            }
        }
        writer.field("databases", spec.databases) { writer, databases in
            for (name, database) in databases.sorted(by: { $0.key < $1.key }) {
                writer.field(name) {
                    $0.field("owner", database.owner)
                    $0.field("extensions", database.extensions)
                }
            }
        }
        writer.field("replication", spec.replication) { writer, replication in
            writer.field("syncReplicas", replication.syncReplicas)
            writer.field("syncMethod", replication.syncMethod)
            writer.field("dataDurability", replication.dataDurability)
            writer.field("failoverQuorum", replication.failoverQuorum)
            writer.field("highAvailabilitySlots", replication.highAvailabilitySlots)
            writer.field("slotUpdateInterval", replication.slotUpdateInterval)
            writer.field("startDelay", replication.startDelay)
            writer.field("stopDelay", replication.stopDelay)
            writer.field("smartShutdownTimeout", replication.smartShutdownTimeout)
            writer.field("startupMaximumLag", replication.startupMaximumLag)
            writer.field("readinessMaximumLag", replication.readinessMaximumLag)
        }
        writer.field("backup", spec.backup) { writer, backup in
            writer.field("method", backup.method.rawValue)
            writer.field("objectStore", backup.objectStore)
            writer.field("storageAccount", backup.storageAccount)
            writer.field("container", backup.container)
            writer.field("retention", backup.retention)
            writer.field("schedule", backup.schedule)
            writer.field("onDemand", backup.onDemand)
            writer.field("walCompression", backup.walCompression)
            writer.field("dataCompression", backup.dataCompression)
            writer.field("walMaxParallel", backup.walMaxParallel)
            writer.field("sidecar") {
                $0.field("cpu", backup.sidecar.cpu)
                $0.field("memory", backup.sidecar.memory)
            }
        }
        writer.field("recovery", spec.recovery) { writer, recovery in
            writer.field("name", recovery.name)
            writer.field("instances", recovery.instances)
            writer.field("walMaxParallel", recovery.walMaxParallel)
            writer.field("targetTime", recovery.targetTime)
            writer.field("targetLSN", recovery.targetLSN)
            writer.field("targetName", recovery.targetName)
            writer.field("targetImmediate", recovery.targetImmediate)
            writer.field("backupID", recovery.backupID)
        }
        writer.field("monitoring", spec.monitoring) { writer, monitoring in
            writer.field("prometheus", monitoring.prometheus)
            writer.field("managedPrometheus", monitoring.managedPrometheus)
            writer.field("dashboard", monitoring.dashboard)
            writer.field("alerts", monitoring.alerts) { writer, alerts in
                writer.field("enabled", alerts.enabled)
                writer.field("replicationLagSeconds", alerts.replicationLagSeconds)
                writer.field("connectionsPercent", alerts.connectionsPercent)
                writer.field("diskUsagePercent", alerts.diskUsagePercent)
                writer.field("backupMaxAgeHours", alerts.backupMaxAgeHours)
                writer.field("runbookBaseURL", alerts.runbookBaseURL)
            }
        }
        writer.field("expose", spec.expose) { writer, expose in
            writer.field("allowedSourceRanges", expose.allowedSourceRanges)
            writer.field("allowInternet", expose.allowInternet)
            writer.field("allowTrust", expose.allowTrust)
            writer.field("dnsLabel", expose.dnsLabel)
            writer.field("publicIP", expose.publicIP)
            writer.field("readWritePort", expose.readWritePort)
            writer.field("readOnlyPort", expose.readOnlyPort)
        }
        writer.field("pooler", spec.pooler) { writer, pooler in
            writer.field("instances", pooler.instances)
            writer.field("poolMode", pooler.poolMode)
            writer.field("readOnly", pooler.readOnly)
            writer.field("parameters", sorted: pooler.parameters)
            writer.field("resources") {
                $0.field("cpu", pooler.cpu)
                $0.field("memory", pooler.memory)
            }
            writer.field("expose", pooler.expose) { writer, expose in
                writer.field("allowedSourceRanges", expose.allowedSourceRanges)
                writer.field("dnsLabel", expose.dnsLabel)
            }
        }
        writer.field("azure", spec.azure) { writer, azure in
            writer.field("subscription", azure.subscription)
            writer.field("location", azure.location)
            writer.field("resourceGroup", azure.resourceGroup)
            writer.field("aksCluster", azure.aksCluster)
            writer.field("nodeResourceGroup", azure.nodeResourceGroup)
            writer.field("kubernetesVersion", azure.kubernetesVersion)
            writer.field("tier", azure.tier)
            writer.field("authorizedIPRanges", azure.authorizedIPRanges)
            writer.field("identity") {
                $0.field("name", azure.identityName)
                $0.field("clientID", azure.identityClientID)
            }
            writer.field("controlPlaneIdentity") { $0.field("name", azure.controlPlaneIdentityName) }
            writer.field("systemPool", azure.systemPool, nodePool)
            writer.field("nodePool", azure.nodePool, nodePool)
            writer.field("grafana", azure.grafana)
            writer.field("monitorWorkspace", azure.monitorWorkspace)
            writer.field("logAnalyticsWorkspace", azure.logAnalyticsWorkspace)
            writer.field("tags", sorted: azure.tags)
        }
    }

    private static func nodePool(_ writer: inout Writer, _ pool: Spec.Azure.NodePool) {
        writer.field("name", pool.name)
        writer.field("vmSize", pool.vmSize)
        writer.field("minCount", pool.minCount)
        writer.field("maxCount", pool.maxCount)
        writer.field("taints", pool.taints)
    }

    /// A record's JSON, written field by field straight into its bytes (no tree of nodes built first): objects and
    /// arrays indented by two spaces a level, each field on its own line, empty ones as `{}` and `[]`; a field whose
    /// value is nil is left out.
    private struct Writer {
        private var bytes: [UInt8] = []
        /// The indentation of the fields of the innermost open object.
        private var indent = 0
        /// How many fields the innermost open object has so far.
        private var fields = 0

        init() { bytes.reserveCapacity(8192) }

        /// The JSON written, ended by a newline: valid UTF-8, as strings are copied whole or escaped at ASCII bytes.
        mutating func finished() -> [UInt8] {
            bytes.append(UInt8(ascii: "\n"))
            return bytes
        }

        /// An object of the fields `body` writes.
        mutating func object(_ body: (inout Writer) -> Void) {
            bytes.append(UInt8(ascii: "{"))
            let outer = fields
            fields = 0
            indent += 2
            body(&self)
            indent -= 2
            if fields > 0 { newline(indent) }
            bytes.append(UInt8(ascii: "}"))
            fields = outer
        }

        /// A field whose value is an object of the fields `body` writes.
        mutating func field(_ key: String, _ body: (inout Writer) -> Void) {
            self.key(key)
            object(body)
        }

        /// A field whose value is an object of the fields `body` writes of `value` (a section of the spec, handed to
        /// `body` rather than captured, so that no closure copies the spec); none when `value` is nil.
        mutating func field<Value>(_ key: String, _ value: Value?, _ body: (inout Writer, Value) -> Void) {
            guard let value else { return }
            field(key) { body(&$0, value) }
        }

        mutating func field(_ key: String, _ value: String?) {
            guard let value else { return }
            self.key(key)
            appendJSONString(value, to: &bytes)
        }

        mutating func field(_ key: String, _ value: Int?) {
            guard let value else { return }
            self.key(key)
            var digits = String(value)
            digits.withUTF8 { bytes.append(contentsOf: $0) }
        }

        mutating func field(_ key: String, _ value: Bool) {
            self.key(key)
            append(value ? "true" : "false")
        }

        /// A field whose value is an array of strings.
        mutating func field(_ key: String, _ values: [String]) {
            self.key(key)
            bytes.append(UInt8(ascii: "["))
            for index in values.indices {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(indent + 2)
                appendJSONString(values[index], to: &bytes)
            }
            if !values.isEmpty { newline(indent) }
            bytes.append(UInt8(ascii: "]"))
        }

        /// A field whose value is an object of the strings of `map`, in sorted key order.
        mutating func field(_ key: String, sorted map: [String: String]) {
            field(key) { writer in
                for (name, value) in map.sorted(by: { $0.key < $1.key }) { writer.field(name, value) }
            }
        }

        /// The separator after the previous field, the field's line and its key.
        private mutating func key(_ key: String) {
            if fields > 0 { bytes.append(UInt8(ascii: ",")) }
            fields += 1
            newline(indent)
            appendJSONString(key, to: &bytes)
            append(": ")
        }

        private mutating func newline(_ indent: Int) {
            bytes.append(UInt8(ascii: "\n"))
            for _ in 0..<indent { bytes.append(UInt8(ascii: " ")) }
        }

        private mutating func append(_ text: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
    }
}
