import Foundation
import Testing
@testable import PGHAKit

/// `OutputWriter.Staging`: files added from several threads, unchanged files carried over by link.
@Suite struct StagingTests {
    static func inode(_ url: URL) throws -> UInt64 {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? UInt64)
    }

    @Test func unchangedFilesKeepTheirInodeAndChangedOnesAreWritten() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        let first = [
            Artifact(path: "kustomization.yaml", contents: Renderer.manifestHeader),
            Artifact(path: "a/same.yaml", contents: "same\n"),
            Artifact(path: "a/changed.yaml", contents: "old\n"),
            Artifact(path: "run.sh", contents: "echo\n", isExecutable: true),
        ]
        try TestSupport.writeOutput(first, to: output)
        let same = try Self.inode(output.appendingPathComponent("a/same.yaml"))
        let changed = try Self.inode(output.appendingPathComponent("a/changed.yaml"))
        let script = try Self.inode(output.appendingPathComponent("run.sh"))

        var second = first
        second[2].contents = "new\n"
        try TestSupport.writeOutput(second, to: output)
        #expect(try TestSupport.tree(at: output) == Dictionary(uniqueKeysWithValues: second.map { ($0.path, $0.contents) }))
        #expect(try Self.inode(output.appendingPathComponent("a/same.yaml")) == same)
        #expect(try Self.inode(output.appendingPathComponent("run.sh")) == script)
        #expect(try Self.inode(output.appendingPathComponent("a/changed.yaml")) != changed)
        let mode = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("run.sh").path)[.posixPermissions] as? Int
        #expect(mode == 0o755)
    }

    /// Expects the commit of `staging` to fail because one path was added twice.
    static func expectRepeatRefused(_ staging: OutputWriter.Staging) {
        #expect(throws: OutputWriter.Failure.self) {
            do { try staging.commit() } catch let failure as OutputWriter.Failure {
                #expect(failure.description == "refusing to write the same file twice: 1 paths repeat")
                throw failure
            }
        }
    }

    /// The staging directories beside `output` and inside it.
    static func stagingDirectories(of output: URL) throws -> [String] {
        let beside = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
        let inside = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        return (beside + inside).filter { $0.contains("pgha-staging") }
    }

    /// The inode of every file below `output` (the listing included) and of `output` itself (key "").
    static func inodes(_ output: URL) throws -> [String: UInt64] {
        var inodes = ["": try inode(output)]
        for path in try TestSupport.tree(at: output, includingListing: true).keys {
            inodes[path] = try inode(output.appendingPathComponent(path))
        }
        return inodes
    }

    static let tree = [
        Artifact(path: "kustomization.yaml", contents: Renderer.manifestHeader),
        Artifact(path: "ns/a/cluster.yaml", contents: "a\n"),
        Artifact(path: "ns/a/scripts/deploy.sh", contents: "echo a\n", isExecutable: true),
        Artifact(path: "ns/b/cluster.yaml", contents: "b\n"),
    ]

    /// A new temporary directory holding `out`, written with `tree`; the caller removes the directory.
    static func writtenTree() throws -> (directory: URL, output: URL) {
        let directory = try TestSupport.temporaryDirectory()
        let output = directory.appendingPathComponent("out")
        do {
            try TestSupport.writeOutput(tree, to: output)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        return (directory, output)
    }

    /// A re-render that changes nothing writes nothing: no staging directory, no swap (the directory keeps its
    /// inode), every file and the listing untouched.
    @Test func anUnchangedRenderWritesNothing() throws {
        let (directory, output) = try Self.writtenTree()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try Self.inodes(output)
        let staging = try OutputWriter.Staging(replacing: output.path)
        try staging.add(Array(Self.tree.prefix(2)))
        try staging.add(Array(Self.tree.dropFirst(2)))
        #expect(try Self.stagingDirectories(of: output).isEmpty)
        #expect(try staging.commit() == .unchanged)
        #expect(try Self.inodes(output) == before)
        #expect(try Self.stagingDirectories(of: output).isEmpty)
    }

    /// The first file that differs makes the staging directory; the files found unchanged before it are linked in.
    @Test func aChangedFileAfterUnchangedOnesStagesTheWholeTree() throws {
        let (directory, output) = try Self.writtenTree()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try Self.inodes(output)
        var changed = Self.tree
        changed[3].contents = "b changed\n"
        let staging = try OutputWriter.Staging(replacing: output.path)
        try staging.add(Array(changed.prefix(3)))
        #expect(try Self.stagingDirectories(of: output).isEmpty)
        try staging.add([changed[3]])
        #expect(try Self.stagingDirectories(of: output).count == 1)
        #expect(try staging.commit() == .swapped)
        #expect(try TestSupport.tree(at: output) == Dictionary(uniqueKeysWithValues: changed.map { ($0.path, $0.contents) }))
        let after = try Self.inodes(output)
        for path in ["kustomization.yaml", "ns/a/cluster.yaml", "ns/a/scripts/deploy.sh"] { #expect(after[path] == before[path], "\(path)") }
        #expect(after["ns/b/cluster.yaml"] != before["ns/b/cluster.yaml"])
        #expect(after[""] != before[""])
        #expect(try Self.stagingDirectories(of: output).isEmpty)
    }

    /// A render of fewer files, each unchanged, still removes the one it no longer renders: the listing differs.
    @Test func aFileNoLongerRenderedIsRemovedThoughTheRestIsUnchanged() throws {
        let (directory, output) = try Self.writtenTree()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try Self.inodes(output)
        let fewer = Array(Self.tree.dropLast())
        let staging = try OutputWriter.Staging(replacing: output.path)
        try staging.add(fewer)
        #expect(try staging.commit() == .swapped)
        #expect(try TestSupport.tree(at: output) == Dictionary(uniqueKeysWithValues: fewer.map { ($0.path, $0.contents) }))
        #expect(try String(contentsOf: output.appendingPathComponent(OutputListing.fileName), encoding: .utf8)
            == OutputListing.contents(SortedPaths(fewer.map(\.path))))
        #expect(try Self.inodes(output)["ns/a/cluster.yaml"] == before["ns/a/cluster.yaml"])
    }

    /// A listing that names the right files but not as pgha writes it (another order) is rewritten.
    @Test func aListingNotAsPGHAWritesItIsRewritten() throws {
        let (directory, output) = try Self.writtenTree()
        defer { try? FileManager.default.removeItem(at: directory) }
        let listing = output.appendingPathComponent(OutputListing.fileName)
        let canonical = try String(contentsOf: listing, encoding: .utf8)
        let lines = canonical.split(separator: "\n")
        try Data((lines.prefix(1) + lines.dropFirst().reversed()).joined(separator: "\n").utf8).write(to: listing)
        #expect(try TestSupport.writeOutput(Self.tree, to: output) == .swapped)
        #expect(try String(contentsOf: listing, encoding: .utf8) == canonical)
    }

    /// A directory that cannot be swapped (it holds files pgha did not write) is left alone when nothing changed,
    /// and written file by file when something did.
    @Test func anUnchangedDirectoryWithForeignFilesIsLeftAlone() throws {
        let (directory, output) = try Self.writtenTree()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestSupport.write("mine\n", to: ".git/HEAD", in: output)
        let before = try Self.inodes(output)
        #expect(try TestSupport.writeOutput(Self.tree, to: output) == .unchanged)
        #expect(try Self.inodes(output) == before)
        var changed = Self.tree
        changed[1].contents = "a changed\n"
        #expect(try TestSupport.writeOutput(changed, to: output) == .inPlace(reason: "it holds files pgha did not write, such as .git"))
        #expect(try TestSupport.tree(at: output)["ns/a/cluster.yaml"] == "a changed\n")
        #expect(try TestSupport.tree(at: output)[".git/HEAD"] == "mine\n")
    }

    /// In place, pgha neither writes nor removes its files through a folder of the directory that was replaced by a
    /// symbolic link: the file it points at is outside the directory, and pgha did not write it.
    @Test func inPlaceNothingIsWrittenOrRemovedThroughASymbolicLink() throws {
        let (directory, output) = try Self.writtenTree()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestSupport.write("mine\n", to: ".git/HEAD", in: output)
        let elsewhere = directory.appendingPathComponent("elsewhere")
        try TestSupport.write("precious\n", to: "cluster.yaml", in: elsewhere)
        try FileManager.default.removeItem(at: output.appendingPathComponent("ns/b"))
        try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("ns/b").path, withDestinationPath: elsewhere.path)
        var changed = Self.tree
        changed[3].contents = "b changed\n"
        let message = "refusing to write through \(output.path)/ns/b: it is a symbolic link, so pgha's files there would be written or removed outside \(output.path); replace it with a folder, or render into another directory"
        for tree in [changed, Array(Self.tree.prefix(3))] {
            #expect(throws: OutputWriter.Failure(description: message)) { try TestSupport.writeOutput(tree, to: output) }
            #expect(try TestSupport.tree(at: elsewhere) == ["cluster.yaml": "precious\n"])
        }
    }

    /// Specs added from several threads, one of them changed: the threads that found their files unchanged before
    /// the staging directory was made and those after it make one tree.
    @Test func oneChangedPartAmongManyAddedFromSeveralThreadsMakesOneTree() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        func parts(changing changed: Int?) -> [[Artifact]] {
            (0..<64).map { index in
                [Artifact(path: "ns-\(index % 4)/pg-\(index)/cluster.yaml", contents: index == changed ? "changed\n" : "\(index)\n"),
                 Artifact(path: "ns-\(index % 4)/pg-\(index)/scripts/run.sh", contents: "echo \(index)\n", isExecutable: true)]
            }
        }
        func render(_ parts: [[Artifact]]) throws -> OutputWriter.Method {
            let staging = try OutputWriter.Staging(replacing: output.path)
            _ = try Parallel.map(parts.count) { index in Result { try staging.add(parts[index]) } }.map { try $0.get() }
            try staging.add([Artifact(path: "kustomization.yaml", contents: Renderer.manifestHeader)])
            return try staging.commit()
        }
        #expect(try render(parts(changing: nil)) == .swapped)
        let before = try Self.inodes(output)
        #expect(try render(parts(changing: nil)) == .unchanged)
        for changed in [0, 40, 63] {
            let expected = parts(changing: changed)
            #expect(try render(expected) == .swapped)
            var files = Dictionary(uniqueKeysWithValues: expected.joined().map { ($0.path, $0.contents) })
            files["kustomization.yaml"] = Renderer.manifestHeader
            #expect(try TestSupport.tree(at: output) == files)
            let after = try Self.inodes(output)
            #expect(after["ns-3/pg-63/scripts/run.sh"] == before["ns-3/pg-63/scripts/run.sh"])
            #expect(try render(parts(changing: nil)) == .swapped)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out"])
    }

    /// A run that is killed leaves its staging directory behind; the next run beside it removes it, but never one that
    /// a live run holds.
    @Test func aKilledRunsStagingDirectoryIsRemovedByTheNextAndALiveOneIsKept() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        try TestSupport.write("left behind\n", to: ".out.pgha-staging-Abc123/a/file.yaml", in: directory)
        try TestSupport.write("in use\n", to: ".out.pgha-staging-Live42/file.yaml", in: directory)
        try TestSupport.write("another output's\n", to: ".other.pgha-staging-Xyz789/file.yaml", in: directory)
        let live = open(directory.appendingPathComponent(".out.pgha-staging-Live42").path, O_RDONLY | O_DIRECTORY)
        defer { close(live) }
        #expect(live >= 0 && flock(live, LOCK_EX) == 0)
        try TestSupport.writeOutput([Artifact(path: "kustomization.yaml", contents: Renderer.manifestHeader)], to: output)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == [".other.pgha-staging-Xyz789", ".out.pgha-staging-Live42", "out"])
    }

    /// A render that writes nothing still removes what killed runs left, beside the directory and inside it.
    @Test func anUnchangedRenderRemovesAKilledRunsStagingDirectories() throws {
        let (directory, output) = try Self.writtenTree()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestSupport.write("left behind\n", to: ".out.pgha-staging-Abc123/a/file.yaml", in: directory)
        try TestSupport.write("left behind\n", to: "out/.pgha-staging-Def456/file.yaml", in: directory)
        #expect(try TestSupport.writeOutput(Self.tree, to: output) == .unchanged)
        #expect(try Self.stagingDirectories(of: output).isEmpty)
    }

    @Test func filesLinkedFromElsewhereOrWithAnotherModeAreWrittenAfresh() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        let artifacts = [
            Artifact(path: "kustomization.yaml", contents: Renderer.manifestHeader),
            Artifact(path: "shared.yaml", contents: "x\n"),
            Artifact(path: "run.sh", contents: "echo\n", isExecutable: true),
        ]
        try TestSupport.writeOutput(artifacts, to: output)
        try FileManager.default.linkItem(at: output.appendingPathComponent("shared.yaml"), to: directory.appendingPathComponent("elsewhere.yaml"))
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: output.appendingPathComponent("run.sh").path)
        let shared = try Self.inode(output.appendingPathComponent("shared.yaml"))
        try TestSupport.writeOutput(artifacts, to: output)
        #expect(try Self.inode(output.appendingPathComponent("shared.yaml")) != shared)
        #expect(try Self.inode(directory.appendingPathComponent("elsewhere.yaml")) == shared)
        let mode = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("run.sh").path)[.posixPermissions] as? Int
        #expect(mode == 0o755)
    }

    @Test func partsAddedFromSeveralThreadsMakeOneTree() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        let parts = (0..<64).map { index in
            [Artifact(path: "ns-\(index % 4)/pg-\(index)/cluster.yaml", contents: "\(index)\n"),
             Artifact(path: "ns-\(index % 4)/pg-\(index)/scripts/run.sh", contents: "echo \(index)\n", isExecutable: true)]
        }
        let staging = try OutputWriter.Staging(replacing: output.path)
        _ = try Parallel.map(parts.count) { index in Result { try staging.add(parts[index]) } }.map { try $0.get() }
        try staging.add([Artifact(path: "kustomization.yaml", contents: Renderer.manifestHeader)])
        try staging.commit()
        let tree = try TestSupport.tree(at: output)
        #expect(tree.count == 129)
        #expect(tree["ns-3/pg-63/scripts/run.sh"] == "echo 63\n")
        #expect(try String(contentsOf: output.appendingPathComponent(OutputListing.fileName), encoding: .utf8)
            == OutputListing.contents(SortedPaths(parts.joined().map(\.path) + ["kustomization.yaml"])))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out"])
    }

    @Test func aFileAddedTwiceFailsAndLeavesNothing() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        let staging = try OutputWriter.Staging(replacing: output.path)
        try staging.add([Artifact(path: "ns/pg/cluster.yaml", contents: "a\n"), Artifact(path: "kustomization.yaml", contents: "k\n")])
        for contents in ["a\n", "b\n"] {
            #expect(throws: OutputWriter.Failure(description: "refusing to write the same file twice: ns/pg/cluster.yaml")) {
                try staging.add([Artifact(path: "ns/pg/cluster.yaml", contents: contents)])
            }
        }
        staging.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    /// In a directory that holds the files already, an unchanged file added twice in place of another is still
    /// refused: as many paths as before, but not the same ones.
    @Test func anUnchangedFileAddedTwiceInPlaceOfAnotherFailsTheCommit() throws {
        let (directory, output) = try Self.writtenTree()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try Self.inodes(output)
        let staging = try OutputWriter.Staging(replacing: output.path)
        try staging.add(Array(Self.tree.prefix(3)))
        try staging.add([Self.tree[1]])
        Self.expectRepeatRefused(staging)
        staging.discard()
        #expect(try Self.inodes(output) == before)
        #expect(try Self.stagingDirectories(of: output).isEmpty)
    }

    /// A file added again with other bytes, after the directory's unchanged copy was linked for it, must not write
    /// through the link into the directory (`O_TRUNC` on the linked path did).
    @Test func aFileAddedAgainWithOtherBytesLeavesTheDirectorysCopyAlone() throws {
        let (directory, output) = try Self.writtenTree()
        defer { try? FileManager.default.removeItem(at: directory) }
        let staging = try OutputWriter.Staging(replacing: output.path)
        try staging.add(Array(Self.tree.prefix(2)))
        #expect(throws: OutputWriter.Failure(description: "refusing to write the same file twice: ns/a/cluster.yaml")) {
            try staging.add([Artifact(path: "ns/a/cluster.yaml", contents: "other\n")])
        }
        staging.discard()
        #expect(try TestSupport.tree(at: output) == Dictionary(uniqueKeysWithValues: Self.tree.map { ($0.path, $0.contents) }))
        #expect(try Self.stagingDirectories(of: output).isEmpty)
    }

    /// A listing that another link shares, or with other permissions, is written again: an unchanged render leaves
    /// only a listing exactly as pgha writes it.
    @Test func aListingLinkedElsewhereOrWithOtherPermissionsIsWrittenAgain() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        let listing = output.appendingPathComponent(OutputListing.fileName)
        try TestSupport.writeOutput(Self.tree, to: output)
        let mode = try FileManager.default.attributesOfItem(atPath: listing.path)[.posixPermissions] as? Int
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: listing.path)
        #expect(try TestSupport.writeOutput(Self.tree, to: output) == .swapped)
        #expect(try FileManager.default.attributesOfItem(atPath: listing.path)[.posixPermissions] as? Int == mode)
        try FileManager.default.linkItem(at: listing, to: directory.appendingPathComponent("listing-copy"))
        #expect(try TestSupport.writeOutput(Self.tree, to: output) == .swapped)
        #expect(try FileManager.default.attributesOfItem(atPath: listing.path)[.referenceCount] as? Int == 1)
    }

    /// A FIFO at a rendered path is replaced; opening it to compare must not wait for a writer.
    @Test func aFIFOAtARenderedPathIsReplacedWithoutWaiting() throws {
        let (directory, output) = try Self.writtenTree()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = output.appendingPathComponent("ns/b/cluster.yaml")
        try FileManager.default.removeItem(at: fifo)
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Thread.detachNewThread {
            outcome.result = Result { try TestSupport.writeOutput(Self.tree, to: output) }
            done.signal()
        }
        if done.wait(timeout: .now() + 30) == .timedOut {
            Issue.record("the render waited for a writer of the FIFO")
            while done.wait(timeout: .now() + 0.1) == .timedOut {
                let writer = open(fifo.path, O_WRONLY | O_NONBLOCK)
                if writer >= 0 { close(writer) }
            }
        }
        #expect(try outcome.result?.get() == .swapped)
        #expect(try TestSupport.tree(at: output) == Dictionary(uniqueKeysWithValues: Self.tree.map { ($0.path, $0.contents) }))
    }

    /// Where the directory's files may not be linked (another user's files under `fs.protected_hardlinks`), the
    /// files found unchanged before the staging directory was made are copied into it. Runs as root only: the test
    /// takes another file-system user for its thread (`setfsuid`), which drops root's right to link anything.
    @Test func unchangedFilesThatMayNotBeLinkedAreCopied() throws {
        typealias SetFSUID = @convention(c) (UInt32) -> Int32
        guard geteuid() == 0, (try? String(contentsOfFile: "/proc/sys/fs/protected_hardlinks", encoding: .utf8)) == "1\n",
              let symbol = dlsym(nil, "setfsuid") else { return }
        let setfsuid = unsafeBitCast(symbol, to: SetFSUID.self)
        let (directory, output) = try Self.writtenTree()
        defer { try? FileManager.default.removeItem(at: directory) }
        for folder in ["", "out", "out/ns", "out/ns/a", "out/ns/a/scripts", "out/ns/b"] {
            #expect(chmod(directory.appendingPathComponent(folder).path, 0o777) == 0)
        }
        var changed = Self.tree
        changed[3].contents = "b changed\n"
        let method: OutputWriter.Method
        do {
            let previous = setfsuid(65534)
            defer { _ = setfsuid(UInt32(previous)) }
            #expect(link(output.appendingPathComponent("ns/a/cluster.yaml").path, directory.appendingPathComponent("probe").path) != 0)
            let staging = try OutputWriter.Staging(replacing: output.path)
            try staging.add(Array(changed.prefix(3)))
            try staging.add([changed[3]])
            method = try staging.commit()
        }
        #expect(method == .swapped)
        #expect(try TestSupport.tree(at: output) == Dictionary(uniqueKeysWithValues: changed.map { ($0.path, $0.contents) }))
        let mode = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("ns/a/scripts/deploy.sh").path)[.posixPermissions] as? Int
        #expect(mode == 0o755)
    }

    /// The listing has one path a line: a path with a line break would be written as one file and listed as two.
    @Test func aPathWithALineBreakOrOutsideTheDirectoryIsRefused() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let staging = try OutputWriter.Staging(replacing: directory.appendingPathComponent("out").path)
        defer { staging.discard() }
        for path in ["ns/pg\nx/cluster.yaml", "ns/pg\rx.yaml", "../x.yaml", "ns//x.yaml", "a\u{0}b"] {
            #expect(throws: OutputWriter.Failure.self, "\(path.debugDescription)") { try staging.add([Artifact(path: path, contents: "x\n")]) }
        }
    }
}

/// The result of a render on another thread, read after its semaphore is signalled.
private final class Outcome: @unchecked Sendable {
    var result: Result<OutputWriter.Method, any Error>?
}

/// Issue #10, item 7: directories that cannot be swapped are written file by file.
@Suite struct InPlaceWritingTests {
    @Test func aMountPointCannotBeSwapped() throws {
        var mount = stat(), parent = stat()
        guard stat("/dev/shm", &mount) == 0, stat("/dev", &parent) == 0, mount.st_dev != parent.st_dev else { return }
        #expect(OutputWriter.inPlaceReason("/dev/shm", parent: "/dev", foreign: nil) == "it is a mount point")
    }

    @Test func aDirectoryWithForeignFilesOrHoldingTheCurrentDirectoryCannotBeSwapped() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(OutputWriter.inPlaceReason(directory.path, parent: directory.deletingLastPathComponent().path, foreign: nil) == nil)
        #expect(OutputWriter.inPlaceReason(directory.path, parent: "/", foreign: ".git") == "it holds files pgha did not write, such as .git")
        #expect(OutputWriter.inPlaceReason("/", parent: "/", foreign: nil) == "it is, or contains, the current directory")
    }

    @Test func aFailedInPlaceWriteLeavesTheDirectoryAsItWas() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let artifacts = Compiler.compile(try TestSupport.read("Examples/minimal.yaml")).artifacts
        try TestSupport.writeOutput(artifacts, to: directory)
        try TestSupport.write("mine\n", to: "README.md", in: directory)
        let before = try TestSupport.tree(at: directory, includingListing: true)
        let clashing = Compiler.compile(try TestSupport.read("Examples/aks-ha.yaml")).artifacts + [Artifact(path: "README.md", contents: "x")]
        #expect(throws: OutputWriter.Failure.self) { try TestSupport.writeOutput(clashing, to: directory) }
        #expect(try TestSupport.tree(at: directory, includingListing: true) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".pgha-staging") }.isEmpty)
    }
}
