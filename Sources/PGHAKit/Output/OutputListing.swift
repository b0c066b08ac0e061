/// The record of the files pgha wrote into an output directory, `DIR/.pgha-files`: one path a line, relative to DIR.
/// pgha replaces or deletes only the files it names; everything else in DIR (`.git`, a README, the spec itself) is
/// the user's and is never touched.
public enum OutputListing {
    /// The listing's file name, at the root of the output directory.
    public static let fileName = ".pgha-files"

    /// The listing's first line.
    static let header = "# Files pgha wrote into this directory; it replaces or deletes only these. Generated: do not edit.\n"

    /// The listing of `paths`, sorted.
    static func contents(_ paths: some Sequence<String>) -> String {
        header + paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { $0 + "\n" }.joined()
    }

    /// The paths a listing names, or nil when `bytes` is not a listing pgha wrote or names a path outside the
    /// directory (a listing must never make pgha delete anything else).
    static func paths(in bytes: [UInt8]) -> [String]? {
        guard bytes.starts(with: header.utf8), let text = String(validating: bytes, as: UTF8.self) else { return nil }
        var paths: [String] = []
        for line in text.dropFirst(header.count).split(separator: "\n", omittingEmptySubsequences: true) {
            let path = String(line)
            guard isContained(path), path != fileName else { return nil }
            paths.append(path)
        }
        return paths
    }

    /// Whether the start of a file shows that pgha generated it: the manifest header, or a script's "Rendered by pgha"
    /// line. Outputs of pgha 0.1.0 have no listing; their files are recognised this way.
    static func looksGenerated(_ head: [UInt8]) -> Bool {
        if head.starts(with: Renderer.manifestHeader.utf8) { return true }
        guard head.starts(with: "#!/usr/bin/env bash\n".utf8) else { return false }
        let lines = String(decoding: head, as: UTF8.self).split(separator: "\n").prefix(4)
        return lines.contains { $0.hasPrefix("# Rendered by pgha ") }
    }

    /// Whether `path` is a relative path that stays inside the directory (no `..`, no leading `/`).
    static func isContained(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == ".." || $0 == "." }
    }
}
