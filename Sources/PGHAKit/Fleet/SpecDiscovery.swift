#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The spec files a command line names: files as given, `-` for standard input, directories expanded to the `*.yaml`
/// and `*.yml` files directly inside them (not in subdirectories, and no hidden files), sorted by name.
public struct SpecSet: Sendable, Equatable {
    /// The spec files, in argument order with each directory's files sorted; a file named twice (by any path or
    /// link) appears once.
    public var paths: [String]
    /// Whether the specs render as a fleet (`DIR/<namespace>/<name>/`): more than one spec, or any directory named.
    public var isFleet: Bool

    public init(paths: [String], isFleet: Bool) {
        self.paths = paths
        self.isFleet = isFleet
    }

    /// Why the arguments name no usable set of specs.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var description: String
        /// Whether the failure is in the arguments (no spec at all) rather than in reading the file system.
        public var isUsage: Bool
    }

    /// The argument that stands for a spec read from standard input.
    public static let standardInput = "-"
    /// How diagnostics name the spec read from standard input.
    public static let standardInputName = "<stdin>"

    /// Expands `arguments` (spec files, `-`, and directories of specs).
    public static func discover(_ arguments: [String]) throws(Failure) -> SpecSet {
        guard !arguments.isEmpty else { throw Failure(description: "no spec given", isUsage: true) }
        guard arguments.count(where: { $0 == standardInput }) <= 1 else {
            throw Failure(description: "standard input ('-') can be named once", isUsage: true)
        }
        var paths: [String] = []
        var seen: Set<FileIdentity> = []
        var namesDirectory = false
        for argument in arguments {
            if argument == standardInput {
                paths.append(argument)
                continue
            }
            guard let identity = FileIdentity(argument) else {
                throw Failure(description: "cannot read \(argument): \(String(cString: strerror(errno)))", isUsage: false)
            }
            guard identity.isDirectory else {
                if seen.insert(identity).inserted { paths.append(argument) }
                continue
            }
            namesDirectory = true
            for (path, file) in try specs(in: argument) where seen.insert(file).inserted {
                paths.append(path)
            }
        }
        return SpecSet(paths: paths, isFleet: namesDirectory || paths.count > 1)
    }

    /// The bytes of the spec at `path` (`-`: standard input), read with plain POSIX calls so that pipes and
    /// `/dev/stdin` work; the failure says why (not found, permission, a directory). A regular file is read from
    /// its start whatever its descriptor's offset (on macOS, opening `/dev/stdin` shares the offset of standard
    /// input, which an earlier read left at the end), so it reads the same every time.
    public static func read(_ path: String) -> Result<[UInt8], Failure> {
        readFile(path).bytes
    }

    /// `read(_:)`, and whether the bytes came from a regular file, which reads the same again (a pipe or a device,
    /// standard input among them, does not), as `fstat` says of the descriptor read.
    static func readFile(_ path: String) -> (bytes: Result<[UInt8], Failure>, isRegularFile: Bool) {
        let descriptor = path == standardInput ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        func failure() -> Result<[UInt8], Failure> {
            .failure(Failure(description: "cannot read \(name(of: path)): \(String(cString: strerror(errno)))", isUsage: false))
        }
        guard descriptor >= 0 else { return (failure(), false) }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var status = stat()
        let regular = path != standardInput && fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                regular ? pread(descriptor, buffer.baseAddress, buffer.count, off_t(bytes.count)) : systemRead(descriptor, buffer.baseAddress, buffer.count)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return (failure(), regular)
            }
            if count == 0 { return (.success(bytes), regular) }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    /// How diagnostics name the spec at `path`.
    public static func name(of path: String) -> String {
        path == standardInput ? standardInputName : path
    }

    /// The spec files directly inside `directory`, sorted by name, each with its identity (one `stat` a file,
    /// symbolic links followed; a name that is a directory or cannot be read is no spec).
    private static func specs(in directory: String) throws(Failure) -> [(path: String, file: FileIdentity)] {
        guard let names = FileSystem.entries(of: directory) else {
            throw Failure(description: "cannot read \(directory): \(String(cString: strerror(errno)))", isUsage: false)
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let specs = names
            .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .compactMap { name -> (path: String, file: FileIdentity)? in
                guard let file = FileIdentity(prefix + name), !file.isDirectory else { return nil }
                return (prefix + name, file)
            }
        guard !specs.isEmpty else {
            throw Failure(description: "\(directory) holds no spec (*.yaml or *.yml file)", isUsage: true)
        }
        return specs
    }
}

/// A file as the file system knows it (device and inode), so that one file named by two paths counts once.
private struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64
    let isDirectory: Bool

    /// The file at `path` (symbolic links followed), or nil when it cannot be read.
    init?(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        isDirectory = status.st_mode & S_IFMT == S_IFDIR
    }
}
