/// What Kubernetes cannot do to a cluster already rendered (PGHA016x), judged against the spec its output directory
/// records (`SpecRecord`) for the same namespace and name: a PersistentVolumeClaim never shrinks, and CloudNativePG
/// never removes a WAL volume. `render`, `check` and `diff` apply these rules when the output directory holds a record.
enum VolumeHistoryRules {
    /// The rules against `recorded`, read from the record at `path` in the output directory (`.pgha/spec.json`, in a
    /// fleet member's folder for a fleet), which the messages name.
    static func check(_ spec: Spec, recorded: RecordedVolumes, at path: String) -> [Diagnostic] {
        // Another cluster rendered into the same directory replaces that one; its volumes are new.
        guard recorded.cluster == "\(spec.namespace)/\(spec.name)" else { return [] }
        var context = ValidationContext(spec: spec)
        checkSize("storage.size", spec.storage.size, recorded: recorded.size, record: path, &context)
        if let wal = spec.storage.wal {
            checkSize("storage.wal.size", wal.size, recorded: recorded.walSize, record: path, &context)
        } else if let recordedWAL = recorded.walSize {
            context.error(.walVolumeRemoved, "storage.wal is removed, but the output directory records a \(recordedWAL) WAL volume (\(path)): CloudNativePG cannot remove a cluster's WAL volume",
                          at: "storage.wal", hint: "keep storage.wal; to keep WAL on the data volume, render into a new directory for a new cluster and move the data there (restore a backup into it)")
        }
        return context.diagnostics
    }

    /// The warning for a record that is not one (`RecordedVolumes(record:)` is nil): a file edited by hand, or cut
    /// short, hides the volumes it recorded, and the change goes ahead unchecked; `path` as for `check`.
    static func unreadable(_ spec: Spec, at path: String) -> [Diagnostic] {
        var context = ValidationContext(spec: spec)
        context.warning(.unreadableVolumeRecord, "the spec record the output directory holds where this spec renders (\(path)) cannot be read, so pgha cannot tell whether a volume shrinks or the WAL volume is removed (PGHA0160, PGHA0161)",
                        at: "storage", hint: "restore \(path) from version control, or render into a new directory; a render writes a new record")
        return context.diagnostics
    }

    private static func checkSize(_ path: String, _ size: String, recorded: String?, record: String, _ context: inout ValidationContext) {
        guard let recordedSize = recorded, let old = Quantity(recordedSize), let new = Quantity(size),
              new.value < old.value else { return }
        context.error(.volumeShrinks, "\(path) is \(size)\(context.defaultMarker(unlessWritten: path)), smaller than the \(recordedSize) the output directory records (\(record)): a PersistentVolumeClaim cannot shrink",
                      at: path, hint: "keep \(recordedSize) or more; for smaller volumes, render into a new directory for a new cluster and move the data there (restore a backup into it)")
    }
}
