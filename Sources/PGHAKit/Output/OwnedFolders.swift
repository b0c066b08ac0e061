/// The folders that hold the files pgha owns in an output directory (`OutputDirectory.owned`), found on first use
/// (from any thread) and kept: `check` and `diff` ask, for every spec without a record, whether pgha wrote anything in
/// its folder, and a pass over every owned path for each would make a large fleet's new specs quadratic. Rendering
/// never asks, so it never holds them.
final class OwnedFolders: @unchecked Sendable {
    private let owned: Set<String>
    private let lock = Lock()
    private var folders: Set<String>?

    init(_ owned: Set<String>) {
        self.owned = owned
    }

    /// Every folder that holds one of `paths` at any depth, as a `/`-separated relative path (`a` and `a/b` for
    /// `a/b/c`).
    static func of(_ paths: some Sequence<String>) -> Set<String> {
        var folders: Set<String> = []
        for path in paths {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard folders.insert(String(folder)).inserted else { break }
            }
        }
        return folders
    }

    /// Whether an owned file lies below `folder` (`""` for the whole directory, any other folder ending in `/`):
    /// what `owned.contains { $0.hasPrefix(folder) }` says, in one lookup.
    func holdFiles(below folder: String) -> Bool {
        guard !folder.isEmpty else { return !owned.isEmpty }
        lock.lock()
        defer { lock.unlock() }
        let folders = self.folders ?? Self.of(owned)
        self.folders = folders
        return folders.contains(String(folder.dropLast()))
    }
}
