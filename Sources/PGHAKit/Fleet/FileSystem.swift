import Foundation

/// Directory operations with plain POSIX calls, for trees of thousands of files.
enum FileSystem {
    /// The names in `directory` (without `.` and `..`), or nil when it cannot be read.
    static func entries(of directory: String) -> [String]? {
        guard let stream = opendir(directory) else { return nil }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes `path` and everything below it, best effort, the entries of a directory in parallel. Symbolic links
    /// are removed, never followed.
    static func removeTree(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR, let names = entries(of: path) else {
            unlink(path)
            return
        }
        _ = Parallel.map(names.count) { index in removeSubtree(path + "/" + names[index]) }
        rmdir(path)
    }

    private static func removeSubtree(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            unlink(path)
            return
        }
        for name in entries(of: path) ?? [] { removeSubtree(path + "/" + name) }
        rmdir(path)
    }
}
