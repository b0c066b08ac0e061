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

    @Test func aFreshlyWrittenDirectoryHasNoDrift() throws {
        let directory = try FleetTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        try OutputWriter.write(Self.rendered, to: output)
        let drift = Drift(rendered: Self.rendered, existing: try OutputSnapshot.contents(of: output.path))
        #expect(drift.isEmpty)
        #expect(drift.listing == "")
    }

    @Test func addedChangedAndRemovedFilesAreListedByPath() throws {
        let directory = try FleetTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        try OutputWriter.write(Self.rendered, to: output)
        try FileManager.default.removeItem(at: output.appendingPathComponent("ns/a/cluster-a.yaml"))
        try FleetTestSupport.write("edited\n", to: "ns/b/cluster-b.yaml", in: output)
        try FleetTestSupport.write("stray\n", to: "ns/c/.stray.yaml", in: output)
        let drift = Drift(rendered: Self.rendered, existing: try OutputSnapshot.contents(of: output.path))
        #expect(drift.entries == [
            Drift.Entry(.added, "ns/a/cluster-a.yaml"),
            Drift.Entry(.changed, "ns/b/cluster-b.yaml"),
            Drift.Entry(.removed, "ns/c/.stray.yaml"),
        ])
        #expect(drift.listing == "added: ns/a/cluster-a.yaml\nchanged: ns/b/cluster-b.yaml\nremoved: ns/c/.stray.yaml\n")
        #expect(drift.summary == "1 added, 1 changed, 1 removed")
    }

    @Test func modesAndLinksCountAsChanges() throws {
        let directory = try FleetTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        let rendered = Self.rendered + [Artifact(path: "run.sh", contents: "echo\n", isExecutable: true)]
        try OutputWriter.write(rendered, to: output)
        let snapshot = try OutputSnapshot.contents(of: output.path)
        #expect(snapshot["run.sh"] == ExistingFile(bytes: Array("echo\n".utf8), isExecutable: true))
        #expect(snapshot["kustomization.yaml"] == ExistingFile(bytes: Array("k\n".utf8), isExecutable: false))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: output.appendingPathComponent("run.sh").path)
        try FileManager.default.removeItem(at: output.appendingPathComponent("ns/a/cluster-a.yaml"))
        try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("ns/a/cluster-a.yaml").path,
                                                   withDestinationPath: "../b/cluster-b.yaml")
        let drift = Drift(rendered: rendered, existing: try OutputSnapshot.contents(of: output.path))
        #expect(drift.entries == [Drift.Entry(.changed, "ns/a/cluster-a.yaml"), Drift.Entry(.changed, "run.sh")])
    }

    @Test func aMissingDirectoryMeansEveryFileIsAdded() throws {
        let directory = try FleetTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let snapshot = try OutputSnapshot.contents(of: directory.appendingPathComponent("absent").path)
        #expect(snapshot.isEmpty)
        #expect(Drift(rendered: Self.rendered, existing: snapshot).entries.map(\.change) == [.added, .added, .added])
    }

    @Test func aFileInPlaceOfTheDirectoryIsAnError() throws {
        let directory = try FleetTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FleetTestSupport.write("x", to: "file", in: directory)
        #expect(throws: OutputSnapshot.Failure.self) {
            try OutputSnapshot.contents(of: directory.appendingPathComponent("file").path)
        }
    }
}
