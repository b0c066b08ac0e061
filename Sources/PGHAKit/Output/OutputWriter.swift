#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import CSystemCalls

/// Writes rendered files to an output directory. pgha owns only the files its listing names (`OutputListing`):
/// it replaces and deletes those, and keeps everything else in the directory byte for byte.
///
/// A render whose every file, and so its listing, equals what the directory holds changes nothing: the files are
/// compared as they arrive and nothing is written until one differs. Where it can, the whole new tree is written to a
/// temporary sibling directory and swapped into place, so readers see the old tree or the new one, never a mix.
/// Where it cannot (the directory holds files pgha did not write, such as `.git`; it is a mount point or the current
/// directory; its parent is read-only), the tree is written to a hidden staging directory inside it and moved in
/// file by file, each file replaced atomically. Either way a failure before the tree is complete leaves the
/// directory as it was.
public enum OutputWriter {
    /// Why writing failed.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// How a tree was written.
    public enum Method: Sendable, Equatable {
        /// Nothing was written: every rendered file, and the listing, already held exactly the bytes rendered.
        case unchanged
        /// The whole directory was swapped for the new tree at once.
        case swapped
        /// The files were moved in one by one, for the reason given (the directory could not be swapped).
        case inPlace(reason: String)
    }

    /// The prefix of the staging directory a render writes inside the output directory when it cannot swap it.
    static let innerStagingPrefix = ".pgha-staging-"

    /// A new tree written beside (or, where the directory cannot be swapped, inside) the directory it will update,
    /// then moved into place by `commit()`, or removed by `discard()`. Files may be added from several threads at
    /// once, so a fleet is written as its specs render. While every file added equals the directory's copy, nothing
    /// is written: the staging directory is made when the first file that differs arrives (or at `commit()`, when the
    /// listing differs), and the files found equal until then are linked into it.
    public final class Staging: @unchecked Sendable {
        /// The directory the tree updates: an absolute path, with `.` and `..` resolved lexically (`absolutePath`),
        /// or the directory a symbolic link there names.
        public let target: String
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
        /// Whether the umask takes permissions from 0755, so that a script must be `fchmod`ed to 0755 after it is
        /// created (not with the usual 022: one system call fewer a script).
        private let masksExecutables: Bool
        /// The target's missing parent directories that were created for the tree, deepest first; `discard()`
        /// removes them again, so a failed render leaves the file system as it was.
        private let createdDirectories: [String]
        /// The staging directory, once a file that differs made it (nil while every file added is unchanged).
        private var staged: StagedTree?
        /// Every path added, for the listing; before the staging directory is made, every path found unchanged.
        private var paths = PathList()
        /// Before the staging directory is made: which of the `owned` paths were added, each found unchanged; the
        /// render changes nothing when they cover `owned` exactly. Nil when the tree was staged from the start.
        private var unchanged: SortedPaths.Coverage?
        /// Guards `staged`, `paths` and `unchanged`.
        private let state = Lock()

        /// A staging directory and how `commit()` will move it into place.
        private struct StagedTree {
            /// The staging directory.
            var path: String
            /// Why `commit()` will move the files in one by one; nil: it will swap the whole directory.
            var inPlaceReason: String?
            /// The staging directory, open and `flock`ed for as long as the staging lives (-1 if it could not be
            /// opened): a later run removes staging directories nobody holds (left by a run that was killed) and
            /// never one that is in use.
            var lock: Int32
            /// Starts writing the staged files to disk as they come, through `lock` (nil when it could not be opened).
            var writeback: EarlyWriteback?
        }

        /// Starts a tree that will update the directory at `directory` (a path, relative to the current directory
        /// unless absolute). A symbolic link to a directory is followed: the directory it names is updated and the
        /// link kept. With `adopting`, files pgha did not write are overwritten where the new tree has a file of the
        /// same path; without it, such a clash fails the commit before anything changes.
        public init(replacing directory: String, adopting: Bool = false) throws {
            target = try OutputWriter.resolvingSymbolicLink(OutputWriter.absolutePath(directory))
            self.adopting = adopting
            let parent = OutputWriter.parentPath(of: target)
            let mask = umask(0o022)
            umask(mask)
            fileMode = 0o666 & ~mask
            masksExecutables = 0o755 & mask != 0
            let existing: OutputDirectory
            do {
                existing = try OutputDirectory(target)
            } catch {
                throw Failure(description: error.description)
            }
            previous = existing.exists ? target : nil
            owned = existing.owned
            self.existing = existing
            var missing: [String] = []
            if !existing.exists {
                let fileManager = FileManager.default
                var ancestor = parent
                while !fileManager.fileExists(atPath: ancestor) && ancestor != "/" {
                    missing.append(ancestor)
                    ancestor = OutputWriter.parentPath(of: ancestor)
                }
                do {
                    try fileManager.createDirectory(atPath: parent, withIntermediateDirectories: true)
                } catch {
                    throw Failure(description: "cannot create \(parent): \(String(cString: strerror(errno)))")
                }
            }
            createdDirectories = missing
            Staging.removeAbandoned(in: parent, named: Staging.besidePrefix(of: target))
            if existing.exists { Staging.removeAbandoned(in: target, named: OutputWriter.innerStagingPrefix) }
            guard !(existing.listsItsFilesExactly && Staging.isPlainFile(target + "/" + OutputListing.fileName, mode: fileMode)) else {
                unchanged = SortedPaths.Coverage(of: owned)
                return
            }
            do {
                _ = try state.withLock { try stage() }
            } catch {
                discard()
                throw error
            }
        }

        deinit {
            staged?.writeback?.finish()
            if let staged, staged.lock >= 0 { close(staged.lock) }
        }

        /// The prefix of the name of a staging directory beside `target`.
        private static func besidePrefix(of target: String) -> String {
            ".\(target[target.index(after: target.lastIndex(of: "/") ?? target.startIndex)...]).pgha-staging-"
        }

        /// Whether `path` is a regular file (not followed if a symbolic link) with permissions `mode` and no other
        /// link, as pgha writes its files.
        private static func isPlainFile(_ path: String, mode: mode_t) -> Bool {
            var status = stat()
            return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG && status.st_nlink == 1 && status.st_mode & 0o7777 == mode
        }

        /// The staging directory, made on first use (call with `state` held): how the tree will be moved in is
        /// decided, and every path added so far, each found unchanged, is linked into it from the directory being
        /// updated (copied where it cannot be linked). Made whole or not at all: a failure removes it again.
        private func stage() throws -> StagedTree {
            if let staged { return staged }
            let parent = OutputWriter.parentPath(of: target)
            var inPlaceReason: String?
            if previous != nil {
                let foreign: [String]
                do {
                    foreign = try existing.foreignEntries(limit: 1)
                } catch {
                    throw Failure(description: error.description)
                }
                inPlaceReason = OutputWriter.inPlaceReason(target, parent: parent, foreign: foreign.first)
            }
            let (stagingParent, prefix) = inPlaceReason == nil
                ? (parent, Staging.besidePrefix(of: target))
                : (target, OutputWriter.innerStagingPrefix)
            var template = Array(((stagingParent == "/" ? "" : stagingParent) + "/" + prefix + "XXXXXX").utf8CString)
            guard mkdtemp(&template) != nil else { throw posixFailure("create a staging directory in", stagingParent) }
            let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            // Best effort: where the file system has no flock, nothing is locked and nothing is swept.
            let lock = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if lock >= 0 { _ = flock(lock, LOCK_EX) }
            do {
                guard chmod(path, 0o755) == 0 else { throw posixFailure("set the permissions of", path) }
                if let previous {
                    var folders: Set<Substring> = []
                    try paths.forEachPath { file in
                        try makeFolders(of: file, in: path, known: &folders)
                        try carryOver(previous + "/" + file, to: path + "/" + file)
                    }
                }
            } catch {
                FileSystem.removeTree(path)
                if lock >= 0 { close(lock) }
                throw error
            }
            let tree = StagedTree(path: path, inPlaceReason: inPlaceReason, lock: lock,
                                  writeback: lock >= 0 ? EarlyWriteback(descriptor: lock) : nil)
            staged = tree
            return tree
        }

        /// Puts the previous tree's file `old`, found unchanged, at `new` in the staging directory: a hard link, or a
        /// copy of its bytes and permissions where the file system or its owner forbids the link (another user's
        /// files under `fs.protected_hardlinks`, a folder on another file system).
        private func carryOver(_ old: String, to new: String) throws {
            guard link(old, new) != 0 else { return }
            guard errno != EEXIST else { throw Failure(description: "refusing to write the same file twice: \(new)") }
            let source = open(old, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
            guard source >= 0 else { throw posixFailure("read", old) }
            defer { close(source) }
            var status = stat()
            guard fstat(source, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { throw posixFailure("read", old) }
            let destination = open(new, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard destination >= 0 else { throw posixFailure("write", new) }
            defer { close(destination) }
            var block = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = block.withUnsafeMutableBytes { systemRead(source, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count >= 0 else { throw posixFailure("read", old) }
                if count == 0 { break }
                guard block.withUnsafeBufferPointer({ FileSystem.writeAll(UnsafeBufferPointer(rebasing: $0[..<count]), to: destination) }) else {
                    throw posixFailure("write", new)
                }
            }
            guard fchmod(destination, status.st_mode & 0o7777) == 0 else { throw posixFailure("write", new) }
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

        /// The spec record pgha wrote in `folder` of the directory being updated (`OutputDirectory.recordedSpec(in:)`).
        public func recordedSpec(in folder: String) -> [UInt8]? {
            existing.recordedSpec(in: folder)
        }

        /// Writes `artifacts` into the tree with plain POSIX calls (Foundation's `Data.write` flushes every file to
        /// disk, which made writing a fleet take seconds): their folders first, then the files. Before the staging
        /// directory is made, artifacts equal to the directory's files are only recorded.
        public func add(_ artifacts: [Artifact]) throws {
            for artifact in artifacts where !OutputListing.isContained(artifact.path) || artifact.path == OutputListing.fileName {
                throw Failure(description: "refusing to write '\(artifact.path)' outside the output directory")
            }
            let addedPaths = artifacts.map(\.path)
            if state.withLock({ staged == nil }), let positions = unchangedPositions(of: artifacts) {
                let recorded = state.withLock {
                    guard staged == nil else { return false }
                    paths.append(addedPaths)
                    unchanged?.mark(positions)
                    return true
                }
                if recorded { return }
            }
            let tree = try state.withLock {
                let tree = try stage()
                paths.append(addedPaths)
                return tree
            }
            var folders: Set<Substring> = []
            var written = 0
            for artifact in artifacts {
                try makeFolders(of: artifact.path, in: tree.path, known: &folders)
                let file = tree.path + "/" + artifact.path
                if !reuse(artifact, at: file) {
                    try write(artifact, to: file)
                    written += artifact.bytes.count
                }
            }
            tree.writeback?.staged(written)
        }

        /// Creates the folders of `file` (relative) below `root` that are not in `known` yet, and adds them to it.
        private func makeFolders(of file: String, in root: String, known folders: inout Set<Substring>) throws {
            var missing: [Substring] = []
            var folder = Substring(file)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard folders.insert(folder).inserted else { break }
                missing.append(folder)
            }
            for folder in missing.reversed() {
                let directory = root + "/" + folder
                guard mkdir(directory, 0o777) == 0 || errno == EEXIST else { throw posixFailure("create", directory) }
            }
        }

        /// Moves the tree into place with its listing, after one flush of its file system so that a crash cannot
        /// leave a tree of empty files; the files pgha wrote before and no longer renders are removed. When every file
        /// and the listing are unchanged, nothing is written.
        @discardableResult
        public func commit() throws -> Method {
            let (list, isUnchanged) = state.withLock { (self.paths, self.staged == nil && self.unchanged?.isExact == true) }
            if isUnchanged { return .unchanged }
            let (paths, repeats) = list.sorted()
            guard repeats == 0 else { throw Failure(description: "refusing to write the same file twice: \(repeats) paths repeat") }
            let staged = try state.withLock { try stage() }
            if let reason = staged.inPlaceReason {
                try moveIn(paths.sortedPaths, from: staged)
                return .inPlace(reason: reason)
            }
            try writeListing(into: staged.path, staging: staged.path) { paths.write(to: $0) }
            guard chmod(staged.path, 0o755) == 0 else { throw posixFailure("write", staged.path) }
            try flush(staged)
            try swap(staged.path, into: target)
            return .swapped
        }

        /// Writes the listing of `paths` into `directory`, atomically, through a file in `staging`.
        private func writeListing(_ paths: SortedPaths, into directory: String, staging: String) throws {
            try writeListing(into: directory, staging: staging) { descriptor in
                paths.listingBody.withUnsafeBufferPointer { FileSystem.writeAll($0, to: descriptor) }
            }
        }

        /// Writes a listing into `directory`, atomically through a file in `staging`: its header, then what
        /// `writeBody` writes to the descriptor it is given (false: it failed).
        private func writeListing(into directory: String, staging: String, writeBody: (Int32) -> Bool) throws {
            let listing = directory + "/" + OutputListing.fileName
            let temporary = staging + "/" + OutputListing.fileName + ".new"
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
        private func moveIn(_ rendered: SortedPaths, from tree: StagedTree) throws {
            let path = tree.path
            let foreign = adopting ? [] : rendered.filter { !owned.contains($0) && clashes($0) }
            guard foreign.isEmpty else {
                let shown = foreign.prefix(5).joined(separator: ", ") + (foreign.count > 5 ? ", ..." : "")
                throw Failure(description: "refusing to overwrite \(foreign.count) file(s) in \(target) that pgha did not write: \(shown); "
                    + "move them away, or pass --adopt to let pgha replace them")
            }
            if let linked = linkedFolder(among: rendered, owned) {
                throw Failure(description: "refusing to write through \(target)/\(linked): it is a symbolic link, so pgha's files there "
                    + "would be written or removed outside \(target); replace it with a folder, or render into another directory")
            }
            try flush(tree)
            try writeListing(SortedPaths(Array(owned) + rendered), into: target, staging: path)
            var folders: Set<Substring> = []
            for file in rendered {
                try makeFolders(of: file, in: target, known: &folders)
                let destination = target + "/" + file
                var status = stat()
                if lstat(destination, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                    throw Failure(description: "cannot write \(destination): a directory is in the way")
                }
                guard rename(path + "/" + file, destination) == 0 else { throw posixFailure("write", destination) }
            }
            for stale in owned where !rendered.contains(stale) {
                let file = target + "/" + stale
                var status = stat()
                guard lstat(file, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { continue }
                guard unlink(file) == 0 else { throw posixFailure("remove", file) }
                var folder = Substring(stale)
                while let slash = folder.lastIndex(of: "/") {
                    folder = folder[..<slash]
                    guard rmdir(target + "/" + folder) == 0 else { break }
                }
            }
            try writeListing(rendered, into: target, staging: path)
            FileSystem.removeTree(path)
        }

        /// The first folder of the files of `groups` (relative to the target) that is a symbolic link, which writing or
        /// removing a file in place would go through; nil when there is none. Each folder is looked at once: a fleet's
        /// files share a few folders each.
        private func linkedFolder(among groups: SortedPaths...) -> Substring? {
            var status = stat()
            var seen: Set<Substring> = []
            for files in groups {
                for file in files {
                    var rest = Substring(file)
                    while let slash = rest.firstIndex(of: "/") {
                        let folder = file[..<slash]
                        rest = file[file.index(after: slash)...]
                        guard seen.insert(folder).inserted else { continue }
                        if lstat(target + "/" + folder, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK { return folder }
                    }
                }
            }
            return nil
        }

        /// Whether writing `file` would replace or cut through something pgha did not write: a file at its path, or a
        /// file where one of its folders should be.
        private func clashes(_ file: String) -> Bool {
            var status = stat()
            if lstat(target + "/" + file, &status) == 0 { return true }
            var folder = Substring(file)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if lstat(target + "/" + folder, &status) == 0 { return status.st_mode & S_IFMT != S_IFDIR }
            }
            return false
        }

        /// Removes the tree, and the parent directories created for it, leaving the target as it was.
        public func discard() {
            if let staged = state.withLock({ staged }) {
                staged.writeback?.finish()
                FileSystem.removeTree(staged.path)
            }
            for directory in createdDirectories { rmdir(directory) }
        }

        /// Links the previous tree's copy of `artifact` into the new tree when it is unchanged (`isUnchanged`).
        /// Unchanged files then keep their inode and time stamps (cheap for git and rsync), and a re-render creates
        /// and deletes far fewer inodes, which some file systems are slow at.
        private func reuse(_ artifact: Artifact, at file: String) -> Bool {
            guard let previous, isUnchanged(artifact) else { return false }
            return link(previous + "/" + artifact.path, file) == 0
        }

        /// The positions among the `owned` paths of `artifacts`, when the directory being updated holds each of them
        /// exactly (`isUnchanged`); nil when one is new or changed.
        private func unchangedPositions(of artifacts: [Artifact]) -> [Int]? {
            guard let positions = owned.positions(of: artifacts.lazy.map(\.path)), artifacts.allSatisfy(isUnchanged) else { return nil }
            return positions
        }

        /// Whether the directory being updated holds `artifact` exactly: a regular file of the same bytes and mode
        /// that no other link shares.
        private func isUnchanged(_ artifact: Artifact) -> Bool {
            guard let previous else { return false }
            let mode = artifact.isExecutable ? 0o755 : fileMode
            return FileSystem.holds(previous + "/" + artifact.path, contents: artifact.bytes) { status in
                status.st_nlink == 1 && status.st_mode & 0o7777 == mode
            }
        }

        /// Writes `artifact` as the new file `file`, a script with permissions 0755 whatever the umask; a file already
        /// there (the same path added twice, perhaps linked to the directory's own copy) is never opened.
        private func write(_ artifact: Artifact, to file: String) throws {
            let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, artifact.isExecutable ? 0o755 : 0o666)
            guard descriptor >= 0 else {
                guard errno != EEXIST else { throw Failure(description: "refusing to write the same file twice: \(artifact.path)") }
                throw posixFailure("write", file)
            }
            defer { close(descriptor) }
            guard artifact.bytes.withUnsafeBufferPointer({ FileSystem.writeAll($0, to: descriptor) }),
                  !(artifact.isExecutable && masksExecutables) || fchmod(descriptor, 0o755) == 0 else { throw posixFailure("write", file) }
        }

        /// Flushes the file system that holds the staged tree (Linux `syncfs`; `sync` elsewhere) through the staging
        /// directory's descriptor, opened before any file was written: the kernel reports a failed write-back once to
        /// each descriptor open when it failed, so one opened now would miss what failed before. An early flush's
        /// failure (`EarlyWriteback`, which flushes through the same descriptor) fails it too.
        private func flush(_ tree: StagedTree) throws {
            if let failure = tree.writeback?.finish(), failure != 0 {
                throw Failure(description: "cannot flush \(tree.path): \(String(cString: strerror(failure)))")
            }
            #if os(Linux)
            if tree.lock >= 0 {
                guard pgha_syncfs(tree.lock) == 0 else { throw posixFailure("flush", tree.path) }
                return
            }
            let descriptor = open(tree.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { throw posixFailure("open", tree.path) }
            defer { close(descriptor) }
            guard pgha_syncfs(descriptor) == 0 else { throw posixFailure("flush", tree.path) }
            #else
            sync()
            #endif
        }
    }

    /// `path`, or the directory it links to when it is a symbolic link.
    static func resolvingSymbolicLink(_ path: String) throws -> String {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return path }
        guard let resolved = realpath(path, nil) else { throw posixFailure("resolve", path) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `path` made absolute against the current directory, with empty and `.` components dropped and each `..`
    /// dropping the component before it (none above `/`), without looking at the file system: what Foundation's
    /// `URL(fileURLWithPath:).standardizedFileURL.path` gives, without its first-use cost. Throws when `path` is
    /// relative and the current directory has no path (it was removed): never a path from `/` instead.
    static func absolutePath(_ path: String) throws(Failure) -> String {
        var whole = path
        if path.utf8.first != UInt8(ascii: "/") {
            guard let current = getcwd(nil, 0) else {
                throw Failure(description: "cannot place \(path): the current directory has no path (\(String(cString: strerror(errno)))); run pgha from an existing directory or give an absolute path")
            }
            whole = String(cString: current) + "/" + path
            free(current)
        }
        var components: [Substring] = []
        for component in whole.split(separator: "/") where component != "." {
            if component == ".." {
                _ = components.popLast()
            } else {
                components.append(component)
            }
        }
        var result = ""
        for component in components {
            result += "/"
            result += String(component)
        }
        return result.isEmpty ? "/" : result
    }

    /// The directory that holds `path` (absolute): `/` for a top-level entry and for `/` itself.
    static func parentPath(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
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
        return pgha_exchange(first, second) == 0
        #else
        return renamex_np(first, second, UInt32(RENAME_SWAP)) == 0
        #endif
    }

    private static func posixFailure(_ operation: String, _ path: String) -> Failure {
        Failure(description: "cannot \(operation) \(path): \(String(cString: strerror(errno)))")
    }
}
