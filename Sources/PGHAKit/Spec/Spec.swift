/// A parsed spec with every default applied: the single input of validation and translation.
public struct Spec: Sendable, Equatable {
    public var name: String
    public var namespace: String
    public var instances: Int
    public var zones: [String]
    public var nodeSelector: [String: String]
    /// Node taints the instances tolerate, as `key=value:Effect`.
    public var tolerations: [String]
    public var operatorSettings: Operator
    public var postgres: Postgres
    public var resources: Resources
    public var storage: Storage
    public var bootstrap: Bootstrap
    /// Declarative roles, by name (sorted by name when rendered).
    public var roles: [String: Role]
    /// Databases besides the bootstrap one, by name.
    public var databases: [String: Database]
    public var replication: Replication
    public var backup: Backup?
    public var recovery: Recovery?
    public var monitoring: Monitoring
    public var expose: Expose?
    public var pooler: Pooler?
    public var azure: Azure

    /// Where each field was written, by spec path.
    public var sourceMap: SourceMap
    /// The SHA-256 of the spec file's bytes, in hex: deploy.sh renders again only the file it came from.
    public var sourceDigest = ""

    public struct Operator: Sendable, Equatable {
        public var namespace: String
        public var version: OperatorVersion
        public var config: [String: String]
    }

    public struct Postgres: Sendable, Equatable {
        /// The PostgreSQL major version, given or read from the image tag (nil when the tag does not say).
        public var majorVersion: Int?
        public var image: String
        public var parameters: [String: String]
        public var pgHBA: [String]
        public var sharedPreloadLibraries: [String]
        /// An image catalog to take the image from, instead of `image`.
        public var imageCatalog: ImageCatalog?

        public struct ImageCatalog: Sendable, Equatable {
            /// `ImageCatalog` (in the cluster's namespace) or `ClusterImageCatalog`.
            public var kind: String
            public var name: String
        }
    }

    public struct Resources: Sendable, Equatable {
        public var cpu: String
        public var memory: String
        public var cpuLimit: String
        public var memoryLimit: String
    }

    public struct Storage: Sendable, Equatable {
        public var size: String
        public var storageClass: String
        public var wal: Volume?
        /// Premium SSD v2 performance, when the volumes are Premium SSD v2 disks of a StorageClass pgha renders.
        public var premiumV2: PremiumV2?
        /// Local NVMe disks through Azure Container Storage: fast, but a lost node loses its volume.
        public var localNVMe: Bool

        public struct PremiumV2: Sendable, Equatable {
            public var iops: Int
            public var throughputMBps: Int
        }

        public struct Volume: Sendable, Equatable {
            public var size: String
            public var storageClass: String
        }
    }

    public struct Bootstrap: Sendable, Equatable {
        public var database: String
        public var owner: String
        public var secret: String
        public var dataChecksums: Bool
    }

    public struct Role: Sendable, Equatable {
        public var login: Bool
        public var connectionLimit: Int
        public var inRoles: [String]
    }

    public struct Database: Sendable, Equatable {
        public var owner: String
        public var extensions: [String]
    }

    public struct Replication: Sendable, Equatable {
        public var syncReplicas: Int
        /// `any` (quorum) or `first` (priority).
        public var syncMethod: String
        /// `required` (writes wait for the synchronous standbys) or `preferred` (writes go on without them).
        public var dataDurability: String
        public var failoverQuorum: Bool
        public var highAvailabilitySlots: Bool
        public var slotUpdateInterval: Int
        public var startDelay: Int
        public var stopDelay: Int
        public var smartShutdownTimeout: Int
        /// The lag a starting standby may have and still count as started.
        public var startupMaximumLag: String
        /// The lag past which a standby is not ready; nil keeps CloudNativePG's readiness probe.
        public var readinessMaximumLag: String?
    }

    public struct Backup: Sendable, Equatable {
        public var method: BackupMethod
        /// The ObjectStore's name (the Barman Cloud Plugin only).
        public var objectStore: String
        public var storageAccount: String
        public var container: String
        public var retention: String
        public var schedule: String
        public var onDemand: Bool
        /// barman-cloud's WAL compression, when set.
        public var walCompression: String?
        /// barman-cloud's base backup compression, when set.
        public var dataCompression: String?
        /// WAL files archived, and restored, in parallel.
        public var walMaxParallel: Int
        /// The plugin sidecar's CPU and memory (requests and limits alike).
        public var sidecar: Sidecar

        public struct Sidecar: Sendable, Equatable {
            public var cpu: String
            public var memory: String
        }

        /// The Azure Blob URL barman-cloud writes to.
        public var destinationPath: String { "https://\(storageAccount).blob.core.windows.net/\(container)" }
    }

    public struct Recovery: Sendable, Equatable {
        public var name: String
        public var instances: Int
        public var walMaxParallel: Int
        /// Where replay stops, as written: an RFC 3339 time, an LSN, a restore point's name, or as soon as the
        /// data is consistent. At most one is valid; none replays the whole archive.
        public var targetTime: String?
        public var targetLSN: String?
        public var targetName: String?
        public var targetImmediate: Bool
        /// The backup to restore, by its barman-cloud ID; nil: the newest before the target (or the newest).
        public var backupID: String?

        /// The spec paths of the targets that are set, in the schema's order.
        public var targetPaths: [String] {
            [("recovery.targetTime", targetTime != nil), ("recovery.targetLSN", targetLSN != nil),
             ("recovery.targetName", targetName != nil), ("recovery.targetImmediate", targetImmediate)]
                .filter(\.1).map(\.0)
        }
    }

    public struct Monitoring: Sendable, Equatable {
        public var prometheus: Bool
        public var managedPrometheus: Bool
        public var dashboard: Bool
        public var alerts: Alerts

        /// Thresholds of the alerting rules.
        public struct Alerts: Sendable, Equatable {
            public var enabled: Bool
            public var replicationLagSeconds: Int
            public var connectionsPercent: Int
            public var diskUsagePercent: Int
            public var backupMaxAgeHours: Int
            /// Where the team publishes Docs/runbooks.md; each alert then links `<runbookBaseURL>#<anchor>`.
            public var runbookBaseURL: String?
        }
    }

    public struct Expose: Sendable, Equatable {
        public var allowedSourceRanges: [String]
        public var allowInternet: Bool
        public var allowTrust: Bool
        public var dnsLabel: String
        public var publicIP: String
        public var readWritePort: Int
        public var readOnlyPort: Int
    }

    public struct Pooler: Sendable, Equatable {
        public var instances: Int
        /// `transaction` or `session`.
        public var poolMode: String
        public var readOnly: Bool
        /// PgBouncer settings, as written.
        public var parameters: [String: String]
        public var cpu: String
        public var memory: String
        public var expose: Exposure?

        /// A LoadBalancer for the poolers' Services.
        public struct Exposure: Sendable, Equatable {
            public var allowedSourceRanges: [String]
            public var dnsLabel: String?
        }
    }

    public struct Azure: Sendable, Equatable {
        /// The subscription ID every script must run in; nil to use the one `az account` has selected.
        public var subscription: String?
        public var location: String
        public var resourceGroup: String
        public var aksCluster: String
        public var nodeResourceGroup: String
        public var kubernetesVersion: String
        public var tier: String
        public var authorizedIPRanges: [String]
        /// The workload identity: the instances' federated credentials and their role on the backups.
        public var identityName: String
        public var identityClientID: String?
        /// The AKS cluster's own identity (`--assign-identity`), with Network Contributor on the node resource group.
        public var controlPlaneIdentityName: String
        public var systemPool: NodePool
        public var nodePool: NodePool
        public var grafana: String
        public var monitorWorkspace: String
        public var logAnalyticsWorkspace: String
        public var tags: [String: String]

        public struct NodePool: Sendable, Equatable {
            public var name: String
            public var vmSize: String
            public var minCount: Int
            public var maxCount: Int
            /// Taints deploy.sh gives the pool's nodes, as `key=value:Effect` (none on the system pool).
            public var taints: [String]
        }
    }
}

/// How backups reach Azure Blob Storage.
public enum BackupMethod: String, Sendable, Equatable, CaseIterable {
    /// The Barman Cloud Plugin (`barman-cloud.cloudnative-pg.io`), CloudNativePG 1.26 and later.
    case plugin
    /// The Cluster's own `backup.barmanObjectStore`, deprecated in CloudNativePG 1.26 and removed in 1.31.
    case inTree
}

/// A CloudNativePG minor version such as 1.30.
public struct OperatorVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Reads `1.30`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        self.init(major: major, minor: minor)
    }

    public var description: String { "\(major).\(minor)" }

    public static func < (lhs: OperatorVersion, rhs: OperatorVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}

/// Where each spec path was written: the location of its value (of its key, for a mapping or list).
public struct SourceMap: Sendable, Equatable {
    /// Where a written field is: its value (its key, for a mapping or list) and, when it has one, its key. One
    /// dictionary for both, so recording a field hashes its path once.
    private struct Entry: Sendable, Equatable {
        var value: SourceLocation
        var key: SourceLocation?
    }

    private var entries: [String: Entry] = [:]

    public init() {}

    /// An empty map with room for `capacity` fields.
    init(capacity: Int) {
        entries.reserveCapacity(capacity)
    }

    /// The location of the value at `path`, or of its nearest written ancestor.
    public func location(of path: String) -> SourceLocation {
        entries[nearestWrittenPath(to: path)]?.value ?? .start
    }

    /// `path` when the user wrote it, else its nearest written ancestor ("" for the document).
    public func nearestWrittenPath(to path: String) -> String {
        var current = path
        while entries[current] == nil {
            guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else { return "" }
            current = String(current[..<cut])
        }
        return current
    }

    /// Whether the user wrote the field at `path`.
    public func contains(_ path: String) -> Bool { entries[path] != nil }

    /// The location of the key of the field at `path` (for diagnostics about the key itself, such as a
    /// parameter name), or of its value when it has no key of its own.
    public func keyLocation(of path: String) -> SourceLocation {
        entries[path]?.key ?? location(of: path)
    }

    /// Records where the field at `path` is; recorded again, its value's location is replaced, and its key's when
    /// `key` is given.
    mutating func record(_ path: String, at location: SourceLocation, key: SourceLocation? = nil) {
        func update(_ entry: inout Entry) {
            entry.value = location
            if let key { entry.key = key }
        }
        update(&entries[path, default: Entry(value: location)])
    }
}

extension Spec.Replication {
    /// The first CloudNativePG version with failover quorum (as the `alpha.cnpg.io/failoverQuorum` annotation).
    public static let failoverQuorumSince = OperatorVersion(major: 1, minor: 27)
    /// The first version with `postgresql.synchronous.failoverQuorum`, which replaces the annotation.
    public static let failoverQuorumFieldSince = OperatorVersion(major: 1, minor: 28)
    /// The first version with the `streaming` probe strategy and `maximumLag`.
    public static let streamingProbesSince = OperatorVersion(major: 1, minor: 26)
}
