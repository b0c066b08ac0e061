import Foundation
import Testing
@testable import PGHAKit

/// Comparing a rendering with an output directory on disk: what `pgha check` and `pgha diff` see. Only the files pgha
/// wrote are compared; everything else in the directory is the user's.
@Suite struct DriftTests {
    static let rendered = [
        Artifact(path: "kustomization.yaml", contents: "k\n"),
        Artifact(path: "ns/a/cluster-a.yaml", contents: "a\n"),
        Artifact(path: "ns/b/cluster-b.yaml", contents: "b\n"),
    ]

    /// How the directory at `url` differs from `artifacts`.
    static func drift(_ artifacts: [Artifact], _ url: URL, diffContext: Int? = nil) throws -> Drift {
        let directory = try OutputDirectory(url.path)
        return try Drift([try Drift.Part(artifacts, against: directory, diffContext: diffContext)], against: directory, diffContext: diffContext)
    }

    @Test func aFreshlyWrittenDirectoryHasNoDrift() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        try TestSupport.writeOutput(Self.rendered, to: output)
        #expect(try Self.drift(Self.rendered, output).isEmpty)
    }

    /// When every file pgha wrote is rendered once and unchanged, only the listing itself can differ: reordered,
    /// or executable.
    @Test func aListingNotAsPGHAWritesItIsChangedThoughEveryFileIsRendered() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        try TestSupport.writeOutput(Self.rendered, to: output)
        let listing = output.appendingPathComponent(OutputListing.fileName)
        let canonical = try String(contentsOf: listing, encoding: .utf8)
        let lines = canonical.split(separator: "\n")
        try Data(((lines.prefix(1) + lines.dropFirst().reversed()).joined(separator: "\n") + "\n").utf8).write(to: listing)
        #expect(try Self.drift(Self.rendered, output).entries == [Drift.Entry(.changed, OutputListing.fileName)])
        try Data(canonical.utf8).write(to: listing)
        #expect(try Self.drift(Self.rendered, output).isEmpty)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: listing.path)
        #expect(try Self.drift(Self.rendered, output).entries == [Drift.Entry(.changed, OutputListing.fileName)])
        let removed = Array(Self.rendered.dropLast())
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: listing.path)
        #expect(try Self.drift(removed, output).entries.map(\.change) == [.changed, .removed])
    }

    @Test func addedChangedAndRemovedFilesAreListedByPathAndForeignFilesAreNot() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        let previous = Self.rendered + [Artifact(path: "ns/c/cluster-c.yaml", contents: "c\n")]
        try TestSupport.writeOutput(previous, to: output)
        try FileManager.default.removeItem(at: output.appendingPathComponent("ns/a/cluster-a.yaml"))
        try TestSupport.write("edited\n", to: "ns/b/cluster-b.yaml", in: output)
        try TestSupport.write("mine\n", to: "ns/c/.notes.yaml", in: output)
        try TestSupport.write("[core]\n", to: ".git/config", in: output)
        let drift = try Self.drift(Self.rendered, output)
        #expect(drift.entries == [
            Drift.Entry(.changed, OutputListing.fileName),
            Drift.Entry(.added, "ns/a/cluster-a.yaml"),
            Drift.Entry(.changed, "ns/b/cluster-b.yaml"),
            Drift.Entry(.removed, "ns/c/cluster-c.yaml"),
        ])
        #expect(drift.entries.map { $0.path(in: "out") }[1] == "out/ns/a/cluster-a.yaml")
        #expect(drift.summary == "1 added, 2 changed, 1 removed")
    }

    @Test func modesAndLinksCountAsChanges() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        let rendered = Self.rendered + [Artifact(path: "run.sh", contents: "echo\n", isExecutable: true)]
        try TestSupport.writeOutput(rendered, to: output)
        let existing = try OutputDirectory(output.path)
        #expect(try existing.file(at: "run.sh") == ExistingFile(bytes: Array("echo\n".utf8), isExecutable: true))
        #expect(try existing.file(at: "kustomization.yaml") == ExistingFile(bytes: Array("k\n".utf8), isExecutable: false))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: output.appendingPathComponent("run.sh").path)
        try FileManager.default.removeItem(at: output.appendingPathComponent("ns/a/cluster-a.yaml"))
        try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("ns/a/cluster-a.yaml").path,
                                                   withDestinationPath: "../b/cluster-b.yaml")
        #expect(try Self.drift(rendered, output).entries == [Drift.Entry(.changed, "ns/a/cluster-a.yaml"), Drift.Entry(.changed, "run.sh")])
    }

    @Test func aMissingDirectoryMeansEveryFileIsAdded() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let drift = try Self.drift(Self.rendered, directory.appendingPathComponent("absent"))
        #expect(drift.entries.map(\.change) == [.added, .added, .added, .added])
    }

    @Test func anOutputOfPGHA010WithoutAListingIsReadByItsHeaders() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestSupport.write(Renderer.manifestHeader + "resources: []\n", to: "out/kustomization.yaml", in: directory)
        try TestSupport.write(Renderer.manifestHeader + "kind: Cluster\n", to: "out/cluster-old.yaml", in: directory)
        try TestSupport.write("#!/usr/bin/env bash\n# deploy.sh: ...\n# Rendered by pgha 0.1.0 from a.yaml.\n", to: "out/scripts/deploy.sh", in: directory)
        try TestSupport.write("mine\n", to: "out/README.md", in: directory)
        try TestSupport.write(Renderer.manifestHeader, to: "out/.hidden/kept.yaml", in: directory)
        let existing = try OutputDirectory(directory.appendingPathComponent("out").path)
        #expect(!existing.hasListing)
        #expect(existing.owned == ["kustomization.yaml", "cluster-old.yaml", "scripts/deploy.sh"])
        #expect(try existing.foreignEntries() == [".hidden", "README.md"])
    }

    @Test func aListingThatNamesAPathOutsideTheDirectoryIsRefused() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestSupport.write(OutputListing.header + "../elsewhere.txt\n", to: "out/\(OutputListing.fileName)", in: directory)
        #expect(throws: OutputDirectory.Failure.self) { try OutputDirectory(directory.appendingPathComponent("out").path) }
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
        func drift(diffContext: Int? = nil) throws -> Drift {
            let existing = try OutputDirectory(output.path)
            let parts = try FleetRenderer.render(sources, fleet: true) { try Drift.Part($0, against: existing, diffContext: diffContext) }.parts.get()
            return try Drift(parts, against: existing, diffContext: diffContext)
        }
        #expect(try drift().entries.allSatisfy { $0.change == .added })
        let staging = try OutputWriter.Staging(replacing: output.path)
        _ = try FleetRenderer.render(sources, fleet: true) { try staging.add($0) }.parts.get()
        try staging.commit()
        #expect(try drift().isEmpty)
        #expect(try drift(diffContext: 3).patch == "")

        let listing = try String(contentsOf: output.appendingPathComponent(OutputListing.fileName), encoding: .utf8)
        try TestSupport.write(listing + "zz.yaml\n", to: OutputListing.fileName, in: output)
        try TestSupport.write("stray\n", to: "zz.yaml", in: output)
        try TestSupport.write("# kustomization\n", to: "kustomization.yaml", in: output)
        #expect(try drift().entries == [
            Drift.Entry(.changed, OutputListing.fileName), Drift.Entry(.changed, "kustomization.yaml"), Drift.Entry(.removed, "zz.yaml"),
        ])
        let patchText = try drift(diffContext: 3).patch
        #expect(patchText.contains("--- a/kustomization.yaml\n+++ b/kustomization.yaml\n@@ -1 +1,6 @@\n-# kustomization\n+"))
        #expect(patchText.hasSuffix("--- a/zz.yaml\n+++ /dev/null\n@@ -1 +0,0 @@\n-stray\n"))
    }
}
