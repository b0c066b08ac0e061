import Foundation

/// Writes rendered files to a directory atomically: the whole tree is written to a temporary sibling
/// directory and swapped into place, so readers see the old tree or the new one, never a mix, and a
/// failure leaves the existing directory as it was.
public enum OutputWriter {
    /// Why writing failed.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Replaces `directory` with exactly `artifacts`. Refuses to replace a non-empty directory that pgha did not write.
    public static func write(_ artifacts: [Artifact], to directory: URL) throws {
        for artifact in artifacts where !isContained(artifact.path) {
            throw Failure(description: "refusing to write '\(artifact.path)' outside the output directory")
        }
        let fileManager = FileManager.default
        let target = directory.standardizedFileURL
        let parent = target.deletingLastPathComponent()
        if fileManager.fileExists(atPath: target.path) {
            try checkReplaceable(target)
        } else {
            do {
                try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            } catch {
                throw Failure(description: "cannot create \(parent.path): \(error.localizedDescription)")
            }
        }
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).pgha-\(ProcessInfo.processInfo.processIdentifier)-staging")
        try? fileManager.removeItem(at: staging)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            for artifact in artifacts {
                let file = staging.appendingPathComponent(artifact.path)
                try fileManager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(artifact.contents.utf8).write(to: file)
                if artifact.isExecutable {
                    try fileManager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
                }
            }
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            try fileManager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: staging.path)
            try swap(staging, into: target)
        } catch let failure as Failure {
            try? fileManager.removeItem(at: staging)
            throw failure
        } catch {
            try? fileManager.removeItem(at: staging)
            throw Failure(description: "cannot write \(target.path): \(error.localizedDescription)")
        }
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
    private static func swap(_ staging: URL, into target: URL) throws {
        guard FileManager.default.fileExists(atPath: target.path) else {
            guard rename(staging.path, target.path) == 0 else { throw posixFailure("rename", target) }
            return
        }
        if exchange(staging.path, target.path) {
            try? FileManager.default.removeItem(at: staging)
            return
        }
        let old = staging.deletingLastPathComponent().appendingPathComponent(staging.lastPathComponent + "-old")
        guard rename(target.path, old.path) == 0 else { throw posixFailure("rename", target) }
        guard rename(staging.path, target.path) == 0 else {
            _ = rename(old.path, target.path)
            throw posixFailure("rename", target)
        }
        try? FileManager.default.removeItem(at: old)
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

    private static func posixFailure(_ operation: String, _ url: URL) -> Failure {
        Failure(description: "cannot \(operation) \(url.path): \(String(cString: strerror(errno)))")
    }
}
