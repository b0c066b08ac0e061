/// Says what CloudNativePG will do when a cluster's spec changes from one record (`SpecRecord`) to another: one
/// `Impact` per consequence, and an `unclassified` one for every changed field no rule knows.
public enum ImpactClassifier {
    /// The impact of going from `old` to `new`; nil on either side is a cluster that does not exist there.
    public static func classify(from old: SpecFields?, to new: SpecFields?) -> [Impact] {
        switch (old, new) {
        case (nil, nil):
            return []
        case (nil, let new?):
            return [created(new)]
        case (let old?, nil):
            return [deleted(old)]
        case (let old?, let new?):
            guard old.cluster == new.cluster else { return [deleted(old), created(new)] }
            var change = Change(old: old, new: new)
            for rule in rules { rule(&change) }
            change.classifyRest()
            return change.impacts.sorted(by: Impact.ordered)
        }
    }

    /// The impact of a cluster whose record is missing from an output directory that holds its other files.
    public static func unrecorded(_ new: SpecFields) -> Impact {
        Impact(.unclassified, cluster: new.cluster, field: "",
               "the output directory holds this cluster's files but no \(SpecRecord.path) (a pgha that did not record its spec rendered it), so the change cannot be classified")
    }

    /// The impact of a cluster whose record in the output directory is not a record pgha can read (not JSON, or
    /// changed by hand).
    public static func unreadableRecord(_ new: SpecFields) -> Impact {
        Impact(.unclassified, cluster: new.cluster, field: "",
               "the output directory's \(SpecRecord.path) of this cluster cannot be read as a spec record (not JSON, or changed by hand), so the change cannot be classified")
    }

    static func created(_ new: SpecFields) -> Impact {
        Impact(.clusterCreated, cluster: new.cluster, field: "", "a new cluster: CloudNativePG creates it, empty, with \(new.scalar("instances") ?? "?") instances")
    }

    static func deleted(_ old: SpecFields) -> Impact {
        Impact(.clusterDeleted, cluster: old.cluster, field: "",
               "the cluster's manifests are removed: a GitOps controller that prunes deletes the Cluster, its volumes and its data (backups in object storage stay)")
    }

    /// The rules, each taking the fields it classifies out of the change.
    static let rules: [@Sendable (inout Change) -> Void] = [
        postgresVersion, parameters, preloadLibraries, pgHBA, resources, volumeSizes, storageClasses, instances,
        zones, syncReplicas, exposure, backup, scheduling, instanceLifecycle, replicationSlots, premiumV2, localNVMe,
        pooler, roles, databases, alertsAndDashboard, noEffect,
    ]

    static let restartOrder = "the standbys one at a time, then the primary (restarted in place with CloudNativePG's default primaryUpdateMethod: writes stop while it restarts)"

    static func postgresVersion(_ change: inout Change) {
        guard !change.take(["postgres.version", "postgres.image"]).isEmpty else { return }
        let old = change.old.scalar("postgres.version").flatMap { Int($0) }
        let new = change.new.scalar("postgres.version").flatMap { Int($0) }
        if let old, let new, old != new {
            let message = new > old
                ? "PostgreSQL \(old) -> \(new): an offline major upgrade (pg_upgrade); every instance stops, and it cannot be undone: back up first"
                : "PostgreSQL \(old) -> \(new): a major-version downgrade, which CloudNativePG refuses"
            change.add(.majorUpgrade, "postgres.version", message)
        } else if old == nil || new == nil {
            change.add(.unclassified, "postgres.image", "\(change.shown("postgres.image")): the major version of an image is unknown")
        } else {
            change.add(.minorUpdate, "postgres.image", "\(change.shown("postgres.image")): a rolling update to the new image, \(restartOrder)")
        }
    }

    static func parameters(_ change: inout Change) {
        let prefix = "postgres.parameters."
        let major = change.new.scalar("postgres.version").flatMap { Int($0) } ?? change.old.scalar("postgres.version").flatMap { Int($0) }
        for path in change.take(where: { $0.hasPrefix(prefix) }) {
            let name = String(path.dropFirst(prefix.count))
            let values = change.shown(path)
            guard let major, let setting = GUCCatalog.setting(named: name, forMajor: major) else {
                change.add(.unclassified, path, "\(values): not a parameter PostgreSQL \(major.map(String.init) ?? "?") knows")
                continue
            }
            switch setting.context {
            case .postmaster:
                change.add(.restart, path, "\(values): a postmaster parameter; every instance restarts, \(restartOrder)")
            case .sighup, .superuser, .user, .backend, .superuserBackend:
                change.add(.reload, path, "\(values): a \(setting.context.rawValue) parameter; the instances reload their configuration, no restart")
            case .internal:
                change.add(.unclassified, path, "\(values): an internal parameter, which the server does not let anyone set")
            }
        }
    }

    static func preloadLibraries(_ change: inout Change) {
        for path in change.take(["postgres.sharedPreloadLibraries"]) {
            change.add(.restart, path, "\(change.shown(path)): shared_preload_libraries is a postmaster parameter; every instance restarts, \(restartOrder)")
        }
    }

    static func pgHBA(_ change: inout Change) {
        for path in change.take(["postgres.pgHBA"]) {
            let old = change.old[path]?.items ?? [], new = change.new[path]?.items ?? []
            let added = new.filter { !old.contains($0) }, removed = old.filter { !new.contains($0) }
            let accepts = { (line: String) in !line.split(separator: " ").contains("reject") }
            var parts: [String] = []
            if !added.isEmpty { parts.append("adds " + added.map { "'\($0)'" }.joined(separator: ", ")) }
            if !removed.isEmpty { parts.append("removes " + removed.map { "'\($0)'" }.joined(separator: ", ")) }
            if parts.isEmpty { parts.append("reorders the rules") }
            let summary = parts.joined(separator: "; ")
            if added.contains(where: accepts) || removed.contains(where: { !accepts($0) }) || (added.isEmpty && removed.isEmpty) {
                change.add(.pgHBALoosened, path, "\(summary): pg_hba may accept connections it refused; review for security (applied by a reload)")
            } else {
                change.add(.reload, path, "\(summary): pg_hba accepts fewer connections; the instances reload it, no restart")
            }
        }
    }

    static func resources(_ change: inout Change) {
        for path in change.take(where: { $0.isWithin("resources") }) {
            change.add(.restart, path, "\(change.shown(path)): every instance's pod is recreated with the new resources, \(restartOrder)")
        }
    }

    static func volumeSizes(_ change: inout Change) {
        if change.old.has("storage.wal") && !change.new.has("storage.wal") {
            change.take(where: { $0.isWithin("storage.wal") })
            change.add(.volumeShrink, "storage.wal", "removing the WAL volume, which CloudNativePG refuses")
        }
        guard change.old.has("storage.wal") == change.new.has("storage.wal") else { return }
        for path in change.take(["storage.size", "storage.wal.size"]) {
            guard let old = change.old.scalar(path).flatMap(Quantity.init), let new = change.new.scalar(path).flatMap(Quantity.init) else {
                change.add(.unclassified, path, "\(change.shown(path)): not two sizes pgha can compare")
                continue
            }
            if new.value > old.value {
                change.add(.volumeExpansion, path, "\(change.shown(path)): CloudNativePG expands every instance's volume online (Azure disks that support it; others resize when their pod restarts)")
            } else {
                change.add(.volumeShrink, path, "\(change.shown(path)): a volume cannot shrink; CloudNativePG refuses the change")
            }
        }
    }

    static func storageClasses(_ change: inout Change) {
        guard change.old.has("storage.wal") == change.new.has("storage.wal") else { return }
        for path in change.take(["storage.storageClass", "storage.wal.storageClass"]) {
            change.add(.storageClass, path, "\(change.shown(path)): the class of an existing volume cannot change; only volumes created from now on get it")
        }
    }

    static func instances(_ change: inout Change) {
        for path in change.take(["instances"]) {
            guard let old = change.old.scalar(path).flatMap({ Int($0) }), let new = change.new.scalar(path).flatMap({ Int($0) }) else {
                change.add(.unclassified, path, "\(change.shown(path)): not two numbers of instances")
                continue
            }
            let message = new > old
                ? "scale out \(old) -> \(new): CloudNativePG adds \(new - old) standby(s), each cloned from the primary"
                : "scale in \(old) -> \(new): CloudNativePG removes \(old - new) standby(s) and their volumes"
            change.add(.scale, path, message)
        }
    }

    static func zones(_ change: inout Change) {
        for path in change.take(["zones"]) {
            change.add(.zones, path, "\(change.shown(path)): new and rescheduled instances follow the new zones; running ones are not moved, and the node pool's zones are fixed when deploy.sh creates it")
        }
    }

    static func syncReplicas(_ change: inout Change) {
        for path in change.take(["replication.syncReplicas"]) {
            let new = change.new.scalar(path).flatMap { Int($0) } ?? 0
            let message = new == 0
                ? "\(change.shown(path)): commits no longer wait for a standby; a failover may lose the last commits"
                : "\(change.shown(path)): each commit waits for \(new) standby(s); writes block while fewer are available"
            change.add(.syncReplication, path, message)
        }
        for path in change.take(["replication.syncMethod", "replication.dataDurability", "replication.failoverQuorum"]) {
            change.add(.syncReplication, path, "\(change.shown(path)): how commits wait for standbys, and whether a failover waits for a quorum of them, changes")
        }
    }

    static func exposure(_ change: inout Change) {
        let old = change.old.has("expose"), new = change.new.has("expose")
        if old != new {
            change.take(where: { $0.isWithin("expose") })
            if new {
                let ranges = change.new["expose.allowedSourceRanges"]?.description ?? "[]"
                change.add(.exposure, "expose", "public LoadBalancer Services are added, open to \(ranges): review for security")
            } else {
                change.add(.exposureReduced, "expose", "the public Services are removed: clients outside the AKS cluster lose access")
            }
            return
        }
        for path in change.take(["expose.allowedSourceRanges"]) {
            let oldRanges = change.old[path]?.items ?? [], newRanges = change.new[path]?.items ?? []
            let added = newRanges.filter { !oldRanges.contains($0) }, removed = oldRanges.filter { !newRanges.contains($0) }
            if added.isEmpty {
                change.add(.exposureReduced, path, "no longer open to \(removed.joined(separator: ", ")): clients there lose access")
            } else {
                change.add(.exposure, path, "now also open to \(added.joined(separator: ", ")): review for security")
            }
        }
        for path in change.take(["expose.allowInternet"]) {
            let category: ImpactCategory = change.new.scalar(path) == "true" ? .exposure : .exposureReduced
            change.add(category, path, "\(change.shown(path)): whether the public Services may be open to the whole internet")
        }
    }

    static func backup(_ change: inout Change) {
        let old = change.old.has("backup"), new = change.new.has("backup")
        if old != new {
            change.take(where: { $0.isWithin("backup") })
            let message = new
                ? "continuous backup starts (base backups and WAL archive to \(change.new.scalar("backup.storageAccount") ?? "?")/\(change.new.scalar("backup.container") ?? "?"))"
                : "continuous backup stops: no new base backups or archived WAL, so no point-in-time recovery past now (existing backups stay in the container)"
            change.add(.backup, "backup", message)
            return
        }
        for path in change.take(["backup.storageAccount", "backup.container"]) {
            change.add(.backup, path, "\(change.shown(path)): base backups and WAL go to a new destination, which must not already hold another cluster's archive")
        }
        for path in change.take(["backup.schedule"]) {
            change.add(.backup, path, "\(change.shown(path)): base backups run on the new schedule")
        }
        for path in change.take(["backup.retention"]) {
            change.add(.backup, path, "\(change.shown(path)): CloudNativePG deletes backups and WAL older than the new retention")
        }
    }

    static func scheduling(_ change: inout Change) {
        for path in change.take(["tolerations"]) {
            change.add(.restart, path, "\(change.shown(path)): every instance's pod is recreated with the new tolerations, \(restartOrder)")
        }
        for path in change.take(["azure.nodePool.taints"]) {
            change.add(.noEffect, path, "\(change.shown(path)): deploy.sh replaces the PostgreSQL node pool's taints when it runs; instances that tolerate them are not touched, pods that do not are no longer scheduled there (and a NoExecute taint evicts them)")
        }
    }

    /// Settings of the instance pods themselves (probes, termination grace period): CloudNativePG rolls the pods. The
    /// smart shutdown timeout is read from the Cluster by the instance managers when they stop PostgreSQL.
    static func instanceLifecycle(_ change: inout Change) {
        let fields = ["startDelay", "stopDelay", "startupMaximumLag", "readinessMaximumLag"].map { "replication." + $0 }
        for path in change.take(fields) {
            change.add(.restart, path, "\(change.shown(path)): the instances' probes and shutdown timing are part of their pods; every instance's pod is recreated, \(restartOrder)")
        }
        for path in change.take(["replication.smartShutdownTimeout"]) {
            change.add(.online, path, "\(change.shown(path)): the instance managers read it from the Cluster when they next stop PostgreSQL; no restart")
        }
    }

    static func replicationSlots(_ change: inout Change) {
        for path in change.take(["replication.highAvailabilitySlots", "replication.slotUpdateInterval"]) {
            change.add(.online, path, "\(change.shown(path)): the instance managers create, drop or update the standbys' replication slots online, no restart")
        }
    }

    /// Premium SSD v2's performance: from Kubernetes 1.34 a VolumeAttributesClass, which CloudNativePG moves the
    /// volumes to; before, the StorageClass, whose parameters Kubernetes does not let change.
    static func premiumV2(_ change: inout Change) {
        let old = change.old.has("storage.premiumV2"), new = change.new.has("storage.premiumV2")
        let modifiable = { (record: SpecFields) in
            record.scalar("azure.kubernetesVersion").map(KubernetesSupport.hasVolumeAttributesClasses) ?? false
        }
        if old != new {
            change.take(where: { $0.isWithin("storage.premiumV2") })
            let performance = modifiable(change.new)
                ? "; CloudNativePG also names the Premium SSD v2 VolumeAttributesClass on the existing volumes, whose Premium SSD disks cannot take its IOPS and throughput (their claims report the modification failing)"
                : ""
            change.add(.storageClass, "storage.premiumV2", new
                ? "Premium SSD v2 volumes: the StorageClass \(change.new.scalar("storage.storageClass") ?? "?") is added, but existing volumes keep their class; only volumes created from now on are Premium SSD v2" + performance
                : "no more Premium SSD v2: existing volumes stay Premium SSD v2; only volumes created from now on get the new class")
            return
        }
        if old, modifiable(change.old) != modifiable(change.new) {
            let parameters = { (record: SpecFields) in
                modifiable(record) ? "3000 IOPS, 125 MB/s"
                    : "\(record.scalar("storage.premiumV2.iops") ?? "?") IOPS, \(record.scalar("storage.premiumV2.throughputMBps") ?? "?") MB/s"
            }
            let (before, after) = (parameters(change.old), parameters(change.new))
            if before != after {
                change.add(.storageClass, "azure.kubernetesVersion", "\(change.shown("azure.kubernetesVersion")): the Premium SSD v2 StorageClass's parameters change from \(before) to \(after) (Kubernetes 1.34 and later keep the performance in a VolumeAttributesClass), which Kubernetes refuses: delete the StorageClass \(change.new.scalar("storage.storageClass") ?? "?") before applying")
            }
        }
        for path in change.take(["storage.premiumV2.iops", "storage.premiumV2.throughputMBps"]) {
            guard !(modifiable(change.old) && modifiable(change.new)) else {
                change.add(.online, path, "\(change.shown(path)): the disks change performance online: CloudNativePG moves every volume to the new VolumeAttributesClass and the Azure Disk CSI driver updates each disk; no restart")
                continue
            }
            change.add(.storageClass, path, "\(change.shown(path)): a StorageClass's parameters cannot change, so applying it fails until the StorageClass is deleted and applied again; existing disks keep their performance (change it with az disk update)")
        }
    }

    static func localNVMe(_ change: inout Change) {
        for path in change.take(["storage.localNVMe"]) {
            let message = change.new.scalar(path) == "true"
                ? "local NVMe: deploy.sh enables Azure Container Storage and the StorageClass is added, but existing volumes keep their class; only volumes created from now on are local, and lost with their node"
                : "no more local NVMe: existing volumes stay on their nodes' disks; only volumes created from now on get the new class"
            change.add(.storageClass, path, "\(change.shown(path)): \(message)")
        }
    }

    static func pooler(_ change: inout Change) {
        let old = change.old.has("pooler"), new = change.new.has("pooler")
        if old != new {
            change.take(where: { $0.isWithin("pooler") })
            if new {
                let exposed = change.new.has("pooler.expose")
                change.add(exposed ? .exposure : .online, "pooler", exposed
                    ? "PgBouncer poolers are added, with public LoadBalancer Services open to \(change.new["pooler.expose.allowedSourceRanges"]?.description ?? "[]"): review for security"
                    : "PgBouncer poolers are added (Services \(poolerNames(change.new))); the instances are not touched")
            } else {
                change.add(.exposureReduced, "pooler", "the PgBouncer poolers are removed: clients connecting through \(poolerNames(change.old)) lose their endpoint")
            }
            return
        }
        for path in change.take(["pooler.readOnly"]) {
            if change.new.scalar(path) == "true" {
                change.add(.online, path, "\(change.shown(path)): a read-only pooler is added in front of the standbys")
            } else {
                change.add(.exposureReduced, path, "\(change.shown(path)): the read-only pooler is removed: its clients lose their endpoint")
            }
        }
        for path in change.take(["pooler.instances"]) {
            change.add(.scale, path, "\(change.shown(path)): PgBouncer pods are added or removed; a removed pod's clients reconnect")
        }
        for path in change.take(where: { $0 == "pooler.poolMode" || $0.isWithin("pooler.parameters") }) {
            change.add(.reload, path, "\(change.shown(path)): PgBouncer reloads its configuration, its connections stay")
        }
        for path in change.take(where: { $0.isWithin("pooler.resources") }) {
            change.add(.restart, path, "\(change.shown(path)): every PgBouncer pod is recreated, one at a time, and its clients reconnect; PostgreSQL does not restart")
        }
        poolerExposure(&change)
    }

    private static func poolerExposure(_ change: inout Change) {
        let old = change.old.has("pooler.expose"), new = change.new.has("pooler.expose")
        if old != new {
            change.take(where: { $0.isWithin("pooler.expose") })
            if new {
                change.add(.exposure, "pooler.expose", "the poolers get public LoadBalancer Services open to \(change.new["pooler.expose.allowedSourceRanges"]?.description ?? "[]"): review for security")
            } else {
                change.add(.exposureReduced, "pooler.expose", "the poolers' public Services become internal: clients outside the AKS cluster lose access")
            }
            return
        }
        for path in change.take(["pooler.expose.allowedSourceRanges"]) {
            let oldRanges = change.old[path]?.items ?? [], newRanges = change.new[path]?.items ?? []
            let added = newRanges.filter { !oldRanges.contains($0) }
            change.add(added.isEmpty ? .exposureReduced : .exposure, path, added.isEmpty
                ? "\(change.shown(path)): the poolers are open to fewer sources; clients elsewhere lose access"
                : "\(change.shown(path)): the poolers are now also open to \(added.joined(separator: ", ")): review for security")
        }
        for path in change.take(["pooler.expose.dnsLabel"]) {
            change.add(.exposureReduced, path, "\(change.shown(path)): the poolers' public DNS name changes; clients using the old name lose access")
        }
    }

    /// The Services of a record's poolers, as impact lines name them.
    private static func poolerNames(_ fields: SpecFields) -> String {
        let name = fields.scalar("name") ?? "?"
        return fields.scalar("pooler.readOnly") == "true" ? "\(name)-pooler-rw, \(name)-pooler-ro" : "\(name)-pooler-rw"
    }

    /// The names of the entries of a map field (`roles`, `databases`) on either side of the change.
    private static func entries(_ field: String, _ change: Change) -> [String] {
        let names = [change.old, change.new].flatMap { fields in
            fields.values.keys.filter { $0.hasPrefix(field + ".") }.compactMap { $0.dropFirst(field.count + 1).split(separator: ".").first.map(String.init) }
        }
        return Set(names).sorted()
    }

    static func roles(_ change: inout Change) {
        for role in entries("roles", change) {
            let prefix = "roles.\(role)"
            let old = change.old.has(prefix), new = change.new.has(prefix)
            if old != new {
                change.take(where: { $0.isWithin(prefix) })
                let login = change.new.scalar(prefix + ".login") == "true"
                change.add(new && login ? .exposure : .online, prefix, new
                    ? "CloudNativePG creates the role \(role) online\(login ? ", which may log in with the password deploy.sh generates: review for security" : "")"
                    : "CloudNativePG stops managing the role \(role); the role and its grants stay in PostgreSQL (drop it yourself if it should go)")
                continue
            }
            for path in change.take([prefix + ".login"]) {
                let login = change.new.scalar(path) == "true"
                change.add(login ? .exposure : .exposureReduced, path, login
                    ? "\(change.shown(path)): the role \(role) may now log in: review for security"
                    : "\(change.shown(path)): the role \(role) may no longer log in; its clients lose access")
            }
            for path in change.take([prefix + ".inRoles"]) {
                let oldRoles = change.old[path]?.items ?? [], newRoles = change.new[path]?.items ?? []
                let gained = newRoles.filter { !oldRoles.contains($0) }
                change.add(gained.isEmpty ? .exposureReduced : .exposure, path, gained.isEmpty
                    ? "\(change.shown(path)): the role \(role) loses privileges; its clients may lose access"
                    : "\(change.shown(path)): the role \(role) gains the privileges of \(gained.joined(separator: ", ")): review for security")
            }
            for path in change.take([prefix + ".connectionLimit"]) {
                change.add(.online, path, "\(change.shown(path)): CloudNativePG alters the role online; connections over a lower limit stay, new ones are refused")
            }
        }
    }

    static func databases(_ change: inout Change) {
        for database in entries("databases", change) {
            let prefix = "databases.\(database)"
            let old = change.old.has(prefix), new = change.new.has(prefix)
            if old != new {
                change.take(where: { $0.isWithin(prefix) })
                change.add(.online, prefix, new
                    ? "CloudNativePG creates the database \(database) online, owned by \(change.new.scalar(prefix + ".owner") ?? "?")"
                    : "CloudNativePG stops managing the database \(database); the database and its data stay in PostgreSQL (drop it yourself if it should go)")
                continue
            }
            for path in change.take([prefix + ".owner"]) {
                change.add(.online, path, "\(change.shown(path)): CloudNativePG changes the database's owner online")
            }
            for path in change.take([prefix + ".extensions"]) {
                let oldItems = change.old[path]?.items ?? [], newItems = change.new[path]?.items ?? []
                let removed = oldItems.filter { !newItems.contains($0) }
                change.add(.online, path, "\(change.shown(path)): CloudNativePG creates the added extensions online"
                           + (removed.isEmpty ? "" : "; removed ones (\(removed.joined(separator: ", "))) stay installed"))
            }
        }
    }

    static func alertsAndDashboard(_ change: inout Change) {
        for path in change.take(where: { $0.isWithin("monitoring.alerts") }) {
            change.add(.noEffect, path, "\(change.shown(path)): the alerting rules change (the PrometheusRule, and the Azure rule group when deploy.sh runs); the instances are not touched")
        }
        for path in change.take(["monitoring.dashboard"]) {
            change.add(.noEffect, path, "\(change.shown(path)): whether deploy.sh installs the Grafana dashboard (turning it off removes nothing); the instances are not touched")
        }
    }

    static func noEffect(_ change: inout Change) {
        for path in change.take(["backup.onDemand"]) {
            change.add(.noEffect, path, "\(change.shown(path)): only the one-off Backup in oneoff/ changes")
        }
        for path in change.take(where: { $0.isWithin("bootstrap") }) {
            change.add(.noEffect, path, "\(change.shown(path)): bootstrap applies only when a cluster is created; the existing one is not touched")
        }
        for path in change.take(where: { $0.isWithin("recovery") }) {
            change.add(.noEffect, path, "\(change.shown(path)): only the one-off recovery Cluster in oneoff/ changes")
        }
        for path in change.take(where: { $0.isWithin("monitoring") }) {
            change.add(.noEffect, path, "\(change.shown(path)): a PodMonitor is added or removed; the instances are not touched")
        }
    }

    /// A change from one record to another while rules classify it: the fields still to classify, and the
    /// impacts found so far.
    struct Change {
        let old: SpecFields
        let new: SpecFields
        private(set) var remaining: Set<String>
        private(set) var impacts: [Impact] = []

        init(old: SpecFields, new: SpecFields) {
            self.old = old
            self.new = new
            remaining = Set(old.values.keys).union(new.values.keys).filter { old[$0] != new[$0] }
        }

        /// Takes those of `paths` that changed, in order.
        mutating func take(_ paths: [String]) -> [String] {
            take(where: paths.contains)
        }

        /// Takes the changed paths that match `predicate`, sorted.
        @discardableResult
        mutating func take(where predicate: (String) -> Bool) -> [String] {
            let taken = remaining.filter(predicate).sorted()
            remaining.subtract(taken)
            return taken
        }

        mutating func add(_ category: ImpactCategory, _ field: String, _ message: String) {
            impacts.append(Impact(category, cluster: new.cluster, field: field, message))
        }

        /// `old -> new` for the field at `path`, `(unset)` for a side without it.
        func shown(_ path: String) -> String {
            "\(old[path]?.description ?? "(unset)") -> \(new[path]?.description ?? "(unset)")"
        }

        /// Every field no rule took, as unclassified.
        mutating func classifyRest() {
            for path in take(where: { _ in true }) {
                add(.unclassified, path, "\(shown(path)): pgha cannot tell what CloudNativePG does with this change")
            }
        }
    }
}
