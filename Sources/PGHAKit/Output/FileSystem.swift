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

    /// Removes `path` and everything below it, best effort; the entries of a large directory (a fleet's folders)
    /// are removed in parallel, those of a small one in turn, as starting worker threads costs more than removing
    /// a few files. Symbolic links are removed, never followed.
    static func removeTree(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR, let names = entries(of: path) else {
            unlink(path)
            return
        }
        if names.count >= parallelRemovalThreshold {
            _ = Parallel.map(names.count) { index in removeTree(path + "/" + names[index]) }
        } else {
            for name in names { removeTree(path + "/" + name) }
        }
        rmdir(path)
    }

    /// How many entries a directory needs before its entries are removed in parallel.
    private static let parallelRemovalThreshold = 16
}
