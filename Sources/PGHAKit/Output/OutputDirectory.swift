#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A file found in an output directory.
public struct ExistingFile: Sendable, Equatable {
    /// Its bytes; nil when it is not a regular file (a symbolic link, a socket), which rendering would replace.
    public var bytes: [UInt8]?
    /// Whether its owner may execute it.
    public var isExecutable: Bool

    public init(bytes: [UInt8]?, isExecutable: Bool = false) {
        self.bytes = bytes
        self.isExecutable = isExecutable
    }
}

/// An output directory as it is now, and which of its files pgha owns: those its listing (`OutputListing`) names,
/// or, in an output of pgha 0.1.0 that has no listing, the files whose header says pgha generated them. Contents
/// are read on demand (from several threads at once), so comparing a fleet with it never holds the whole tree in
/// memory.
public struct OutputDirectory: Sendable {
    /// Why a directory or one of its files could not be read.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The directory.
    public let root: String
    /// Whether the directory exists.
    public let exists: Bool
    /// The files pgha wrote there, by `/`-separated relative path (the listing itself excluded).
    public let owned: SortedPaths
    /// Whether the files are known from a listing (false: none yet, or an output of pgha 0.1.0).
    public let hasListing: Bool
    /// Whether the listing holds exactly the bytes pgha writes for `owned` (sorted, each path once), in a file its
    /// owner may not execute, so a render of the same files would leave it as it is.
    public let listsItsFilesExactly: Bool

    /// Reads which files below `root` pgha owns.
    public init(_ root: String) throws(Failure) {
        self.root = root
        var status = stat()
        guard lstat(root, &status) == 0 else {
            guard errno == ENOENT else { throw Self.failure("cannot read", root) }
            exists = false
            owned = []
            hasListing = false
            listsItsFilesExactly = false
            return
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw Failure(description: "\(root) exists and is not a directory")
        }
        exists = true
        let listingPath = root + "/" + OutputListing.fileName
        if let listing = try Self.read(listingPath) {
            guard let paths = OutputListing.paths(in: listing) else {
                throw Failure(description: "\(listingPath) is not a listing pgha wrote; restore it from version control, or remove it and the files pgha wrote")
            }
            owned = paths
            hasListing = true
            let body = paths.listingBody
            listsItsFilesExactly = listing.count == OutputListing.header.utf8.count + body.count
                && listing[OutputListing.header.utf8.count...].elementsEqual(body)
                && lstat(listingPath, &status) == 0 && status.st_mode & S_IXUSR == 0
        } else if Self.isPGHAOutput(root) {
            var found: Set<String> = []
            try Self.collectGenerated(root, relative: "", into: &found)
            owned = SortedPaths(found)
            hasListing = false
            listsItsFilesExactly = false
        } else {
            owned = []
            hasListing = false
            listsItsFilesExactly = false
        }
    }

    /// Whether pgha wrote any file below `folder` (relative to the directory, ending in `/`; `""` for the directory
    /// itself).
    public func holdsFiles(below folder: String) -> Bool {
        owned.containsPaths(below: folder)
    }

    /// The bytes of the spec record pgha wrote (`SpecRecord`) in `folder` (relative to the directory; `""` for the
    /// directory itself); nil when pgha wrote no record there. A record the listing names that is gone, not a file or
    /// cannot be read gives no bytes (`[]`, which is no record: PGHA0163), never nil, which would let a volume change
    /// pass unchecked.
    public func recordedSpec(in folder: String) -> [UInt8]? {
        let path = SpecRecord.path(in: folder)
        guard owned.contains(path) else { return nil }
        return (try? file(at: path))?.bytes ?? []
    }

    /// The file at `path` (relative to the directory), whoever wrote it, or nil when there is none.
    public func file(at path: String) throws(Failure) -> ExistingFile? {
        let fullPath = root + "/" + path
        var status = stat()
        guard lstat(fullPath, &status) == 0 else {
            guard errno == ENOENT || errno == ENOTDIR else { throw Self.failure("cannot read", fullPath) }
            return nil
        }
        guard status.st_mode & S_IFMT == S_IFREG else { return ExistingFile(bytes: nil) }
        guard let bytes = try Self.read(fullPath) else { return nil }
        return ExistingFile(bytes: bytes, isExecutable: status.st_mode & S_IXUSR != 0)
    }

    /// Whether the directory holds `artifact` as `check` compares it: a regular file of the same bytes, executable by
    /// its owner when the artifact is. False also when the file cannot be read (`file(at:)` says why).
    public func holds(_ artifact: Artifact) -> Bool {
        FileSystem.holds(root + "/" + artifact.path, contents: artifact.bytes) { status in
            (status.st_mode & S_IXUSR != 0) == artifact.isExecutable
        }
    }

    /// The files at those of `paths` that exist, by path.
    public func files(at paths: [String]) throws(Failure) -> [String: ExistingFile] {
        var found: [String: ExistingFile] = [:]
        for path in paths {
            if let file = try file(at: path) { found[path] = file }
        }
        return found
    }

    /// The entries of the directory that pgha did not write (sorted, at most `limit`): files and folders outside
    /// the listing, the folders that hold pgha's files looked into, any other folder (`.git`) named whole. Staging
    /// directories of a render are not counted.
    public func foreignEntries(limit: Int = .max) throws(Failure) -> [String] {
        guard exists else { return [] }
        var foreign: [String] = []
        func walk(_ relative: String) throws(Failure) {
            let directory = relative.isEmpty ? root : root + "/" + relative
            guard let names = FileSystem.entries(of: directory) else { throw Self.failure("cannot read", directory) }
            for name in names.sorted() where foreign.count < limit {
                let path = relative.isEmpty ? name : relative + "/" + name
                if relative.isEmpty && (name == OutputListing.fileName || name.hasPrefix(OutputWriter.innerStagingPrefix)) { continue }
                if owned.containsPaths(below: path + "/") {
                    var status = stat()
                    if lstat(root + "/" + path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                        try walk(path)
                        continue
                    }
                }
                if !owned.contains(path) { foreign.append(path) }
            }
        }
        try walk("")
        return foreign
    }

    /// The contents of the regular file at `path`, nil when there is none.
    static func read(_ path: String) throws(Failure) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else {
            guard errno == ENOENT || errno == ENOTDIR || errno == ELOOP else { throw failure("cannot read", path) }
            return nil
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure("cannot read", path) }
        guard status.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(Int(status.st_size), 0) + 1)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            guard count >= 0 else {
                if errno == EINTR { continue }
                throw failure("cannot read", path)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return bytes
    }

    /// Whether `directory` holds the output of pgha 0.1.0, which wrote no listing: a kustomization.yaml with pgha's
    /// header.
    static func isPGHAOutput(_ directory: String) -> Bool {
        let head = (try? read(directory + "/kustomization.yaml")) ?? nil
        return head.map { $0.starts(with: Renderer.manifestHeader.utf8) } ?? false
    }

    /// The generated files below `relative` (hidden entries, which pgha 0.1.0 never wrote, are not looked into).
    private static func collectGenerated(_ root: String, relative: String, into found: inout Set<String>) throws(Failure) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        guard let names = FileSystem.entries(of: directory) else { throw failure("cannot read", directory) }
        for name in names where !name.hasPrefix(".") {
            let path = relative.isEmpty ? name : relative + "/" + name
            var status = stat()
            guard lstat(root + "/" + path, &status) == 0 else { continue }
            switch status.st_mode & S_IFMT {
            case S_IFDIR: try collectGenerated(root, relative: path, into: &found)
            case S_IFREG:
                if let bytes = try read(root + "/" + path), OutputListing.looksGenerated(Array(bytes.prefix(512))) {
                    found.insert(path)
                }
            default: break
            }
        }
    }

    static func failure(_ what: String, _ path: String) -> Failure {
        Failure(description: "\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
