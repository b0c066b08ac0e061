import Foundation
import Testing
@testable import PGHAKit

/// The impact lines of `check` and `diff`, `--format json` and `--fail-on`, through the built executable.
@Suite struct ImpactCommandTests {
    static let scaleOut = "impact: scale: cnpg-database/pg-a: instances: scale out 3 -> 4: CloudNativePG adds 1 standby(s), each cloned from the primary"

    /// A scratch directory with `spec.yaml` rendered into `out/`, then changed to four instances.
    static func changed() throws -> (root: URL, spec: String, output: String) {
        let root = try TestSupport.temporaryDirectory()
        try TestSupport.write(TestSupport.spec(name: "pg-a"), to: "spec.yaml", in: root)
        let spec = root.appendingPathComponent("spec.yaml").path, output = root.appendingPathComponent("out").path
        #expect(try PGHAProcess.run(["render", spec, "-o", output]).status == 0)
        try TestSupport.write(TestSupport.spec("instances: 4\n", name: "pg-a"), to: "spec.yaml", in: root)
        return (root, spec, output)
    }

    @Test func checkAndDiffPrintTheImpactAboveTheirOutput() throws {
        let (root, spec, output) = try Self.changed()
        defer { try? FileManager.default.removeItem(at: root) }
        let check = try PGHAProcess.run(["check", spec, "-o", output])
        #expect(check.status == 1)
        #expect(check.stdout == "\(Self.scaleOut)\nchanged: \(output)/.pgha/spec.json\nchanged: \(output)/README.md\nchanged: \(output)/cluster-pg-a.yaml\nchanged: \(output)/prometheusrule-pg-a-alerts.yaml\n")
        let diff = try PGHAProcess.run(["diff", spec, "-o", output, "-U", "0"])
        #expect(diff.status == 1)
        #expect(diff.stdout.hasPrefix("\(Self.scaleOut)\n\n--- a/.pgha/spec.json\n+++ b/.pgha/spec.json\n"))
        #expect(diff.stdout.contains("--- a/cluster-pg-a.yaml\n+++ b/cluster-pg-a.yaml\n@@ -12 +12 @@\n-  instances: 3\n+  instances: 4\n"))
    }

    @Test func jsonFormatGivesTheImpactAndTheFilesToBots() throws {
        let (root, spec, output) = try Self.changed()
        defer { try? FileManager.default.removeItem(at: root) }
        let check = try PGHAProcess.run(["check", spec, "-o", output, "--format", "json"])
        #expect(check.status == 1)
        #expect(check.stdout == """
        {
          "impact": [
            {"category": "scale", "cluster": "cnpg-database/pg-a", "field": "instances", "message": "scale out 3 -> 4: CloudNativePG adds 1 standby(s), each cloned from the primary"}
          ],
          "files": [
            {"change": "changed", "path": "\(output)/.pgha/spec.json"},
            {"change": "changed", "path": "\(output)/README.md"},
            {"change": "changed", "path": "\(output)/cluster-pg-a.yaml"},
            {"change": "changed", "path": "\(output)/prometheusrule-pg-a-alerts.yaml"}
          ]
        }

        """)
        let diff = try PGHAProcess.run(["diff", spec, "-o", output, "--format", "json"])
        #expect(diff.stdout.hasPrefix("{\n  \"impact\": [\n    {\"category\": \"scale\""))
        #expect(diff.stdout.contains("\"patch\": \"--- a/.pgha/spec.json\\n+++ b/.pgha/spec.json\\n"))
        let github = try PGHAProcess.run(["check", spec, "-o", output, "--format", "github"])
        #expect(github.stdout.hasPrefix("::notice title=pgha impact (scale)::\(Self.scaleOut)\n::error file=\(output)/"))
    }

    /// A review's repro: with nothing to report, `--format json` printed nothing, which no JSON parser reads.
    @Test func jsonFormatPrintsOneDocumentWhenNothingDiffers() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out").path
        #expect(try PGHAProcess.run(["render", "Examples/minimal.yaml", "-o", output]).status == 0)
        let check = try PGHAProcess.run(["check", "Examples/minimal.yaml", "-o", output, "--format", "json"])
        #expect(check.status == 0)
        #expect(check.stdout == "{\n  \"impact\": [],\n  \"files\": []\n}\n")
        let diff = try PGHAProcess.run(["diff", "Examples/minimal.yaml", "-o", output, "--format", "json"])
        #expect(diff.status == 0)
        #expect(diff.stdout == "{\n  \"impact\": [],\n  \"patch\": \"\"\n}\n")
        #expect(try PGHAProcess.run(["check", "Examples/minimal.yaml", "-o", output]).stdout.isEmpty)
    }

    @Test func failOnRefusesTheCategoriesItNames() throws {
        let (root, spec, output) = try Self.changed()
        defer { try? FileManager.default.removeItem(at: root) }
        let allowed = try PGHAProcess.run(["diff", spec, "-o", output, "--fail-on", "cluster-deleted,major-upgrade"])
        #expect(allowed.status == 1)
        #expect(try PGHAProcess.run(["diff", spec, "-o", output, "--fail-on", ""]).status == 1)
        let refused = try PGHAProcess.run(["check", spec, "-o", output, "--fail-on", "major-upgrade, scale"])
        #expect(refused.status == 4)
        #expect(refused.stdout.hasPrefix(Self.scaleOut))
        #expect(refused.stderr == "error: the change has impact in categories --fail-on refuses: scale\n")
        let unknown = try PGHAProcess.run(["diff", spec, "-o", output, "--fail-on", "scale,data-loss"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("""
        Error: --fail-on: unknown impact category 'data-loss'; the categories are: restart, reload, online, \
        no-effect, volume-expansion, volume-shrink, storage-class, major-upgrade, minor-update, scale, zones, sync-replication, \
        exposure, exposure-reduced, pg-hba-loosened, backup, cluster-created, cluster-deleted, unclassified
        """))
    }
}
