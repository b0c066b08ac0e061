import Foundation
import Testing
@testable import PGHAKit

/// The `pgha` executable end to end: exit codes, stdout/stderr, and that nothing is written on error.
@Suite struct CLITests {
    @Test func rendersTheExampleIntoADirectory() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        let run = try PGHAProcess.run(["render", "Examples/aks-ha.yaml", "-o", output.path])
        #expect(run.status == 0, "\(run.stderr)")
        let tree = try TestSupport.tree(at: output)
        let expected = Compiler.compile(try TestSupport.read("Examples/aks-ha.yaml"), options: Compiler.Options(specFileName: "aks-ha.yaml")).artifacts
        #expect(tree == Dictionary(uniqueKeysWithValues: expected.map { ($0.path, $0.contents) }))
    }

    @Test func aBadSpecExitsOneAndLeavesTheOutputDirectoryAsItWas() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        #expect(try PGHAProcess.run(["render", "Examples/minimal.yaml", "-o", output.path]).status == 0)
        let before = try TestSupport.tree(at: output)
        let bad = root.appendingPathComponent("bad.yaml")
        try Data("apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: orders\ninstaces: 3\nazure:\n  location: westus3\n".utf8).write(to: bad)
        let run = try PGHAProcess.run(["render", bad.path, "-o", output.path])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("\(bad.path):4:1: error[PGHA0010]: unknown key 'instaces'\n"))
        #expect(try TestSupport.tree(at: output) == before)
        let fresh = root.appendingPathComponent("fresh")
        #expect(try PGHAProcess.run(["render", bad.path, "-o", fresh.path]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
        #expect(try PGHAProcess.run(["render", bad.path, "-o", root.appendingPathComponent("new/deeper/out").path]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("new").path))
        // A fleet renders its valid specs as it goes; one invalid spec still leaves the directory as it was.
        let fleet = root.appendingPathComponent("fleet")
        try FileManager.default.createDirectory(at: fleet, withIntermediateDirectories: true)
        try Data(try TestSupport.read("Examples/aks-ha.yaml")).write(to: fleet.appendingPathComponent("a.yaml"))
        try Data(try TestSupport.read("Examples/minimal.yaml")).write(to: fleet.appendingPathComponent("b.yaml"))
        try FileManager.default.copyItem(at: bad, to: fleet.appendingPathComponent("c.yaml"))
        #expect(try PGHAProcess.run(["render", fleet.path, "-o", output.path]).status == 1)
        #expect(try TestSupport.tree(at: output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["bad.yaml", "fleet", "out"])
    }

    @Test func aRenderReplacesStaleFiles() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        #expect(try PGHAProcess.run(["render", "Examples/aks-ha.yaml", "-o", output.path]).status == 0)
        #expect(try PGHAProcess.run(["render", "Examples/minimal.yaml", "-o", output.path]).status == 0)
        #expect(try TestSupport.tree(at: output).keys.sorted() == ["cluster-orders.yaml", "kustomization.yaml", "podmonitor-orders.yaml",
                                                                 "prometheusrule-orders-alerts.yaml", "scripts/cleanup.sh", "scripts/deploy.sh", "scripts/failover-drill.sh"])
    }

    @Test func refusesToReplaceADirectoryPGHADidNotWrite() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("keep me".utf8).write(to: root.appendingPathComponent("notes.txt"))
        let run = try PGHAProcess.run(["render", "Examples/minimal.yaml", "-o", root.path])
        #expect(run.status == 3)
        #expect(run.stderr.contains("refusing to replace"))
        #expect(try TestSupport.tree(at: root) == ["notes.txt": "keep me"])
    }

    @Test func withoutOutputTheManifestsGoToStandardOutput() throws {
        let run = try PGHAProcess.run(["render", "Examples/minimal.yaml"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("---\n# Source: cluster-orders.yaml\napiVersion: postgresql.cnpg.io/v1\nkind: Cluster\n"))
        #expect(run.stdout.components(separatedBy: "\n---\n").count == 3)
    }

    @Test func exitCodes() throws {
        #expect(try PGHAProcess.run(["validate", "Examples/aks-ha.yaml"]).status == 0)
        #expect(try PGHAProcess.run(["validate", "Examples/aks-ha.yaml", "--strict"]).status == 1)
        #expect(try PGHAProcess.run(["render", "--no-such-flag"]).status == 2)
        #expect(try PGHAProcess.run(["validate", "/nonexistent/spec.yaml"]).status == 3)
        #expect(try PGHAProcess.run(["--help"]).status == 0)
    }

    @Test func schemaCommandPrintsTheCommittedSchema() throws {
        let run = try PGHAProcess.run(["schema"])
        #expect(run.status == 0)
        #expect(run.stdout == String(decoding: try TestSupport.read("Schemas/pgha.schema.json"), as: UTF8.self))
    }
}
