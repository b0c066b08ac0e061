import Foundation
import Testing
@testable import PGHAKit

/// Comparing a rendering with an output directory on disk: what `pgha check` and `pgha diff` see.
@Suite struct DriftTests {
    static let rendered = [
        Artifact(path: "kustomization.yaml", contents: "k\n"),
        Artifact(path: "ns/a/cluster-a.yaml", contents: "a\n"),
        Artifact(path: "ns/b/cluster-b.yaml", contents: "b\n"),
    ]

    /// Every file of the directory at `url`.
    static func snapshot(_ url: URL) throws -> [String: ExistingFile] {
        let directory = try OutputDirectory(url.path)
        return try directory.files(at: Array(directory.files.keys))
    }

    @Test func aFreshlyWrittenDirectoryHasNoDrift() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        try TestSupport.writeOutput(Self.rendered, to: output)
        let drift = Drift(rendered: Self.rendered, existing: try Self.snapshot(output))
        #expect(drift.isEmpty)
        #expect(drift.listing(in: "out") == "")
    }

    @Test func addedChangedAndRemovedFilesAreListedByPath() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        try TestSupport.writeOutput(Self.rendered, to: output)
        try FileManager.default.removeItem(at: output.appendingPathComponent("ns/a/cluster-a.yaml"))
        try TestSupport.write("edited\n", to: "ns/b/cluster-b.yaml", in: output)
        try TestSupport.write("stray\n", to: "ns/c/.stray.yaml", in: output)
        let drift = Drift(rendered: Self.rendered, existing: try Self.snapshot(output))
        #expect(drift.entries == [
            Drift.Entry(.added, "ns/a/cluster-a.yaml"),
            Drift.Entry(.changed, "ns/b/cluster-b.yaml"),
            Drift.Entry(.removed, "ns/c/.stray.yaml"),
        ])
        #expect(drift.listing(in: "out") == "added: out/ns/a/cluster-a.yaml\nchanged: out/ns/b/cluster-b.yaml\nremoved: out/ns/c/.stray.yaml\n")
        #expect(drift.summary == "1 added, 1 changed, 1 removed")
    }

    @Test func modesAndLinksCountAsChanges() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        let rendered = Self.rendered + [Artifact(path: "run.sh", contents: "echo\n", isExecutable: true)]
        try TestSupport.writeOutput(rendered, to: output)
        let snapshot = try Self.snapshot(output)
        #expect(snapshot["run.sh"] == ExistingFile(bytes: Array("echo\n".utf8), isExecutable: true))
        #expect(snapshot["kustomization.yaml"] == ExistingFile(bytes: Array("k\n".utf8), isExecutable: false))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: output.appendingPathComponent("run.sh").path)
        try FileManager.default.removeItem(at: output.appendingPathComponent("ns/a/cluster-a.yaml"))
        try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("ns/a/cluster-a.yaml").path,
                                                   withDestinationPath: "../b/cluster-b.yaml")
        let drift = Drift(rendered: rendered, existing: try Self.snapshot(output))
        #expect(drift.entries == [Drift.Entry(.changed, "ns/a/cluster-a.yaml"), Drift.Entry(.changed, "run.sh")])
    }

    @Test func aMissingDirectoryMeansEveryFileIsAdded() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let snapshot = try Self.snapshot(directory.appendingPathComponent("absent"))
        #expect(snapshot.isEmpty)
        #expect(Drift(rendered: Self.rendered, existing: snapshot).entries.map(\.change) == [.added, .added, .added])
    }

    @Test func aFileInPlaceOfTheDirectoryIsAnError() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestSupport.write("x", to: "file", in: directory)
        #expect(throws: OutputDirectory.Failure.self) {
            try OutputDirectory(directory.appendingPathComponent("file").path)
        }
    }

    @Test func aRenderingComparesWithItsOutputDirectoryPartByPart() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        let sources = ["pg-a", "pg-b"].map { SpecSource(path: "\($0).yaml", bytes: Array(TestSupport.spec(name: $0).utf8)) }
        func drift() throws -> Drift {
            let existing = try OutputDirectory(output.path)
            return try Drift(try FleetRenderer.render(sources, fleet: true) { try Drift.Part($0, against: existing) }.parts.get(), against: existing)
        }
        func patch() throws -> String {
            let existing = try OutputDirectory(output.path)
            let parts = try FleetRenderer.render(sources, fleet: true) { try Drift.Part($0, against: existing, diffContext: 3) }.parts.get()
            return try Drift(parts, against: existing, diffContext: 3).patch
        }
        #expect(try drift().entries.allSatisfy { $0.change == .added })
        let staging = try OutputWriter.Staging(replacing: output)
        _ = try FleetRenderer.render(sources, fleet: true) { try staging.add($0) }.parts.get()
        try staging.commit()
        #expect(try drift().isEmpty)
        #expect(try patch() == "")

        try TestSupport.write("stray\n", to: "out/zz.yaml", in: directory)
        try TestSupport.write("# kustomization\n", to: "out/kustomization.yaml", in: directory)
        #expect(try drift().entries == [Drift.Entry(.changed, "kustomization.yaml"), Drift.Entry(.removed, "zz.yaml")])
        let patchText = try patch()
        #expect(patchText.hasPrefix("--- a/kustomization.yaml\n+++ b/kustomization.yaml\n@@ -1 +1,6 @@\n-# kustomization\n+"))
        #expect(patchText.hasSuffix("--- a/zz.yaml\n+++ /dev/null\n@@ -1 +0,0 @@\n-stray\n"))
        #expect(try OutputDirectory(output.path).listed(["zz.yaml", "nowhere.yaml", "kustomization.yaml"]) == ["zz.yaml", "kustomization.yaml"])
    }
}
