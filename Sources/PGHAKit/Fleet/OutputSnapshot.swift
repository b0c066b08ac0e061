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

/// Reads what an output directory holds, to compare it with a fresh rendering.
public enum OutputSnapshot {
    /// Why a directory could not be read.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Every file below `directory` (hidden ones included), keyed by its `/`-separated path relative to it;
    /// empty when `directory` does not exist. Directories themselves are not listed.
    public static func contents(of directory: String) throws(Failure) -> [String: ExistingFile] {
        var status = stat()
        guard lstat(directory, &status) == 0 else {
            if errno == ENOENT { return [:] }
            throw failure("cannot read", directory)
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw Failure(description: "\(directory) exists and is not a directory")
        }
        var entries: [(path: String, isRegular: Bool)] = []
        try walk(directory, relative: "", into: &entries)
        let root = directory
        let found = entries
        let files = Parallel.map(found.count) { index -> Result<ExistingFile, Failure> in
            let entry = found[index]
            guard entry.isRegular else { return .success(ExistingFile(bytes: nil)) }
            return Result { () throws(Failure) in try readFile(root + "/" + entry.path) }
        }
        var snapshot: [String: ExistingFile] = [:]
        snapshot.reserveCapacity(entries.count)
        for (entry, file) in zip(entries, files) {
            snapshot[entry.path] = try file.get()
        }
        return snapshot
    }

    private static func walk(_ root: String, relative: String, into entries: inout [(path: String, isRegular: Bool)]) throws(Failure) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        guard let stream = opendir(directory) else { throw failure("cannot read", directory) }
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
        for name in names {
            let path = relative.isEmpty ? name : relative + "/" + name
            var status = stat()
            guard lstat(root + "/" + path, &status) == 0 else { throw failure("cannot read", root + "/" + path) }
            switch status.st_mode & S_IFMT {
            case S_IFDIR: try walk(root, relative: path, into: &entries)
            case S_IFREG: entries.append((path, true))
            default: entries.append((path, false))
            }
        }
    }

    private static func readFile(_ path: String) throws(Failure) -> ExistingFile {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw failure("cannot read", path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure("cannot read", path) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(Int(status.st_size), 0) + 1)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count >= 0 else {
                if errno == EINTR { continue }
                throw failure("cannot read", path)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return ExistingFile(bytes: bytes, isExecutable: status.st_mode & S_IXUSR != 0)
    }

    private static func failure(_ what: String, _ path: String) -> Failure {
        Failure(description: "\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
