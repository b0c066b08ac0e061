#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Writes rendered files to an output directory. pgha owns only the files its listing names (`OutputListing`):
/// it replaces and deletes those, and keeps everything else in the directory byte for byte.
///
/// Where it can, the whole new tree is written to a temporary sibling directory and swapped into place, so readers see
/// the old tree or the new one, never a mix. Where it cannot (the directory holds files pgha did not write, such as
/// `.git`; it is a mount point or the current directory; its parent is read-only), the tree is written to a hidden
/// staging directory inside it and moved in file by file, each file replaced atomically. Either way a failure before
/// the tree is complete leaves the directory as it was.
public enum OutputWriter {
    /// Why writing failed.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// How a tree was written.
    public enum Method: Sendable, Equatable {
        /// The whole directory was swapped for the new tree at once.
        case swapped
        /// The files were moved in one by one, for the reason given (the directory could not be swapped).
        case inPlace(reason: String)
    }

    /// The prefix of the staging directory a render writes inside the output directory when it cannot swap it.
    static let innerStagingPrefix = ".pgha-staging-"

    /// A new tree written beside (or, where the directory cannot be swapped, inside) the directory it will update,
    /// then moved into place by `commit()`, or removed by `discard()`. Files may be added from several threads at
    /// once, so a fleet is written as its specs render.
    public final class Staging: @unchecked Sendable {
        /// The directory the tree updates.
        public let target: URL
        /// How `commit()` will write the tree.
        public let method: Method
        /// The staging directory.
        private let path: String
        /// The directory being updated, when it exists: its unchanged files are linked, not written again.
        private let previous: String?
        /// The files pgha wrote in the directory before, which this render may replace or delete.
        private let owned: SortedPaths
        /// The directory being updated, as it is now.
        private let existing: OutputDirectory
        /// Whether files pgha did not write may be overwritten where the new tree has a file of the same path.
        private let adopting: Bool
        /// The permissions a new, non-executable file gets (0666 less the umask).
        private let fileMode: mode_t
        /// The target's missing parent directories that were created for the tree, deepest first; `discard()`
        /// removes them again, so a failed render leaves the file system as it was.
        private let createdDirectories: [String]
        /// The staging directory, open and `flock`ed for as long as this object lives (-1 if it could not be
        /// opened): a later run removes staging directories nobody holds (left by a run that was killed) and never
        /// one that is in use.
        private let lock: Int32
        /// Every path added, for the listing.
        private var paths = PathList()
        private let pathsLock = Lock()

        /// Starts a tree that will update `directory`. A symbolic link to a directory is followed: the directory it
        /// names is updated and the link kept. With `adopting`, files pgha did not write are overwritten where the
        /// new tree has a file of the same path; without it, such a clash fails the commit before anything changes.
        public init(replacing directory: URL, adopting: Bool = false) throws {
            let fileManager = FileManager.default
            target = try OutputWriter.resolvingSymbolicLink(directory.standardizedFileURL)
            self.adopting = adopting
            let parent = target.deletingLastPathComponent()
            let mask = umask(0o022)
            umask(mask)
            fileMode = 0o666 & ~mask
            let existing: OutputDirectory
            do {
                existing = try OutputDirectory(target.path)
            } catch {
                throw Failure(description: error.description)
            }
            previous = existing.exists ? target.path : nil
            owned = existing.owned
            self.existing = existing
            var missing: [String] = []
            if existing.exists {
                let foreign: [String]
                do {
                    foreign = try existing.foreignEntries(limit: 1)
                } catch {
                    throw Failure(description: error.description)
                }
                method = OutputWriter.inPlaceReason(target.path, parent: parent.path, foreign: foreign.first).map(Method.inPlace) ?? .swapped
            } else {
                method = .swapped
                var ancestor = parent
                while !fileManager.fileExists(atPath: ancestor.path) && ancestor.path != "/" {
                    missing.append(ancestor.path)
                    ancestor = ancestor.deletingLastPathComponent()
                }
                do {
                    try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
                } catch {
                    throw Failure(description: "cannot create \(parent.path): \(String(cString: strerror(errno)))")
                }
            }
            createdDirectories = missing
            let (stagingParent, prefix) = method == .swapped
                ? (parent.path, ".\(target.lastPathComponent).pgha-staging-")
                : (target.path, OutputWriter.innerStagingPrefix)
            Staging.removeAbandoned(in: stagingParent, named: prefix)
            var template = Array(((stagingParent == "/" ? "" : stagingParent) + "/" + prefix + "XXXXXX").utf8CString)
            guard mkdtemp(&template) != nil else {
                let failure = posixFailure("create a staging directory in", stagingParent)
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
            for name in FileSystem.entries(of: parent, prefix: prefix) ?? [] {
                let candidate = parent + "/" + name
                let descriptor = open(candidate, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard descriptor >= 0 else { continue }
                if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { FileSystem.removeTree(candidate) }
                close(descriptor)
            }
        }

        /// The spec pgha recorded in `folder` of the directory being updated (`OutputDirectory.recordedSpec(in:)`).
        public func recordedSpec(in folder: String) -> SpecFields? {
            existing.recordedSpec(in: folder)
        }

        /// Writes `artifacts` into the tree with plain POSIX calls (Foundation's `Data.write` flushes every file to
        /// disk, which made writing a fleet take seconds): their folders first, then the files.
        public func add(_ artifacts: [Artifact]) throws {
            for artifact in artifacts where !OutputListing.isContained(artifact.path) || artifact.path == OutputListing.fileName {
                throw Failure(description: "refusing to write '\(artifact.path)' outside the output directory")
            }
            let added = artifacts.map(\.path)
            pathsLock.withLock { paths.append(added) }
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

        /// Moves the tree into place with its listing, after one flush of its file system so that a crash cannot
        /// leave a tree of empty files; the files pgha wrote before and no longer renders are removed.
        @discardableResult
        public func commit() throws -> Method {
            let list = pathsLock.withLock { self.paths }
            let (paths, repeats) = list.sorted()
            guard repeats == 0 else { throw Failure(description: "refusing to write the same file twice: \(repeats) paths repeat") }
            switch method {
            case .swapped:
                try writeListing(into: path) { paths.write(to: $0) }
                guard chmod(path, 0o755) == 0 else { throw posixFailure("write", path) }
                try flush()
                try swap(path, into: target.path)
            case .inPlace:
                try moveIn(paths.sortedPaths)
            }
            return method
        }

        /// Writes the listing of `paths` into `directory`, atomically.
        private func writeListing(_ paths: SortedPaths, into directory: String) throws {
            try writeListing(into: directory) { descriptor in
                paths.listingBody.withUnsafeBufferPointer { FileSystem.writeAll($0, to: descriptor) }
            }
        }

        /// Writes a listing into `directory`, atomically: its header, then what `writeBody` writes to the descriptor
        /// it is given (false: it failed).
        private func writeListing(into directory: String, writeBody: (Int32) -> Bool) throws {
            let listing = directory + "/" + OutputListing.fileName
            let temporary = path + "/" + OutputListing.fileName + ".new"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else { throw posixFailure("write", temporary) }
            defer { close(descriptor) }
            guard FileSystem.writeAll(OutputListing.header, to: descriptor),
                  writeBody(descriptor) else { throw posixFailure("write", temporary) }
            guard rename(temporary, listing) == 0 else { throw posixFailure("write", listing) }
        }

        /// Moves the staged files into the target one by one. Files pgha did not write are never replaced unless
        /// adopting: a clash stops the commit before anything changes. The listing names both the old and the new
        /// files while they are moved in, so an interrupted commit leaves nothing pgha cannot clean up next time;
        /// then it lists `rendered`.
        private func moveIn(_ rendered: SortedPaths) throws {
            let foreign = adopting ? [] : rendered.filter { !owned.contains($0) && clashes($0) }
            guard foreign.isEmpty else {
                let shown = foreign.prefix(5).joined(separator: ", ") + (foreign.count > 5 ? ", ..." : "")
                throw Failure(description: "refusing to overwrite \(foreign.count) file(s) in \(target.path) that pgha did not write: \(shown); "
                    + "move them away, or pass --adopt to let pgha replace them")
            }
            try flush()
            try writeListing(SortedPaths(Array(owned) + rendered), into: target.path)
            for file in rendered {
                try makeFolders(of: file)
                let destination = target.path + "/" + file
                var status = stat()
                if lstat(destination, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                    throw Failure(description: "cannot write \(destination): a directory is in the way")
                }
                guard rename(path + "/" + file, destination) == 0 else { throw posixFailure("write", destination) }
            }
            for stale in owned where !rendered.contains(stale) {
                let file = target.path + "/" + stale
                var status = stat()
                guard lstat(file, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { continue }
                guard unlink(file) == 0 else { throw posixFailure("remove", file) }
                var folder = Substring(stale)
                while let slash = folder.lastIndex(of: "/") {
                    folder = folder[..<slash]
                    guard rmdir(target.path + "/" + folder) == 0 else { break }
                }
            }
            try writeListing(rendered, into: target.path)
            FileSystem.removeTree(path)
        }

        /// Whether writing `file` would replace or cut through something pgha did not write: a file at its path, or a
        /// file where one of its folders should be.
        private func clashes(_ file: String) -> Bool {
            var status = stat()
            if lstat(target.path + "/" + file, &status) == 0 { return true }
            var folder = Substring(file)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if lstat(target.path + "/" + folder, &status) == 0 { return status.st_mode & S_IFMT != S_IFDIR }
            }
            return false
        }

        /// Creates the folders of `file` in the target that do not exist yet.
        private func makeFolders(of file: String) throws {
            var folders: [Substring] = []
            var folder = Substring(file)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                folders.append(folder)
            }
            for folder in folders.reversed() {
                let directory = target.path + "/" + folder
                guard mkdir(directory, 0o777) == 0 || errno == EEXIST else { throw posixFailure("create", directory) }
            }
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
                        let read = systemRead(descriptor, existing.baseAddress! + count, existing.count - count)
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
            guard FileSystem.writeAll(artifact.contents, to: descriptor), !artifact.isExecutable || fchmod(descriptor, 0o755) == 0 else { throw posixFailure("write", file) }
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

    /// Why the directory at `target` cannot be swapped for a new tree, or nil when it can: it holds files pgha did
    /// not write (`foreign`, the first of them), it contains the current directory, it is a mount point, or its parent
    /// cannot be written.
    static func inPlaceReason(_ target: String, parent: String, foreign: String?) -> String? {
        if let foreign { return "it holds files pgha did not write, such as \(foreign)" }
        if let current = realpath(".", nil), let resolved = realpath(target, nil) {
            defer { free(current); free(resolved) }
            let directory = String(cString: current), target = String(cString: resolved)
            if directory == target || directory.hasPrefix(target.hasSuffix("/") ? target : target + "/") {
                return "it is, or contains, the current directory"
            }
        }
        var own = stat(), above = stat()
        if stat(target, &own) == 0, stat(parent, &above) == 0, own.st_dev != above.st_dev {
            return "it is a mount point"
        }
        if access(parent, W_OK) != 0 { return "its parent directory \(parent) is not writable" }
        return nil
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
