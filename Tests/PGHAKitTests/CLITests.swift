import Foundation
import Testing
@testable import PGHAKit

/// The `pgha` executable end to end: exit codes, stdout/stderr, and that nothing is written on error.
@Suite struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The pgha binary SwiftPM built beside the test bundle.
    static var executable: URL {
        var directory = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("pgha").path), directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("pgha")
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = TestSupport.repositoryRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pgha-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func rendersTheExampleIntoADirectory() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        let run = try Self.run(["render", "Examples/aks-ha.yaml", "-o", output.path])
        #expect(run.status == 0, "\(run.stderr)")
        let tree = try TestSupport.tree(at: output)
        let expected = Compiler.compile(try TestSupport.read("Examples/aks-ha.yaml"), options: Compiler.Options(specFileName: "aks-ha.yaml")).artifacts
        #expect(tree == Dictionary(uniqueKeysWithValues: expected.map { ($0.path, $0.contents) }))
    }

    @Test func aBadSpecExitsOneAndLeavesTheOutputDirectoryAsItWas() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        #expect(try Self.run(["render", "Examples/minimal.yaml", "-o", output.path]).status == 0)
        let before = try TestSupport.tree(at: output)
        let bad = root.appendingPathComponent("bad.yaml")
        try Data("apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: orders\ninstaces: 3\nazure:\n  location: westus3\n".utf8).write(to: bad)
        let run = try Self.run(["render", bad.path, "-o", output.path])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("\(bad.path):4:1: error[PGHA0010]: unknown key 'instaces'\n"))
        #expect(try TestSupport.tree(at: output) == before)
        let fresh = root.appendingPathComponent("fresh")
        #expect(try Self.run(["render", bad.path, "-o", fresh.path]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
        #expect(try Self.run(["render", bad.path, "-o", root.appendingPathComponent("new/deeper/out").path]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("new").path))
        // A fleet renders its valid specs as it goes; one invalid spec still leaves the directory as it was.
        let fleet = root.appendingPathComponent("fleet")
        try FileManager.default.createDirectory(at: fleet, withIntermediateDirectories: true)
        try Data(try TestSupport.read("Examples/aks-ha.yaml")).write(to: fleet.appendingPathComponent("a.yaml"))
        try Data(try TestSupport.read("Examples/minimal.yaml")).write(to: fleet.appendingPathComponent("b.yaml"))
        try FileManager.default.copyItem(at: bad, to: fleet.appendingPathComponent("c.yaml"))
        #expect(try Self.run(["render", fleet.path, "-o", output.path]).status == 1)
        #expect(try TestSupport.tree(at: output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["bad.yaml", "fleet", "out"])
    }

    @Test func aRenderReplacesStaleFiles() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        #expect(try Self.run(["render", "Examples/aks-ha.yaml", "-o", output.path]).status == 0)
        #expect(try Self.run(["render", "Examples/minimal.yaml", "-o", output.path]).status == 0)
        #expect(try TestSupport.tree(at: output).keys.sorted() == ["cluster-orders.yaml", "kustomization.yaml", "podmonitor-orders.yaml",
                                                                 "scripts/cleanup.sh", "scripts/deploy.sh", "scripts/failover-drill.sh"])
    }

    @Test func refusesToReplaceADirectoryPGHADidNotWrite() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("keep me".utf8).write(to: root.appendingPathComponent("notes.txt"))
        let run = try Self.run(["render", "Examples/minimal.yaml", "-o", root.path])
        #expect(run.status == 3)
        #expect(run.stderr.contains("refusing to replace"))
        #expect(try TestSupport.tree(at: root) == ["notes.txt": "keep me"])
    }

    @Test func withoutOutputTheManifestsGoToStandardOutput() throws {
        let run = try Self.run(["render", "Examples/minimal.yaml"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("---\n# Source: cluster-orders.yaml\napiVersion: postgresql.cnpg.io/v1\nkind: Cluster\n"))
        #expect(run.stdout.components(separatedBy: "\n---\n").count == 2)
    }

    @Test func exitCodes() throws {
        #expect(try Self.run(["validate", "Examples/aks-ha.yaml"]).status == 0)
        #expect(try Self.run(["validate", "Examples/aks-ha.yaml", "--strict"]).status == 1)
        #expect(try Self.run(["render", "--no-such-flag"]).status == 2)
        #expect(try Self.run(["validate", "/nonexistent/spec.yaml"]).status == 3)
        #expect(try Self.run(["--help"]).status == 0)
    }

    @Test func schemaCommandPrintsTheCommittedSchema() throws {
        let run = try Self.run(["schema"])
        #expect(run.status == 0)
        #expect(run.stdout == String(decoding: try TestSupport.read("Schemas/pgha.schema.json"), as: UTF8.self))
    }
}
