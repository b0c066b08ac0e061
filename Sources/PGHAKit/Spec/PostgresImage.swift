/// CloudNativePG's PostgreSQL images (`ghcr.io/cloudnative-pg/postgresql`), pinned to a full minor release.
///
/// The minors are the `postgreSQLVersions` of `docker-bake.hcl` in cloudnative-pg/postgres-containers at a949ae5
/// (2026-08-20); 13, no longer built there, is its last minor (13.22, before dba8602). Each pgha release moves them to
/// the newest minors: a newer minor of the same major runs on every operator release pgha targets and carries the
/// fixes, so the operator version does not hold the minor back. A minor change rolls the instances one by one; a major
/// change is an upgrade (`pg_upgrade`, irreversible).
public enum PostgresImage {
    public static let repository = "ghcr.io/cloudnative-pg/postgresql"

    /// The pinned minor release of each PostgreSQL major.
    public static let minors: [Int: String] = [
        13: "13.22", 14: "14.24", 15: "15.19", 16: "16.15", 17: "17.11", 18: "18.6",
    ]

    /// The extensions CloudNativePG manages whose libraries only the `standard` (and `system`) images carry.
    static let standardOnlyExtensions = ["pgaudit", "pg_failover_slots"]

    /// The image flavour a spec needs: `system` for in-tree backups (barman-cloud runs inside the postgres
    /// container); `standard` when its parameters (`pgaudit.log`) or preloaded libraries use pgaudit or
    /// pg_failover_slots, which `minimal` lacks; `minimal` otherwise, the image the plugin's sidecar is built for.
    public static func flavour(for method: BackupMethod?, parameters: [String: String], libraries: [String]) -> String {
        if method == .inTree { return "system" }
        // Each parameter's prefix is found once and compared with both names.
        let needsStandard = libraries.contains { standardOnlyExtensions.contains($0) } || parameters.keys.contains { key in
            extensionPrefix(of: key).map { prefix in standardOnlyExtensions.contains { $0 == prefix } } ?? false
        }
        return needsStandard ? "standard" : "minimal"
    }

    /// The text before a parameter name's first "." character (`pgaudit` of `pgaudit.log`), or nil. An ASCII name
    /// (every name CloudNativePG accepts) is searched as bytes, where each character is one byte; any other by
    /// characters, in which a "." with a combining mark is not a ".".
    static func extensionPrefix(of name: String) -> Substring? {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return name.utf8.firstIndex(of: UInt8(ascii: ".")).map { name[..<$0] } }
        return name.firstIndex(of: ".").map { name[..<$0] }
    }

    /// `<repository>:<minor>-<flavour>-trixie`; the major alone when pgha knows no minor for it.
    public static func reference(major: Int, method: BackupMethod?, parameters: [String: String] = [:],
                                 libraries: [String] = []) -> String {
        "\(repository):\(minors[major] ?? String(major))-\(flavour(for: method, parameters: parameters, libraries: libraries))-trixie"
    }
}

extension PostgresImage {
    /// What moving a Cluster from image `old` to image `new` does, or nil when the tags do not say (no leading
    /// version) or the image is the same.
    public static func changeNote(from old: String, to new: String) -> String? {
        guard old != new, let oldTag = Spec.Postgres.imageTag(old), let newTag = Spec.Postgres.imageTag(new),
              let oldMajor = Spec.Postgres.majorVersion(ofImage: old), let newMajor = Spec.Postgres.majorVersion(ofImage: new)
        else { return nil }
        if oldMajor != newMajor {
            return "\(oldTag) to \(newTag) is a major upgrade (PostgreSQL \(oldMajor) to \(newMajor)): CloudNativePG runs pg_upgrade, offline and irreversible; take a backup first"
        }
        return "\(oldTag) to \(newTag) stays on PostgreSQL \(oldMajor): a rolling update, standbys first, then a switchover"
    }

    /// The notes for every Cluster whose `imageName` a unified diff (`pgha diff`'s patch) changes, as
    /// `<file>: <note>`.
    public static func changeNotes(inPatch patch: String) -> [String] {
        var notes: [String] = []
        var file = ""
        var removed: String?
        for line in patch.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("+++ b/") {
                file = String(line.dropFirst("+++ b/".count))
                removed = nil
            } else if line.hasPrefix("-  imageName: ") {
                removed = String(line.dropFirst("-  imageName: ".count))
            } else if line.hasPrefix("+  imageName: "), let old = removed,
                      let note = changeNote(from: old, to: String(line.dropFirst("+  imageName: ".count))) {
                notes.append("\(file): \(note)")
                removed = nil
            }
        }
        return notes
    }
}
