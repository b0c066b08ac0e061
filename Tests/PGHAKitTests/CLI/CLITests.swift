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
        #expect(try TestSupport.tree(at: output).keys.sorted() == [".pgha/spec.json", "README.md", "cluster-orders.yaml", "kustomization.yaml", "podmonitor-orders.yaml",
                                                                 "prometheusrule-orders-alerts.yaml", "scripts/cleanup.sh", "scripts/deploy.sh", "scripts/failover-drill.sh"])
    }

    /// Issue #10, item 1: a render into a Git repository deleted `.git` and every file pgha had not written.
    @Test func filesPGHADidNotWriteAreKeptByteForByte() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let repository = root.appendingPathComponent("repo")
        #expect(try PGHAProcess.run(["render", "Examples/minimal.yaml", "-o", repository.path]).status == 0)
        try TestSupport.write("keep me\n", to: "NOTES.md", in: repository)
        try TestSupport.write("[core]\n", to: ".git/config", in: repository)
        try TestSupport.write("mine\n", to: "scripts/notes.txt", in: repository)
        let run = try PGHAProcess.run(["render", "Examples/internal-only.yaml", "-o", repository.path, "--verbose"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.hasSuffix("wrote \(repository.path): file by file, because it holds files pgha did not write, such as .git\n"))
        let tree = try TestSupport.tree(at: repository)
        #expect(tree["NOTES.md"] == "keep me\n")
        #expect(tree[".git/config"] == "[core]\n")
        #expect(tree["scripts/notes.txt"] == "mine\n")
        #expect(tree["cluster-orders.yaml"] == nil)
        #expect(tree["cluster-billing.yaml"] != nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: repository.path).filter { $0.hasPrefix(".pgha-staging") }.isEmpty)
        #expect(try PGHAProcess.run(["check", "Examples/internal-only.yaml", "-o", repository.path]).status == 0)
    }

    /// Issue #10, item 2: a spec kept inside its output directory was deleted by the next render.
    @Test func aSpecInsideItsOutputDirectoryIsAnInputNeverAnOutput() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let spec = root.appendingPathComponent("out/spec.yaml")
        try TestSupport.write(String(decoding: try TestSupport.read("Examples/minimal.yaml"), as: UTF8.self), to: "out/spec.yaml", in: root)
        for _ in 0..<3 {
            let run = try PGHAProcess.run(["render", spec.path, "-o", root.appendingPathComponent("out").path])
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: spec.path))
    }

    @Test func aFileOfTheSamePathThatPGHADidNotWriteIsNeverOverwritten() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try TestSupport.write("my kustomization\n", to: "kustomization.yaml", in: root)
        try TestSupport.write("keep me\n", to: "notes.txt", in: root)
        let run = try PGHAProcess.run(["render", "Examples/minimal.yaml", "-o", root.path])
        #expect(run.status == 3)
        #expect(run.stderr == "error: refusing to overwrite 1 file(s) in \(root.standardizedFileURL.path) that pgha did not write: kustomization.yaml; move them away, or pass --adopt to let pgha replace them\n")
        #expect(try TestSupport.tree(at: root, includingListing: true) == ["kustomization.yaml": "my kustomization\n", "notes.txt": "keep me\n"])
        #expect(try PGHAProcess.run(["render", "Examples/minimal.yaml", "-o", root.path, "--adopt"]).status == 0)
        #expect(try TestSupport.tree(at: root)["notes.txt"] == "keep me\n")
        #expect(try TestSupport.tree(at: root)["kustomization.yaml"]?.hasPrefix(Renderer.manifestHeader) == true)
    }

    @Test func aRenderThatChangesNothingSaysSoAndWritesNothing() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        #expect(try PGHAProcess.run(["render", "Examples/minimal.yaml", "-o", output.path, "--verbose"]).stderr == "wrote \(output.path): swapped in whole\n")
        let before = try FileManager.default.attributesOfItem(atPath: output.path)[.systemFileNumber] as? UInt64
        let run = try PGHAProcess.run(["render", "Examples/minimal.yaml", "-o", output.path, "--verbose"])
        #expect(run.status == 0)
        #expect(run.stderr == "wrote nothing to \(output.path): every file is already as rendered\n")
        #expect(try FileManager.default.attributesOfItem(atPath: output.path)[.systemFileNumber] as? UInt64 == before)
    }

    /// A review's repro: `--verbose` printed its plain line whatever `--format` said, which a bot reading JSON lines
    /// or a GitHub annotation stream cannot parse.
    @Test func verboseFollowsTheFormat() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out").path
        let json = try PGHAProcess.run(["render", "Examples/minimal.yaml", "-o", output, "--verbose", "--format", "json"])
        #expect(json.stderr == "{\"severity\":\"note\",\"message\":\"wrote \(output): swapped in whole\"}\n")
        let github = try PGHAProcess.run(["render", "Examples/minimal.yaml", "-o", output, "--verbose", "--format", "github"])
        #expect(github.stderr == "::notice::wrote nothing to \(output): every file is already as rendered\n")
    }

    /// Scripts are 0755 whatever the umask (so a script reads the same to git on every machine); the other files
    /// get 0666 less the umask. A re-render under the same umask finds every file as rendered.
    @Test(arguments: [("022", 0o644), ("077", 0o600), ("027", 0o640)])
    func scriptsAreExecutableForEveryoneWhateverTheUmask(umask: String, fileMode: Int) throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        let render = ["-c", "umask \(umask) && exec \"$0\" render Examples/aks-ha.yaml -o \"$1\" --verbose", PGHAProcess.executable.path, output.path]
        #expect(try PGHAProcess.run(render, shell: true).stderr == "wrote \(output.path): swapped in whole\n")
        let files = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".sh") || $0.hasSuffix(".yaml") }
        #expect(files.filter { $0.hasSuffix(".sh") }.count == 4)
        for file in files {
            let mode = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(file).path)[.posixPermissions] as? Int
            #expect(mode == (file.hasSuffix(".sh") ? 0o755 : fileMode), "\(file)")
        }
        #expect(try PGHAProcess.run(render, shell: true).stderr == "wrote nothing to \(output.path): every file is already as rendered\n")
    }

    /// Issue #10, item 7: `-o .` from inside DIR swapped the directory away from under the shell.
    @Test func theCurrentDirectoryIsWrittenInPlace() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let specPath = TestSupport.repositoryRoot.appendingPathComponent("Examples/minimal.yaml").path
        let otherSpecPath = TestSupport.repositoryRoot.appendingPathComponent("Examples/aks-ha.yaml").path
        #expect(try PGHAProcess.run(["render", otherSpecPath, "-o", root.path]).status == 0)
        let before = try FileManager.default.attributesOfItem(atPath: root.path)[.systemFileNumber] as? UInt64
        let run = try PGHAProcess.run(["render", specPath, "-o", ".", "--verbose"], in: root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "wrote .: file by file, because it is, or contains, the current directory\n")
        #expect(try FileManager.default.attributesOfItem(atPath: root.path)[.systemFileNumber] as? UInt64 == before)
        #expect(try PGHAProcess.run(["check", specPath, "-o", "."], in: root).status == 0)
    }

    @Test func withoutOutputTheManifestsGoToStandardOutput() throws {
        let run = try PGHAProcess.run(["render", "Examples/minimal.yaml"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("---\n# Source: cluster-orders.yaml\napiVersion: postgresql.cnpg.io/v1\nkind: Cluster\n"))
        #expect(run.stdout.components(separatedBy: "\n---\n").count == 3)
    }

    /// `pgha diff` notes what an image change does: here the flavour follows the backup method, on the same minor.
    @Test func diffNotesWhatAnImageChangeDoes() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = TestSupport.spec("backup:\n  storageAccount: pgtestbackups\n")
        try TestSupport.write(spec.replacingOccurrences(of: "backup:\n", with: "backup:\n  method: inTree\n"), to: "pg.yaml", in: directory)
        let output = directory.appendingPathComponent("out").path
        #expect(try PGHAProcess.run(["render", directory.appendingPathComponent("pg.yaml").path, "-o", output]).status == 0)
        try TestSupport.write(spec, to: "pg.yaml", in: directory)
        let run = try PGHAProcess.run(["diff", directory.appendingPathComponent("pg.yaml").path, "-o", output])
        #expect(run.status == 1)
        #expect(run.stderr == "note: cluster-pg-test.yaml: 18.6-system-trixie to 18.6-minimal-trixie stays on PostgreSQL 18: a rolling update, standbys first, then a switchover\n")
    }

    @Test func exitCodes() throws {
        #expect(try PGHAProcess.run(["validate", "Examples/aks-ha.yaml"]).status == 0)
        #expect(try PGHAProcess.run(["validate", "Examples/aks-ha.yaml", "--strict"]).status == 0)
        #expect(try PGHAProcess.run(["validate", "Tests/PGHAKitTests/Reference/GoldenSpecs/operator-1.30-in-tree.yaml", "--strict"]).status == 1)
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
