/// What `VolumeHistoryRules` reads of the spec an output directory records (`SpecRecord`): the cluster and the sizes
/// of its volumes. A render reads it for every cluster it replaces, so only these fields are kept from the record.
public struct RecordedVolumes: Sendable, Equatable {
    /// `namespace/name` of the recorded cluster.
    let cluster: String
    /// `storage.size`, as recorded.
    let size: String?
    /// `storage.wal.size`, as recorded; nil when the cluster had no WAL volume.
    let walSize: String?

    /// The record's fields this type reads, and so the only ones `init?(record:)` keeps.
    static let fields: Set<String> = ["namespace", "name", "storage.size", "storage.wal.size"]

    /// The volumes `fields` records.
    init(_ fields: SpecFields) {
        cluster = fields.cluster
        size = fields.scalar("storage.size")
        walSize = fields.scalar("storage.wal.size")
    }

    /// The volumes a spec record's bytes record; nil when the bytes are not a record (`SpecRecord.fields`, naming
    /// its cluster).
    public init?(record bytes: [UInt8]) {
        guard let fields = FlatJSONReader.fields(bytes, keeping: Self.fields), fields.namesCluster else { return nil }
        self.init(fields)
    }
}
