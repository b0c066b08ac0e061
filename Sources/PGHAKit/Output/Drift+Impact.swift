/// Where `Drift` finds the spec records (`SpecRecord`) of the rendering and of the output directory, and what it
/// makes of them (`ImpactClassifier`).
extension Drift {
    /// Whether `path` is a spec record: `.pgha/spec.json` in the output directory or in a fleet member's folder.
    static func isSpecRecord(_ path: String) -> Bool {
        path == SpecRecord.path || path.hasSuffix("/" + SpecRecord.path)
    }

    /// The impact of each spec rendered in `artifacts`, against the record `existing` holds at the same path: none
    /// when the directory holds nothing of that spec's folder (a new cluster), unclassified when it holds the
    /// folder's files but no readable record. A record identical to the one on disk has none, and is not parsed
    /// (parsing both records was a fifth of checking an unchanged fleet).
    static func impacts(of artifacts: [Artifact], existing: [String: ExistingFile], in directory: OutputDirectory) -> [Impact] {
        artifacts.filter { isSpecRecord($0.path) }.flatMap { record -> [Impact] in
            if let file = existing[record.path], matches(record, file) { return [] }
            guard let new = SpecRecord.fields(record.bytes) else { return [] }
            guard let file = existing[record.path] else {
                let folder = String(record.path.dropLast(SpecRecord.path.count))
                guard directory.holdsFiles(below: folder) else { return ImpactClassifier.classify(from: nil, to: new) }
                return [ImpactClassifier.unrecorded(new)]
            }
            guard let old = file.bytes.flatMap(recordedFields) else { return [ImpactClassifier.unreadableRecord(new)] }
            return ImpactClassifier.classify(from: old, to: new)
        }
    }

    /// The fields of a spec record the output directory holds, or nil when its bytes are not one: not a JSON object, or
    /// one without the cluster's `name` and `namespace` (changed by hand), which would otherwise read as another
    /// cluster and make the change a deletion.
    static func recordedFields(_ bytes: [UInt8]) -> SpecFields? {
        guard let fields = SpecRecord.fields(bytes), fields.namesCluster else { return nil }
        return fields
    }

    /// The deleted clusters among the files of `directory` that nothing renders: those whose spec record is there.
    static func impactsOfRemoved(_ unrendered: [String], in directory: OutputDirectory) throws(OutputDirectory.Failure) -> [Impact] {
        var impacts: [Impact] = []
        for path in unrendered.sorted() where isSpecRecord(path) {
            guard let old = try directory.file(at: path)?.bytes.flatMap(recordedFields) else {
                impacts.append(Impact(.clusterDeleted, cluster: String(path.dropLast(SpecRecord.path.count + 1)), field: "",
                                      "the folder's manifests are removed, and its spec record cannot be read"))
                continue
            }
            impacts += ImpactClassifier.classify(from: old, to: nil)
        }
        return impacts
    }
}
