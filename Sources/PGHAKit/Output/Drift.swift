#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// How an output directory differs from what rendering would write there, file by file, with each file's unified
/// diff when asked: the one comparison behind `pgha check` (the listing) and `pgha diff` (the patch).
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
        /// Its unified diff from `a/<path>` (the directory now) to `b/<path>` (the rendering); empty unless the
        /// comparison was asked for diffs.
        public var diff: String

        public init(_ change: Change, _ path: String, diff: String = "") {
            self.path = path
            self.change = change
            self.diff = diff
        }

        /// The file's path under `directory` as the user named it, as `pgha check` lists it.
        public func path(in directory: String) -> String {
            (directory.hasSuffix("/") ? directory : directory + "/") + path
        }
    }

    /// The differing files, sorted by path.
    public var entries: [Entry]
    /// What the change of each cluster's spec will do (from the spec records, `SpecRecord`), sorted by cluster.
    public var impacts: [Impact] = []

    /// Whether the directory holds exactly what rendering would write.
    public var isEmpty: Bool { entries.isEmpty }

    /// How one part of a rendering (a spec's files) compares with the output directory.
    public struct Part: Sendable {
        /// The part's files that differ from the directory's.
        var entries: [Entry]
        /// The paths the part renders, kept only when one is not among the files pgha wrote in the directory (a fleet's
        /// parts would otherwise hold every path of the fleet until the end; `ownedPositions` gives them).
        var unlistedPaths: [String]?
        /// What the change of the part's spec will do.
        var impacts: [Impact]
        /// The positions of the part's paths among the files pgha wrote in the directory; nil when one is not among them.
        var ownedPositions: [Int]?

        /// The paths the part renders.
        func paths(in directory: OutputDirectory) -> [String] {
            unlistedPaths ?? (ownedPositions ?? []).map { directory.owned[$0] }
        }

        /// Compares `artifacts` with the files at the same paths in `directory`, reading only those, and keeping
        /// only the ones that differ; with `diffContext`, each differing file gets its unified diff with that many
        /// lines of context.
        public init(_ artifacts: [Artifact], against directory: OutputDirectory, diffContext: Int? = nil) throws {
            let paths = artifacts.map(\.path)
            ownedPositions = directory.owned.positions(of: paths)
            unlistedPaths = ownedPositions == nil ? paths : nil
            let differing = artifacts.filter { !directory.holds($0) }
            let existing = try directory.files(at: differing.map(\.path))
            entries = Drift(rendered: differing, existing: existing, diffContext: diffContext).entries
            impacts = Drift.impacts(of: differing, existing: existing, in: directory)
        }
    }

    /// How `directory` differs from the parts compared with it: their differences, the files pgha wrote there that
    /// no part renders, as removed, and the directory's listing (`OutputListing`). Files pgha did not write are not
    /// compared: rendering keeps them.
    public init(_ parts: [Part], against directory: OutputDirectory, diffContext: Int? = nil) throws {
        if directory.listsItsFilesExactly && Self.renderOwnedFilesOnce(parts, of: directory.owned) {
            impacts = parts.flatMap(\.impacts).sorted(by: Impact.ordered)
            entries = parts.flatMap(\.entries).sorted { $0.path < $1.path }
            return
        }
        let rendered = SortedPaths(parts.flatMap { $0.paths(in: directory) })
        let unrendered = directory.owned.filter { !rendered.contains($0) }
        impacts = (parts.flatMap(\.impacts) + (try Drift.impactsOfRemoved(Array(unrendered), in: directory))).sorted(by: Impact.ordered)
        let listing = Artifact(path: OutputListing.fileName, contents: OutputListing.contents(rendered))
        var existing = try directory.files(at: Array(unrendered))
        if let file = try directory.file(at: listing.path) { existing[listing.path] = file }
        self.entries = (parts.flatMap(\.entries) + Drift(rendered: [listing], existing: existing, diffContext: diffContext).entries)
            .sorted { $0.path < $1.path }
    }

    /// Whether `parts` render each of the files pgha wrote in the directory (`owned`) once, and no other: then none is
    /// removed and, when the listing is as pgha writes it, the listing is unchanged.
    private static func renderOwnedFilesOnce(_ parts: [Part], of owned: SortedPaths) -> Bool {
        var rendered = SortedPaths.Coverage(of: owned)
        for part in parts {
            guard let positions = part.ownedPositions else { return false }
            rendered.mark(positions)
        }
        return rendered.isExact
    }

    /// Compares `rendered` with the files `existing` holds.
    init(rendered: [Artifact], existing: [String: ExistingFile], diffContext: Int? = nil) {
        var entries: [Entry] = []
        var renderedPaths = Set<String>(minimumCapacity: rendered.count)
        for artifact in rendered {
            renderedPaths.insert(artifact.path)
            guard let file = existing[artifact.path] else {
                entries.append(Entry(.added, artifact.path, diff: diffContext.map { UnifiedDiff.file(artifact.path, from: nil, to: artifact, context: $0) } ?? ""))
                continue
            }
            if !Drift.matches(artifact, file) {
                entries.append(Entry(.changed, artifact.path, diff: diffContext.map { UnifiedDiff.file(artifact.path, from: file, to: artifact, context: $0) } ?? ""))
            }
        }
        for (path, file) in existing where !renderedPaths.contains(path) {
            entries.append(Entry(.removed, path, diff: diffContext.map { UnifiedDiff.file(path, from: file, to: nil, context: $0) } ?? ""))
        }
        self.entries = entries.sorted { $0.path < $1.path }
    }


    /// The patch `pgha diff` prints: every file's diff, in path order.
    public var patch: String { entries.map(\.diff).joined() }

    /// A one-line count of the differences, such as `1 added, 2 changed, 0 removed`.
    public var summary: String {
        [Change.added, .changed, .removed].map { change in
            "\(entries.count(where: { $0.change == change })) \(change.rawValue)"
        }.joined(separator: ", ")
    }

    static func matches(_ artifact: Artifact, _ file: ExistingFile) -> Bool {
        guard let bytes = file.bytes, file.isExecutable == artifact.isExecutable else { return false }
        return artifact.bytes.withUnsafeBufferPointer { rendered in
            guard rendered.count == bytes.count, let start = rendered.baseAddress else { return rendered.count == bytes.count }
            return bytes.withUnsafeBufferPointer { memcmp(start, $0.baseAddress!, rendered.count) == 0 }
        }
    }
}
