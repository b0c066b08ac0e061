import Foundation
import Testing
@testable import PGHAKit

/// What pgha prints, and where: standard output carries only what a pipeline may apply, specs come from standard
/// input, and a stream that cannot be written ends pgha with status 3, never a crash.
@Suite struct StandardStreamsTests {
    static func sources(of stream: String) -> [String] {
        stream.split(separator: "\n").filter { $0.hasPrefix("# Source: ") }.map { String($0.dropFirst("# Source: ".count)) }
    }

    /// Issue #10, item 3: `pgha render spec | kubectl apply -f -` started a restore and a backup on every sync.
    @Test func standardOutputCarriesTheSteadyStateObjectsUnlessAskedForMore() throws {
        let plain = try PGHAProcess.run(["render", "Examples/aks-ha.yaml"])
        #expect(plain.status == 0)
        #expect(Self.sources(of: plain.stdout) == [
            "cluster-pg-primary.yaml", "objectstore-pg-primary-backups.yaml", "podmonitor-pg-primary-managed-prometheus.yaml", "podmonitor-pg-primary.yaml",
            "prometheusrule-pg-primary-alerts.yaml", "scheduledbackup-pg-primary-backup.yaml", "service-pg-primary-public-ro.yaml", "service-pg-primary-public-rw.yaml",
        ])
        let withOneOff = try PGHAProcess.run(["render", "Examples/aks-ha.yaml", "--include", "oneoff"])
        #expect(Self.sources(of: withOneOff.stdout).filter { $0.hasPrefix("oneoff/") }
            == ["oneoff/backup-pg-primary-on-demand.yaml", "oneoff/cluster-pg-primary-recovered-db.yaml"])
        let operatorSpec = TestSupport.spec("operator:\n  config:\n    CLUSTERS_ROLLOUT_DELAY: \"60\"\n")
        #expect(!Self.sources(of: try PGHAProcess.run(["render", "-"], stdin: operatorSpec).stdout).contains { $0.hasPrefix("operator/") })
        #expect(Self.sources(of: try PGHAProcess.run(["render", "-", "--include", "operator,oneoff"], stdin: operatorSpec).stdout)
            .contains("operator/configmap-cnpg-controller-manager-config.yaml"))

        let unknown = try PGHAProcess.run(["render", "Examples/aks-ha.yaml", "--include", "scripts"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("Error: --include takes oneoff and operator, not 'scripts'\n"))
        #expect(try PGHAProcess.run(["render", "Examples/aks-ha.yaml", "--include", "oneoff", "-o", "/tmp/unused"]).status == 2)
    }

    /// Issue #10, item 18: `-`, `/dev/stdin` and `<(...)` failed with "cannot read" and no reason.
    @Test func aSpecComesFromStandardInputAndDiagnosticsNameIt() throws {
        let minimal = String(decoding: try TestSupport.read("Examples/minimal.yaml"), as: UTF8.self)
        let rendered = try PGHAProcess.run(["render", "-"], stdin: minimal)
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(rendered.stdout == (try PGHAProcess.run(["render", "Examples/minimal.yaml"])).stdout)
        #expect(try PGHAProcess.run(["render", "/dev/stdin"], stdin: minimal).stdout == rendered.stdout)

        let bad = try PGHAProcess.run(["validate", "-"], stdin: TestSupport.spec(TestSupport.closedAPIServer + "instaces: 3\n"))
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("<stdin>:7:1: error[PGHA0010]: unknown key 'instaces'\n"))

        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out").path
        #expect(try PGHAProcess.run(["render", "-", "-o", output], stdin: minimal).status == 0)
        #expect(try PGHAProcess.run(["check", "-", "-o", output], stdin: minimal).status == 0)
        let diff = try PGHAProcess.run(["diff", "-", "-o", output], stdin: minimal.replacingOccurrences(of: "name: orders", with: "name: orders\ninstances: 2"))
        #expect(diff.status == 1)
        #expect(diff.stdout.contains("-  instances: 3\n+  instances: 2\n"))
    }

    /// Issue #10, item 6: a failed write of standard output or error crashed with a backtrace (exit 132).
    @Test(arguments: [["render", "Examples/minimal.yaml"], ["schema"], ["init"]])
    func aStandardOutputThatCannotBeWrittenExitsThree(_ arguments: [String]) throws {
        let full = try PGHAProcess.run(["-c", "\"$0\" \"$@\" >/dev/full; echo $?", PGHAProcess.executable.path] + arguments, shell: true)
        #expect(full.stdout == "3\n", "\(arguments)")
        #expect(full.stderr == "error: cannot write to standard output: No space left on device\n")
        let closed = try PGHAProcess.run(["-c", "\"$0\" \"$@\" >&-; echo $?", PGHAProcess.executable.path] + arguments, shell: true)
        #expect(closed.stdout == "3\n", "\(arguments)")
        #expect(closed.stderr == "error: cannot write to standard output: Bad file descriptor\n")
    }

    @Test func aStandardErrorThatCannotBeWrittenExitsThree() throws {
        let run = try PGHAProcess.run(["-c", "\"$0\" validate Examples/aks-ha.yaml 2>/dev/full; echo $?", PGHAProcess.executable.path], shell: true)
        #expect(run.stdout == "3\n")
        #expect(try PGHAProcess.run(["validate", "Examples/aks-ha.yaml"]).status == 0)
    }

    /// Issue #10, item 19: every message a command prints follows `--format`.
    @Test func ioErrorsFollowTheFormat() throws {
        let json = try PGHAProcess.run(["validate", "/nonexistent/spec.yaml", "--format", "json"])
        #expect(json.status == 3)
        #expect(json.stderr == "{\"severity\":\"error\",\"message\":\"cannot read /nonexistent/spec.yaml: No such file or directory\"}\n")
        let github = try PGHAProcess.run(["render", "/nonexistent/spec.yaml", "--format", "github"])
        #expect(github.stderr == "::error::cannot read /nonexistent/spec.yaml: No such file or directory\n")
    }

    /// Issue #10, item 19: the usage gaps.
    @Test func usageGapsAreClosed() throws {
        let starter = try PGHAProcess.run(["init", "-o", "-"])
        #expect(starter.status == 0)
        #expect(starter.stdout == StarterSpec.text(name: StarterSpec.defaultName))
        let long = "a" + String(repeating: "b", count: 49)
        let unusable = try PGHAProcess.run(["init", "--name", long, "-o", "-"])
        #expect(unusable.status == 2)
        #expect(unusable.stdout.isEmpty)
        #expect(unusable.stderr.hasSuffix("""
            Error: the starter spec for --name '\(long)' does not validate; choose a shorter name
            Usage: pgha init [--name <name>] [--output <output>] [--force]
              See 'pgha init --help' for more information.

            """))
        let empty = try PGHAProcess.run(["render", "Examples/minimal.yaml", "-o", ""])
        #expect(empty.status == 2)
        #expect(empty.stderr.hasPrefix("Error: -o/--output needs a path; use -o . for the current directory\n"))
        // A ~ the shell did not expand would name a folder called ~ (Foundation's URL once expanded it for render).
        for arguments in [["render", "Examples/minimal.yaml", "--output=~/clusters"], ["check", "Examples/minimal.yaml", "-o", "~"],
                          ["diff", "Examples/minimal.yaml", "-o", "~/x"], ["init", "-o", "~/spec.yaml"]] {
            let tilde = try PGHAProcess.run(arguments)
            #expect(tilde.status == 2, "\(arguments)")
            #expect(tilde.stderr.hasPrefix("Error: -o/--output starts with ~, which the shell did not expand (it was quoted, or came after --output=): write $HOME instead\n"), "\(arguments): \(tilde.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: TestSupport.repositoryRoot.appendingPathComponent("~").path))
        let unwritable = try PGHAProcess.run(["init", "-o", "/nonexistent/dir/spec.yaml"])
        #expect(unwritable.status == 3)
        #expect(unwritable.stderr == "error: cannot write /nonexistent/dir/spec.yaml: No such file or directory\n")
        let typo = try PGHAProcess.run(["rendr", "Examples/minimal.yaml"])
        #expect(typo.status == 2)
        #expect(typo.stderr.hasSuffix("hint: did you mean 'render'?\n"))

        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out").path
        #expect(try PGHAProcess.run(["render", "Examples/minimal.yaml", "-o", output]).status == 0)
        let changed = try PGHAProcess.run(["diff", "-U0", "Examples/aks-ha.yaml", "-o", output])
        #expect(changed.status == 1)
        #expect(!changed.stdout.contains("\n \n"), "no context lines with -U0")
        #expect(changed.stdout == (try PGHAProcess.run(["diff", "--context=0", "Examples/aks-ha.yaml", "-o", output])).stdout)
        let negative = try PGHAProcess.run(["diff", "-U", "-1", "Examples/aks-ha.yaml", "-o", output])
        #expect(negative.status == 2)
        #expect(negative.stderr.hasPrefix("Error: -U/--context takes a number of lines, 0 or more, not -1\n"))
    }
}
