import Foundation

/// The spec files a command line names: files as given, directories expanded to the `*.yaml` and `*.yml` files
/// directly inside them (not in subdirectories, and no hidden files), sorted by name.
public struct SpecSet: Sendable, Equatable {
    /// The spec files, in argument order with each directory's files sorted; a file named twice appears once.
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

    /// Expands `arguments` (spec files and directories of specs).
    public static func discover(_ arguments: [String]) throws(Failure) -> SpecSet {
        guard !arguments.isEmpty else { throw Failure(description: "no spec given", isUsage: true) }
        var paths: [String] = []
        var seen: Set<String> = []
        var namesDirectory = false
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw Failure(description: "cannot read \(argument)", isUsage: false)
            }
            var found = [argument]
            if isDirectory.boolValue {
                namesDirectory = true
                found = try specs(in: argument)
            }
            for path in found where seen.insert(URL(fileURLWithPath: path).standardizedFileURL.path).inserted {
                paths.append(path)
            }
        }
        return SpecSet(paths: paths, isFleet: namesDirectory || paths.count > 1)
    }

    /// The spec files directly inside `directory`, sorted by name.
    private static func specs(in directory: String) throws(Failure) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw Failure(description: "cannot read \(directory): \(error.localizedDescription)", isUsage: false)
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let specs = names.filter { name in
            guard !name.hasPrefix("."), name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { return false }
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: prefix + name, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        guard !specs.isEmpty else {
            throw Failure(description: "\(directory) holds no spec (*.yaml or *.yml file)", isUsage: true)
        }
        return specs.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { prefix + $0 }
    }
}
