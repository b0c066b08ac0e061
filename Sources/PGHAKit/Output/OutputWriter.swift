import Foundation

/// Writes rendered files to a directory atomically: the whole tree is written to a temporary sibling
/// directory and swapped into place, so readers see the old tree or the new one, never a mix, and a
/// failure leaves the existing directory as it was.
public enum OutputWriter {
    /// Why writing failed.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// A new tree written beside the directory it will replace, then swapped in whole by `commit()`, or removed by
    /// `discard()`. Files may be added from several threads at once, so a fleet is written as its specs render.
    public final class Staging: Sendable {
        /// The directory the tree replaces.
        public let target: URL
        /// The staging directory.
        private let path: String
        /// The directory being replaced, when there is one: its unchanged files are linked, not written again.
        private let previous: String?
        /// The permissions a new, non-executable file gets (0666 less the umask).
        private let fileMode: mode_t
        /// The target's missing parent directories that were created for the tree, deepest first; `discard()`
        /// removes them again, so a failed render leaves the file system as it was.
        private let createdDirectories: [String]
        /// The staging directory, open and `flock`ed for as long as this object lives (-1 if it could not be
        /// opened): a later run removes staging directories nobody holds (left by a run that was killed) and never
        /// one that is in use.
        private let lock: Int32

        /// Starts a tree that will replace `directory`. Refuses a non-empty directory that pgha did not write.
        /// A symbolic link to a directory is followed: the directory it names is replaced and the link kept.
        public init(replacing directory: URL) throws {
            let fileManager = FileManager.default
            target = try OutputWriter.resolvingSymbolicLink(directory.standardizedFileURL)
            let parent = target.deletingLastPathComponent()
            let mask = umask(0o022)
            umask(mask)
            fileMode = 0o666 & ~mask
            previous = fileManager.fileExists(atPath: target.path) ? target.path : nil
            var missing: [String] = []
            if previous != nil {
                try checkReplaceable(target)
            } else {
                var ancestor = parent
                while !fileManager.fileExists(atPath: ancestor.path) && ancestor.path != "/" {
                    missing.append(ancestor.path)
                    ancestor = ancestor.deletingLastPathComponent()
                }
                do {
                    try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
                } catch {
                    throw Failure(description: "cannot create \(parent.path): \(error.localizedDescription)")
                }
            }
            createdDirectories = missing
            let prefix = ".\(target.lastPathComponent).pgha-staging-"
            Staging.removeAbandoned(in: parent.path, named: prefix)
            var template = Array(parent.appendingPathComponent(prefix + "XXXXXX").path.utf8CString)
            guard mkdtemp(&template) != nil else {
                let failure = posixFailure("create a staging directory in", parent.path)
                for directory in missing { rmdir(directory) }
                throw failure
            }
            path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            guard chmod(path, 0o755) == 0 else {
                let failure = posixFailure("set the permissions of", path)
                rmdir(path)
                for directory in missing { rmdir(directory) }
                throw failure
            }
            // Best effort: where the file system has no flock, nothing is locked and nothing is swept.
            lock = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if lock >= 0 { _ = flock(lock, LOCK_EX) }
        }

        deinit {
            if lock >= 0 { close(lock) }
        }

        /// Removes the staging directories beside the target (names starting with `prefix`) that no live run holds:
        /// those of a run that was interrupted before it could clean up.
        private static func removeAbandoned(in parent: String, named prefix: String) {
            for name in FileSystem.entries(of: parent) ?? [] where name.hasPrefix(prefix) {
                let candidate = parent + "/" + name
                let descriptor = open(candidate, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard descriptor >= 0 else { continue }
                if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { FileSystem.removeTree(candidate) }
                close(descriptor)
            }
        }

        /// Writes `artifacts` into the tree with plain POSIX calls (Foundation's `Data.write` flushes every file to
        /// disk, which made writing a fleet take seconds): their folders first, then the files.
        public func add(_ artifacts: [Artifact]) throws {
            for artifact in artifacts where !isContained(artifact.path) {
                throw Failure(description: "refusing to write '\(artifact.path)' outside the output directory")
            }
            var folders: Set<String> = []
            for artifact in artifacts {
                var folder = Substring(artifact.path)
                while let slash = folder.lastIndex(of: "/") {
                    folder = folder[..<slash]
                    guard folders.insert(String(folder)).inserted else { break }
                }
            }
            for folder in folders.sorted(by: { $0.utf8.count < $1.utf8.count }) {
                let directory = path + "/" + folder
                guard mkdir(directory, 0o777) == 0 || errno == EEXIST else { throw posixFailure("create", directory) }
            }
            for artifact in artifacts {
                let file = path + "/" + artifact.path
                if !reuse(artifact, at: file) { try write(artifact, to: file) }
            }
        }

        /// Swaps the tree into place, after one flush of its file system so that a crash cannot leave a swapped-in
        /// tree of empty files; the old tree is removed.
        public func commit() throws {
            guard chmod(path, 0o755) == 0 else { throw posixFailure("write", path) }
            try flush()
            try swap(path, into: target.path)
        }

        /// Removes the tree, and the parent directories created for it, leaving the target as it was.
        public func discard() {
            FileSystem.removeTree(path)
            for directory in createdDirectories { rmdir(directory) }
        }

        /// Links the previous tree's copy of `artifact` into the new tree when it holds exactly the same bytes and
        /// mode and no other link shares it. Unchanged files then keep their inode and time stamps (cheap for git
        /// and rsync), and a re-render creates and deletes far fewer inodes, which some file systems are slow at.
        private func reuse(_ artifact: Artifact, at file: String) -> Bool {
            guard let previous else { return false }
            let old = previous + "/" + artifact.path
            let descriptor = open(old, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_nlink == 1,
                  status.st_mode & 0o7777 == (artifact.isExecutable ? 0o755 : fileMode) else { return false }
            var contents = artifact.contents
            let same = contents.withUTF8 { bytes in
                guard Int(status.st_size) == bytes.count else { return false }
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + 1) { existing in
                    var count = 0
                    while count < existing.count {
                        let read = Foundation.read(descriptor, existing.baseAddress! + count, existing.count - count)
                        if read < 0 && errno == EINTR { continue }
                        guard read > 0 else { break }
                        count += read
                    }
                    return count == bytes.count && (bytes.isEmpty || memcmp(bytes.baseAddress!, existing.baseAddress!, count) == 0)
                }
            }
            return same && link(old, file) == 0
        }

        private func write(_ artifact: Artifact, to file: String) throws {
            let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else { throw posixFailure("write", file) }
            defer { close(descriptor) }
            var contents = artifact.contents
            let written = contents.withUTF8 { bytes in
                var offset = 0
                while offset < bytes.count {
                    let count = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { return false }
                    offset += count
                }
                return true
            }
            guard written, !artifact.isExecutable || fchmod(descriptor, 0o755) == 0 else { throw posixFailure("write", file) }
        }

        private func flush() throws {
            #if os(Linux)
            typealias SyncFS = @convention(c) (Int32) -> Int32
            guard let symbol = dlsym(nil, "syncfs") else { return sync() }
            let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { throw posixFailure("open", path) }
            defer { close(descriptor) }
            guard unsafeBitCast(symbol, to: SyncFS.self)(descriptor) == 0 else { throw posixFailure("flush", path) }
            #else
            sync()
            #endif
        }
    }

    /// `url`, or the directory it links to when it is a symbolic link.
    static func resolvingSymbolicLink(_ url: URL) throws -> URL {
        var status = stat()
        guard lstat(url.path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return url }
        guard let resolved = realpath(url.path, nil) else { throw posixFailure("resolve", url.path) }
        defer { free(resolved) }
        return URL(fileURLWithPath: String(cString: resolved))
    }

    /// Whether `path` is a relative path that stays inside the directory (no `..`, no leading `/`).
    static func isContained(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains { $0 == ".." || $0 == "." }
    }

    /// The marker that says a directory holds pgha output: a kustomization.yaml that pgha wrote.
    static func isPGHAOutput(_ directory: URL) -> Bool {
        let kustomization = directory.appendingPathComponent("kustomization.yaml")
        guard let handle = try? FileHandle(forReadingFrom: kustomization) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: Renderer.manifestHeader.utf8.count)) ?? Data()
        return head == Data(Renderer.manifestHeader.utf8)
    }

    private static func checkReplaceable(_ target: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(description: "\(target.path) exists and is not a directory")
        }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
        if !contents.isEmpty && !isPGHAOutput(target) {
            throw Failure(description: "refusing to replace \(target.path): it is not empty and holds no pgha output (no kustomization.yaml written by pgha)")
        }
    }

    /// Moves `staging` to `target`, exchanging the two atomically when `target` exists, then removes the old tree.
    /// Where the file system cannot exchange (no `renameat2` `RENAME_EXCHANGE`, as on some network and overlay file
    /// systems) it renames twice, and for that moment `target` is missing; a failure puts the old tree back.
    private static func swap(_ staging: String, into target: String) throws {
        var status = stat()
        guard lstat(target, &status) == 0 else {
            guard rename(staging, target) == 0 else { throw posixFailure("rename", target) }
            return
        }
        if exchange(staging, target) {
            FileSystem.removeTree(staging)
            return
        }
        let old = staging + "-old"
        guard rename(target, old) == 0 else { throw posixFailure("rename", target) }
        guard rename(staging, target) == 0 else {
            _ = rename(old, target)
            throw posixFailure("rename", target)
        }
        FileSystem.removeTree(old)
    }

    /// Atomically exchanges two paths (Linux `renameat2` with `RENAME_EXCHANGE`, macOS `renamex_np` with
    /// `RENAME_SWAP`); false where the system cannot.
    private static func exchange(_ first: String, _ second: String) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let currentDirectory: Int32 = -100
        let renameExchange: UInt32 = 2
        return renameat2(currentDirectory, first, currentDirectory, second, renameExchange) == 0
        #else
        return renamex_np(first, second, UInt32(RENAME_SWAP)) == 0
        #endif
    }

    private static func posixFailure(_ operation: String, _ path: String) -> Failure {
        Failure(description: "cannot \(operation) \(path): \(String(cString: strerror(errno)))")
    }
}
