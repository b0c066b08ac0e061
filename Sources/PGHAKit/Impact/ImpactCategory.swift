/// What kind of operational consequence a change has once CloudNativePG applies it; `--fail-on` names these.
public enum ImpactCategory: String, Sendable, CaseIterable, Comparable {
    /// Pods are recreated one at a time: every instance restarts (a `postmaster` parameter, preloaded libraries,
    /// resources, tolerations, probes and delays), or every PgBouncer pod of a pooler (its resources).
    case restart
    /// The instances reload their configuration without restarting (a `sighup` or session parameter, pg_hba).
    case reload
    /// Applied while everything runs, without restarting PostgreSQL: objects inside the database (roles, databases,
    /// extensions), replication slots, the smart shutdown timeout, the PgBouncer poolers' existence.
    case online
    /// Nothing changes for the running instances.
    case noEffect = "no-effect"
    /// A volume grows: CloudNativePG resizes the PVCs online.
    case volumeExpansion = "volume-expansion"
    /// A volume shrinks or is removed: CloudNativePG refuses it.
    case volumeShrink = "volume-shrink"
    /// A storage class changes: existing PVCs keep theirs, CloudNativePG refuses the change.
    case storageClass = "storage-class"
    /// The PostgreSQL major version changes: offline and irreversible (a downgrade is refused).
    case majorUpgrade = "major-upgrade"
    /// The image changes within a major version: a rolling update.
    case minorUpdate = "minor-update"
    /// Instances are added or removed.
    case scale
    /// The availability zones change.
    case zones
    /// How commits wait for synchronous standbys changes (writes may block, a failover may lose commits).
    case syncReplication = "sync-replication"
    /// Access widens: public endpoints added or opened to more sources, a role that may log in or gains a role's
    /// privileges: a security review.
    case exposure
    /// Access narrows: public endpoints or poolers removed or open to fewer sources, a role that may no longer log in
    /// or loses a role's privileges: clients may lose access.
    case exposureReduced = "exposure-reduced"
    /// pg_hba accepts more connections: a security review.
    case pgHBALoosened = "pg-hba-loosened"
    /// Backups change schedule, retention or destination, start or stop.
    case backup
    /// A cluster appears.
    case clusterCreated = "cluster-created"
    /// A cluster and its data are deleted (its spec left the fleet, or it was renamed).
    case clusterDeleted = "cluster-deleted"
    /// pgha cannot tell what the change does.
    case unclassified

    /// Orders impact lines: the categories in declaration order.
    public static func < (lhs: ImpactCategory, rhs: ImpactCategory) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
