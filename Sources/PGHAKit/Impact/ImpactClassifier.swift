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
        zones, syncReplicas, exposure, backup, noEffect,
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
