import Foundation
import Testing
@testable import PGHAKit

/// Issue #10's property: whatever specs pgha renders, checks or diffs into a directory, the files it did not write
/// (dot-files, nested folders, a Git repository with objects, spec files) are left byte for byte as they were.
@Suite struct ForeignFilesPropertyTests {
    /// Random foreign files: paths that never clash with a rendered file, and random bytes.
    static func foreignFiles(using generator: inout TestSupport.SeededGenerator) -> [String: [UInt8]] {
        let candidates = [
            ".git/HEAD", ".git/config", ".git/objects/ab/cdef0123", ".git/refs/heads/main", ".gitignore", ".env.local",
            "NOTES.md", "notes/todo.txt", "specs/pg-a.yaml", "spec.yaml", "scripts/local-notes.md", "oneoff/README",
            ".github/workflows/render.yml", "cnpg-database/notes.md", "docs/deep/er/file.bin",
        ]
        var files: [String: [UInt8]] = [:]
        for path in candidates where Bool.random(using: &generator) {
            files[path] = (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
        return files
    }

    /// A random valid spec: one of a few shapes, with a random name.
    static func spec(using generator: inout TestSupport.SeededGenerator) -> (name: String, yaml: String) {
        let name = "pg-" + String(Int.random(in: 0..<1000, using: &generator))
        let extras = [
            "",
            "instances: 1\n",
            "backup:\n  storageAccount: \(name.replacingOccurrences(of: "-", with: ""))backups\nrecovery: {}\n",
            "expose:\n  allowedSourceRanges: [203.0.113.0/24]\n  dnsLabel: \(name)-db\noperator:\n  config:\n    CLUSTERS_ROLLOUT_DELAY: \"60\"\n",
        ]
        return (name, TestSupport.spec(extras.randomElement(using: &generator)!, name: name))
    }

    @Test func foreignFilesSurviveEveryRenderCheckAndDiff() throws {
        var generator = TestSupport.SeededGenerator(state: 0xF0E1)
        for _ in 0..<25 {
            let root = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: root) }
            let output = root.appendingPathComponent("out")
            let foreign = Self.foreignFiles(using: &generator)
            for (path, bytes) in foreign {
                let file = output.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: file)
            }
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let count = Int.random(in: 1...3, using: &generator)
                let sources = (0..<count).map { index -> SpecSource in
                    let spec = Self.spec(using: &generator)
                    return SpecSource(path: "\(index)-\(spec.name).yaml", bytes: Array(spec.yaml.utf8))
                }
                let fleet = count > 1 || Bool.random(using: &generator)
                let staging = try OutputWriter.Staging(replacing: output.path)
                let rendering = FleetRenderer.render(sources, fleet: fleet) { try staging.add($0) }
                guard rendering.succeeded else {
                    staging.discard()
                    continue
                }
                _ = try rendering.parts.get()
                try staging.commit()

                let existing = try OutputDirectory(output.path)
                let parts = try FleetRenderer.render(sources, fleet: fleet) { try Drift.Part($0, against: existing, diffContext: 3) }.parts.get()
                #expect(try Drift(parts, against: existing, diffContext: 3).isEmpty, "check and diff see what render wrote")
                for (path, bytes) in foreign {
                    #expect(try Data(contentsOf: output.appendingPathComponent(path)) == Data(bytes), "\(path) changed")
                }
            }
        }
    }
}
