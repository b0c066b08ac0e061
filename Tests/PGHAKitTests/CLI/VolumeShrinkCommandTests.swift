import Foundation
import Testing
@testable import PGHAKit

/// `render`, `check` and `diff` into a directory that records larger volumes refuse the change, writing nothing.
@Suite struct VolumeShrinkCommandTests {
    static let shrinks = "error[PGHA0160]: storage.size is 32Gi, smaller than the 128Gi the output directory records (.pgha/spec.json): a PersistentVolumeClaim cannot shrink"

    @Test func renderCheckAndDiffRefuseAVolumeThatShrinks() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try TestSupport.write(TestSupport.spec("storage:\n  size: 128Gi\n"), to: "spec.yaml", in: root)
        let spec = root.appendingPathComponent("spec.yaml").path, output = root.appendingPathComponent("out")
        #expect(try PGHAProcess.run(["render", spec, "-o", output.path]).status == 0)
        let rendered = try TestSupport.tree(at: output, includingListing: true)
        try TestSupport.write(TestSupport.spec("storage:\n  size: 32Gi\n"), to: "spec.yaml", in: root)
        for command in ["render", "check", "diff"] {
            let run = try PGHAProcess.run([command, spec, "-o", output.path])
            #expect(run.status == 1, "\(command)")
            #expect(run.stdout == "", "\(command)")
            #expect(run.stderr.hasPrefix("\(spec):7:9: \(Self.shrinks)\n"), "\(command): \(run.stderr)")
        }
        #expect(try TestSupport.tree(at: output, includingListing: true) == rendered)
        #expect(try PGHAProcess.run(["render", spec, "-o", root.appendingPathComponent("new").path]).status == 0)
    }

    /// A record pgha cannot read hid the recorded volumes without a word (noticed in earlier sessions): a shrink went
    /// ahead unchecked. It still goes ahead, since pgha cannot know, but says so; `--strict` stops it. A review added
    /// the record without its cluster's name (which `check` already called unreadable), one that is a folder, and one
    /// removed while the listing still names it.
    @Test(arguments: ["cut short", "no name", "a folder", "removed"])
    func anUnreadableRecordIsSaidToHideTheRecordedVolumes(damage: String) throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try TestSupport.write(TestSupport.spec("storage:\n  size: 128Gi\n"), to: "spec.yaml", in: root)
        let spec = root.appendingPathComponent("spec.yaml").path, output = root.appendingPathComponent("out")
        #expect(try PGHAProcess.run(["render", spec, "-o", output.path]).status == 0)
        let record = output.appendingPathComponent(".pgha/spec.json")
        let recorded = try String(contentsOf: record, encoding: .utf8)
        switch damage {
        case "cut short": try Data(recorded.prefix(40).utf8).write(to: record)
        case "no name": try Data(recorded.replacingOccurrences(of: "\"name\":", with: "\"nom\":").utf8).write(to: record)
        case "a folder":
            try FileManager.default.removeItem(at: record)
            try FileManager.default.createDirectory(at: record, withIntermediateDirectories: false)
        default: try FileManager.default.removeItem(at: record)
        }
        try TestSupport.write(TestSupport.spec("storage:\n  size: 32Gi\n"), to: "spec.yaml", in: root)
        let warning = "\(spec):6:1: warning[PGHA0163]: the spec record the output directory holds where this spec renders (.pgha/spec.json) cannot be read, so pgha cannot tell whether a volume shrinks or the WAL volume is removed (PGHA0160, PGHA0161)\n"
        for command in ["check", "render"] {
            let strict = try PGHAProcess.run([command, spec, "-o", output.path, "--strict"])
            #expect(strict.status == 1, "\(command)")
            #expect(strict.stderr.hasPrefix(warning), "\(command): \(strict.stderr)")
        }
        guard damage != "a folder" else { return }
        let run = try PGHAProcess.run(["render", spec, "-o", output.path])
        #expect(run.status == 0)
        #expect(run.stderr.hasPrefix(warning), "\(run.stderr)")
        #expect(try String(contentsOf: output.appendingPathComponent("cluster-pg-test.yaml"), encoding: .utf8).contains("size: 32Gi"))
        #expect(try PGHAProcess.run(["render", spec, "-o", output.path]).stderr.isEmpty)
    }

    /// The message names the member's record (a review noticed that a fleet's said only `.pgha/spec.json`).
    @Test func aFleetRefusesTheMemberWhoseVolumeShrinks() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try TestSupport.write(TestSupport.spec(name: "pg-a"), to: "specs/a.yaml", in: root)
        try TestSupport.write(TestSupport.spec("storage:\n  wal:\n    size: 16Gi\n", name: "pg-b"), to: "specs/b.yaml", in: root)
        let specs = root.appendingPathComponent("specs").path, output = root.appendingPathComponent("out")
        #expect(try PGHAProcess.run(["render", specs, "-o", output.path]).status == 0)
        let rendered = try TestSupport.tree(at: output, includingListing: true)
        try TestSupport.write(TestSupport.spec("instances: 4\n", name: "pg-a"), to: "specs/a.yaml", in: root)
        try TestSupport.write(TestSupport.spec("storage:\n  wal:\n    size: 8Gi\n", name: "pg-b"), to: "specs/b.yaml", in: root)
        for command in ["render", "check"] {
            let run = try PGHAProcess.run([command, specs, "-o", output.path])
            #expect(run.status == 1, "\(command)")
            #expect(run.stderr.hasPrefix("""
            \(specs)/b.yaml:8:11: error[PGHA0160]: storage.wal.size is 8Gi, smaller than the 16Gi the output directory \
            records (cnpg-database/pg-b/.pgha/spec.json): a PersistentVolumeClaim cannot shrink
            """), "\(command): \(run.stderr)")
            #expect(run.stderr.hasSuffix("error: 1 of 2 specs have errors\n"), "\(command)")
        }
        #expect(try TestSupport.tree(at: output, includingListing: true) == rendered)
    }
}
