#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// File and directory operations with plain POSIX calls, for trees of thousands of files.
public enum FileSystem {
    /// Writes all of `text` to `descriptor`, retrying interrupted and short writes; false (with `errno` set) on
    /// failure. The CLI writes standard output and error with it too, so a full disk or a closed stream is an error
    /// to report, not a crash.
    public static func writeAll(_ text: String, to descriptor: Int32) -> Bool {
        var text = text
        return text.withUTF8 { writeAll($0, to: descriptor) }
    }

    /// Writes all of `bytes` to `descriptor`, retrying short and interrupted writes; false on an error (see `errno`).
    static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    /// Whether `path` is a regular file (not followed if a symbolic link; a FIFO is not waited on) whose bytes are
    /// `contents` and whose status `accepts`; false when it cannot be read.
    static func holds(_ path: String, contents: [UInt8], where accepts: (stat) -> Bool) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, accepts(status) else { return false }
        return contents.withUnsafeBufferPointer { bytes in
            guard Int(status.st_size) == bytes.count else { return false }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + 1) { existing in
                var count = 0
                while count < existing.count {
                    let read = systemRead(descriptor, existing.baseAddress! + count, existing.count - count)
                    if read < 0 && errno == EINTR { continue }
                    guard read > 0 else { break }
                    count += read
                }
                return count == bytes.count && (bytes.isEmpty || memcmp(bytes.baseAddress!, existing.baseAddress!, count) == 0)
            }
        }
    }

    /// The names in `directory` (without `.` and `..`), or nil when it cannot be read.
    static func entries(of directory: String) -> [String]? {
        entries(of: directory, prefix: "")
    }

    /// The names in `directory` that start with `prefix` (without `.` and `..`), or nil when it cannot be read. The
    /// prefix is compared in place, so a crowded directory costs no string per entry that does not match.
    static func entries(of directory: String, prefix: String) -> [String]? {
        guard let stream = opendir(directory) else { return nil }
        defer { closedir(stream) }
        var names: [String] = []
        // The name is read in place: a record readdir returns may be shorter than `dirent` (its d_reclen), so copying
        // the whole d_name array could read past the end of the buffer.
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        let prefixLength = prefix.utf8.count
        return prefix.utf8CString.withUnsafeBufferPointer { prefix in
            while let entry = readdir(stream) {
                let pointer = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
                guard prefixLength == 0 || strncmp(pointer, prefix.baseAddress!, prefixLength) == 0 else { continue }
                let name = String(cString: pointer)
                if name != "." && name != ".." { names.append(name) }
            }
            return names
        }
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
