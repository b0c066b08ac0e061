import Foundation

/// How an output directory differs from what rendering would write there, file by file.
public struct Drift: Sendable, Equatable {
    /// What rendering would do to one file.
    public enum Change: String, Sendable, Equatable {
        /// Rendering would create it.
        case added
        /// Rendering would rewrite it (other bytes, another mode, or not a regular file now).
        case changed
        /// Rendering would delete it.
        case removed
    }

    /// One file that differs.
    public struct Entry: Sendable, Equatable {
        /// The file's path relative to the output directory.
        public var path: String
        public var change: Change

        public init(_ change: Change, _ path: String) {
            self.path = path
            self.change = change
        }
    }

    /// The differing files, sorted by path.
    public var entries: [Entry]

    /// Whether the directory holds exactly what rendering would write.
    public var isEmpty: Bool { entries.isEmpty }

    /// How one part of a rendering (a spec's files) compares with the output directory.
    public struct Comparison: Sendable {
        /// The part's files that differ from the directory's.
        public var entries: [Entry]
        /// The files of the directory that the part renders.
        public var existingPaths: [String]

        /// Compares `artifacts` with the files at the same paths in `directory`, reading only those.
        public init(_ artifacts: [Artifact], against directory: OutputDirectory) throws {
            let paths = artifacts.map(\.path)
            entries = Drift(rendered: artifacts, existing: try directory.files(at: paths)).entries
            existingPaths = directory.listed(paths)
        }
    }

    /// How `directory` differs from the parts compared with it: their differences, and the files of `directory` that
    /// no part renders, as removed.
    public init(_ parts: [Comparison], against directory: OutputDirectory) {
        var entries = parts.flatMap(\.entries)
        let rendered = Set(parts.flatMap(\.existingPaths))
        entries += directory.files.keys.filter { !rendered.contains($0) }.map { Entry(.removed, $0) }
        self.entries = entries.sorted { $0.path < $1.path }
    }

    /// Compares `rendered` with the files `existing` holds.
    public init(rendered: [Artifact], existing: [String: ExistingFile]) {
        var entries: [Entry] = []
        var renderedPaths = Set<String>(minimumCapacity: rendered.count)
        for artifact in rendered {
            renderedPaths.insert(artifact.path)
            guard let file = existing[artifact.path] else {
                entries.append(Entry(.added, artifact.path))
                continue
            }
            if !Drift.matches(artifact, file) { entries.append(Entry(.changed, artifact.path)) }
        }
        for path in existing.keys where !renderedPaths.contains(path) {
            entries.append(Entry(.removed, path))
        }
        self.entries = entries.sorted { $0.path < $1.path }
    }

    /// The listing `pgha check` prints: one `added`, `changed` or `removed` line per file.
    public var listing: String {
        entries.map { "\($0.change.rawValue): \($0.path)\n" }.joined()
    }

    /// A one-line count of the differences, such as `1 added, 2 changed, 0 removed`.
    public var summary: String {
        [Change.added, .changed, .removed].map { change in
            "\(entries.count(where: { $0.change == change })) \(change.rawValue)"
        }.joined(separator: ", ")
    }

    static func matches(_ artifact: Artifact, _ file: ExistingFile) -> Bool {
        guard let bytes = file.bytes, file.isExecutable == artifact.isExecutable else { return false }
        var contents = artifact.contents
        return contents.withUTF8 { utf8 in
            guard utf8.count == bytes.count, let start = utf8.baseAddress else { return utf8.count == bytes.count }
            return bytes.withUnsafeBufferPointer { memcmp(start, $0.baseAddress!, utf8.count) == 0 }
        }
    }
}
