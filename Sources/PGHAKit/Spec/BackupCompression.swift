/// The compression algorithms barman-cloud's configuration accepts (`wal.compression`, `data.compression`), and the
/// fewer that older in-tree Cluster CRDs accept.
enum BackupCompression {
    /// The ObjectStore's (and CloudNativePG 1.29's and later in-tree) WAL compression values.
    static let wal = ["bzip2", "gzip", "lz4", "snappy", "xz", "zstd"]
    /// The ObjectStore's (and CloudNativePG 1.30's in-tree) base backup compression values.
    static let data = ["bzip2", "gzip", "lz4", "snappy"]
    /// What the 1.25.0 CRD accepts for both; 1.26 to 1.28, whose CRDs pgha was not checked against, are held to it.
    private static let original = ["bzip2", "gzip", "snappy"]

    /// The WAL compression values the in-tree Cluster CRD of `version` accepts.
    static func inTreeWAL(_ version: OperatorVersion) -> [String] {
        version >= OperatorVersion(major: 1, minor: 29) ? wal : original
    }

    /// The base backup compression values the in-tree Cluster CRD of `version` accepts.
    static func inTreeData(_ version: OperatorVersion) -> [String] {
        version >= OperatorVersion(major: 1, minor: 30) ? data : original
    }
}
