import Foundation

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

/// An output directory as it is now: its files listed up front, their contents read on demand (from several
/// threads at once), so comparing a fleet with it never holds the whole tree in memory.
public struct OutputDirectory: Sendable {
    /// Why a directory or one of its files could not be read.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The directory.
    public let root: String
    /// Every file below it, hidden ones included, by `/`-separated relative path: true for regular files, false
    /// for anything else but directories. Empty when the directory does not exist.
    public let files: [String: Bool]

    /// Lists the files below `root`.
    public init(_ root: String) throws(Failure) {
        self.root = root
        var status = stat()
        guard lstat(root, &status) == 0 else {
            guard errno == ENOENT else { throw Self.failure("cannot read", root) }
            files = [:]
            return
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw Failure(description: "\(root) exists and is not a directory")
        }
        var files: [String: Bool] = [:]
        try Self.walk(root, relative: "", into: &files)
        self.files = files
    }

    /// The file at `path` (relative to the directory), or nil when there is none.
    public func file(at path: String) throws(Failure) -> ExistingFile? {
        guard let isRegular = files[path] else { return nil }
        guard isRegular else { return ExistingFile(bytes: nil) }
        let fullPath = root + "/" + path
        let descriptor = open(fullPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure("cannot read", fullPath) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.failure("cannot read", fullPath) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(Int(status.st_size), 0) + 1)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            guard count >= 0 else {
                if errno == EINTR { continue }
                throw Self.failure("cannot read", fullPath)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return ExistingFile(bytes: bytes, isExecutable: status.st_mode & S_IXUSR != 0)
    }

    /// Those of `paths` that name files of the directory, as the directory's own strings: keeping them for a whole
    /// fleet, to find the files no spec renders, then allocates nothing.
    public func listed(_ paths: [String]) -> [String] {
        paths.compactMap { path in files.index(forKey: path).map { files.keys[$0] } }
    }

    /// The files at those of `paths` that exist, by path.
    public func files(at paths: [String]) throws(Failure) -> [String: ExistingFile] {
        var found: [String: ExistingFile] = [:]
        for path in paths {
            if let file = try file(at: path) { found[path] = file }
        }
        return found
    }

    private static func walk(_ root: String, relative: String, into files: inout [String: Bool]) throws(Failure) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        guard let names = FileSystem.entries(of: directory) else { throw failure("cannot read", directory) }
        for name in names {
            let path = relative.isEmpty ? name : relative + "/" + name
            var status = stat()
            guard lstat(root + "/" + path, &status) == 0 else { throw failure("cannot read", root + "/" + path) }
            switch status.st_mode & S_IFMT {
            case S_IFDIR: try walk(root, relative: path, into: &files)
            case S_IFREG: files[path] = true
            default: files[path] = false
            }
        }
    }

    private static func failure(_ what: String, _ path: String) -> Failure {
        Failure(description: "\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
