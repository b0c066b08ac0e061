import Foundation
import Testing
@testable import PGHAKit

/// `pgha render` of a fleet, `check`, `diff` and `init`, end to end through the built executable.
@Suite struct FleetCommandTests {
    /// A scratch directory with a `specs/` folder of three valid specs.
    static func fleet() throws -> URL {
        let directory = try TestSupport.temporaryDirectory()
        try TestSupport.write(TestSupport.spec(name: "pg-a"), to: "specs/a.yaml", in: directory)
        try TestSupport.write(TestSupport.spec("instances: 2\nzones: [\"1\", \"2\"]\n", name: "pg-b"), to: "specs/b.yaml", in: directory)
        try TestSupport.write(TestSupport.spec(name: "pg-a", namespace: "other"), to: "specs/c.yml", in: directory)
        return directory
    }

    @Test func renderWritesTheFleetLayoutTheSameEveryTime() throws {
        let directory = try Self.fleet()
        defer { try? FileManager.default.removeItem(at: directory) }
        let specs = directory.appendingPathComponent("specs").path, output = directory.appendingPathComponent("out")
        let run = try PGHAProcess.run(["render", specs, "-o", output.path])
        #expect(run.status == 0, "\(run.stderr)")
        let tree = try TestSupport.tree(at: output)
        let expected = try FleetRenderer.render(try SpecSet.discover([specs])) { $0 }.artifacts()
        #expect(tree == Dictionary(uniqueKeysWithValues: expected.map { ($0.path, $0.contents) }))
        #expect(tree["other/pg-a/cluster-pg-a.yaml"] != nil)
        #expect(tree["kustomization.yaml"]?.hasSuffix("resources:\n- cnpg-database/pg-a\n- cnpg-database/pg-b\n- other/pg-a\n") == true)
        #expect(try PGHAProcess.run(["render", specs, "-o", output.path]).status == 0)
        #expect(try TestSupport.tree(at: output) == tree)
    }

    /// A fleet member's deploy.sh cannot render its spec again into its folder (the fleet's listing owns the files:
    /// that render refuses them, exit 3), so it stops for the client ID; the same spec rendered alone renders again.
    @Test func aFleetMembersDeployAsksForTheClientIDWhereALoneSpecsRendersAgain() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let fleet = root.appendingPathComponent("fleet"), alone = root.appendingPathComponent("alone")
        #expect(try PGHAProcess.run(["render", "Examples", "-o", fleet.path]).status == 0)
        #expect(try PGHAProcess.run(["render", "Examples/aks-ha.yaml", "-o", alone.path]).status == 0)
        let member = fleet.appendingPathComponent("cnpg-database/pg-primary")
        let refused = try PGHAProcess.run(["render", "Examples/aks-ha.yaml", "-o", member.path, "--identity-client-id", "11111111-2222-3333-4444-555555555555"])
        #expect(refused.status == 3)
        let memberDeploy = try String(contentsOf: member.appendingPathComponent("scripts/deploy.sh"), encoding: .utf8)
        let aloneDeploy = try String(contentsOf: alone.appendingPathComponent("scripts/deploy.sh"), encoding: .utf8)
        #expect(memberDeploy.contains("render the fleet again and run its new deploy.sh") && !memberDeploy.contains("--identity-client-id"))
        #expect(aloneDeploy.contains("--identity-client-id") && !aloneDeploy.contains("render the fleet again"))
        let memberReadme = try String(contentsOf: member.appendingPathComponent("README.md"), encoding: .utf8)
        let aloneReadme = try String(contentsOf: alone.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(memberReadme.contains("  Without `azure.identity.clientID` in the spec it stops once it has created the identity `pg-primary-identity`: add the client ID it prints, render the fleet again and run it again.\n"))
        #expect(!aloneReadme.contains("render the fleet again"))
    }

    @Test func aFailingSpecLeavesTheOutputDirectoryUntouched() throws {
        let directory = try Self.fleet()
        defer { try? FileManager.default.removeItem(at: directory) }
        let specs = directory.appendingPathComponent("specs").path, output = directory.appendingPathComponent("out")
        #expect(try PGHAProcess.run(["render", specs, "-o", output.path]).status == 0)
        let before = try TestSupport.tree(at: output)
        try TestSupport.write(TestSupport.spec("instances: 0\n", name: "pg-d"), to: "specs/d.yaml", in: directory)
        try TestSupport.write(TestSupport.spec(name: "pg-e"), to: "specs/e.yaml", in: directory)
        let run = try PGHAProcess.run(["render", specs, "-o", output.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("specs/d.yaml:6:12: error[PGHA0015]"))
        #expect(run.stderr.hasSuffix("error: 1 of 5 specs have errors\n"))
        #expect(try TestSupport.tree(at: output) == before)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(siblings == ["out", "specs"])
    }

    /// A spec read from a pipe cannot be read a second time: pgha keeps what it read, so a conflict that the fleet
    /// rules confirm by reading the specs again is still found (a review found `validate /dev/stdin b.yaml` exit 0
    /// and `render` write both clusters of one backup folder).
    @Test func aConflictWithASpecFromAPipeIsFound() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let backup = "backup:\n  storageAccount: fleetbackups\n"
        try TestSupport.write(TestSupport.spec(backup, name: "pg-a", namespace: "two"), to: "b.yaml", in: directory)
        let b = directory.appendingPathComponent("b.yaml").path, output = directory.appendingPathComponent("out").path
        for arguments in [["validate", "/dev/stdin", b], ["render", "/dev/stdin", b, "-o", output]] {
            let run = try PGHAProcess.run(arguments, stdin: TestSupport.spec(backup, name: "pg-a", namespace: "one"))
            #expect(run.status == 1, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("error[PGHA0702]: /dev/stdin and \(b) both use"), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func duplicateTargetsFailNamingBothFiles() throws {
        let directory = try Self.fleet()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("specs/a.yaml").path
        try TestSupport.write(TestSupport.spec(name: "pg-a"), to: "copy.yaml", in: directory)
        let copy = directory.appendingPathComponent("copy.yaml").path
        let output = directory.appendingPathComponent("out")
        let run = try PGHAProcess.run(["render", first, copy, "-o", output.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(copy):3:7: error[PGHA0701]: \(first) and \(copy) both render to cnpg-database/pg-a/"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func checkExitsZeroWhenCurrentAndOneWithTheDrift() throws {
        let directory = try Self.fleet()
        defer { try? FileManager.default.removeItem(at: directory) }
        let specs = directory.appendingPathComponent("specs").path, output = directory.appendingPathComponent("out")
        #expect(try PGHAProcess.run(["check", specs, "-o", output.path]).status == 1)
        #expect(try PGHAProcess.run(["render", specs, "-o", output.path]).status == 0)
        let current = try PGHAProcess.run(["check", specs, "-o", output.path])
        #expect(current.status == 0, "\(current.stdout)\(current.stderr)")
        #expect(current.stdout.isEmpty)

        try TestSupport.write("# hand edit\n", to: "out/cnpg-database/pg-b/cluster-pg-b.yaml", in: directory)
        try FileManager.default.removeItem(at: output.appendingPathComponent("other/pg-a/kustomization.yaml"))
        try TestSupport.write("x: 1\n", to: "out/cnpg-database/pg-z/cluster-pg-z.yaml", in: directory)
        try TestSupport.write("mine\n", to: "out/NOTES.md", in: directory)
        let listing = output.appendingPathComponent(OutputListing.fileName)
        try (String(contentsOf: listing, encoding: .utf8) + "cnpg-database/pg-z/cluster-pg-z.yaml\n").write(to: listing, atomically: true, encoding: .utf8)
        let drifted = try PGHAProcess.run(["check", specs, "-o", output.path])
        #expect(drifted.status == 1)
        #expect(drifted.stdout == """
        changed: \(output.path)/.pgha-files
        changed: \(output.path)/cnpg-database/pg-b/cluster-pg-b.yaml
        removed: \(output.path)/cnpg-database/pg-z/cluster-pg-z.yaml
        added: \(output.path)/other/pg-a/kustomization.yaml

        """)
        #expect(drifted.stderr.hasSuffix("error: \(output.path) differs from the specs (1 added, 2 changed, 1 removed); run pgha render to update it\n"))

        let json = try PGHAProcess.run(["check", specs, "-o", output.path, "--format", "json"])
        #expect(json.stdout.contains("    {\"change\": \"changed\", \"path\": \"\(output.path)/.pgha-files\"},\n"))
        #expect(json.stderr.hasSuffix("{\"severity\":\"error\",\"message\":\"\(output.path) differs from the specs (1 added, 2 changed, 1 removed); run pgha render to update it\"}\n"))
        let github = try PGHAProcess.run(["check", specs, "-o", output.path, "--format", "github"])
        #expect(github.stdout.hasPrefix("::error file=\(output.path)/.pgha-files,title=changed::this file would be changed by pgha render; render and commit the result\n"))
    }

    @Test func diffShowsWhatRenderWouldChange() throws {
        let directory = try Self.fleet()
        defer { try? FileManager.default.removeItem(at: directory) }
        let specs = directory.appendingPathComponent("specs").path, output = directory.appendingPathComponent("out")
        #expect(try PGHAProcess.run(["render", specs, "-o", output.path]).status == 0)
        let clean = try PGHAProcess.run(["diff", specs, "-o", output.path])
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty)

        let kustomization = output.appendingPathComponent("kustomization.yaml")
        let original = try String(contentsOf: kustomization, encoding: .utf8)
        try Data(original.replacingOccurrences(of: "- other/pg-a\n", with: "").utf8).write(to: kustomization)
        let run = try PGHAProcess.run(["diff", specs, "-o", output.path])
        #expect(run.status == 1)
        #expect(run.stdout == """
        --- a/kustomization.yaml
        +++ b/kustomization.yaml
        @@ -4,3 +4,4 @@
         resources:
         - cnpg-database/pg-a
         - cnpg-database/pg-b
        +- other/pg-a

        """)
        let patched = try PGHAProcess.run(["diff", specs, "-o", output.path, "-U", "0"])
        #expect(patched.stdout.hasSuffix("@@ -6,0 +7 @@\n+- other/pg-a\n"))
    }

    @Test func theIdentityOverrideIsForOneSpecOnly() throws {
        let directory = try Self.fleet()
        defer { try? FileManager.default.removeItem(at: directory) }
        let specs = directory.appendingPathComponent("specs").path, identity = "3f2a7c1e-5b8d-4e9a-9c6f-1d2e3f4a5b6c"
        // Found only once the command runs, so reported with the command's usage (argument-parser's own report of an
        // error thrown by `run()` gave pgha's), whether the line is read plainly or by argument-parser (`--adopt=`).
        let usages = [
            "render": "pgha render <specs> ... [--identity-client-id <identity-client-id>] [--format <format>] [--strict] [--output <output>] [--include <kinds>] [--adopt] [--verbose]",
            "check": "pgha check <specs> ... [--identity-client-id <identity-client-id>] [--format <format>] [--strict] [--fail-on <categories>] --output <output>",
        ]
        for arguments in [["render", specs, "--identity-client-id", identity], ["render", specs, "--identity-client-id", identity, "-o", directory.appendingPathComponent("out").path],
                          ["render", "--verbose", specs, "--identity-client-id=" + identity, "--verbose"], ["check", specs, "--identity-client-id", identity, "-o", directory.path]] {
            let run = try PGHAProcess.run(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr == """
                Error: --identity-client-id applies to one spec, not to a fleet
                Usage: \(usages[arguments[0]]!)
                  See 'pgha \(arguments[0]) --help' for more information.

                """, "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path))
    }

    @Test func initWritesAStarterThatRenders() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = directory.appendingPathComponent("orders.yaml").path
        #expect(try PGHAProcess.run(["init", "--name", "orders", "-o", spec]).status == 0)
        #expect(try String(contentsOfFile: spec, encoding: .utf8) == StarterSpec.text(name: "orders"))
        let render = try PGHAProcess.run(["render", spec, "-o", directory.appendingPathComponent("out").path, "--strict"])
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stderr.isEmpty)

        let again = try PGHAProcess.run(["init", "-o", spec])
        #expect(again.status == 3)
        #expect(again.stderr == "error: \(spec) exists; pass --force to overwrite it\n")
        #expect(try PGHAProcess.run(["init", "-o", spec, "--force"]).status == 0)
        #expect(try String(contentsOfFile: spec, encoding: .utf8) == StarterSpec.text(name: StarterSpec.defaultName))

        let stdout = try PGHAProcess.run(["init"])
        #expect(stdout.stdout == StarterSpec.text(name: StarterSpec.defaultName))
        #expect(try PGHAProcess.run(["init", "--name", "Bad_Name"]).status == 2)
        let tooLong = try PGHAProcess.run(["init", "--name", "billing-db-" + String(repeating: "x", count: 39)])
        #expect(tooLong.status == 2)
        #expect(tooLong.stdout.isEmpty)
        #expect(tooLong.stderr.contains("does not validate; choose a shorter name"))
    }
}
