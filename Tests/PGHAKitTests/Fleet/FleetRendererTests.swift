import Foundation
import Testing
@testable import PGHAKit

/// Fleet rendering: layout, determinism, duplicate targets, and the single-spec path staying as it was.
@Suite struct FleetRendererTests {
    /// A spec with the API server closed (no PGHA0440 note), so its report holds only what `extra` causes.
    static func source(_ path: String, name: String, namespace: String? = nil, extra: String = "") -> SpecSource {
        SpecSource(path: path, bytes: Array(TestSupport.spec(TestSupport.closedAPIServer + extra, name: name, namespace: namespace).utf8))
    }

    static var examples: [SpecSource] {
        get throws {
            try TestSupport.exampleNames.map { SpecSource(path: "Examples/\($0)", bytes: try TestSupport.read("Examples/\($0)")) }
        }
    }

    @Test func eachSpecRendersIntoItsNamespaceAndNameFolder() throws {
        let sources = try Self.examples
        let rendering = FleetRenderer.render(sources, fleet: true)
        #expect(rendering.succeeded)
        var expected: [String: String] = [:]
        var folders: [String] = []
        var members: [(folder: String, spec: Spec)] = []
        for source in sources {
            var options = Compiler.Options(specFileName: URL(fileURLWithPath: source.path).lastPathComponent)
            options.fleetMember = true
            let result = Compiler.compile(source.bytes, options: options)
            let folder = FleetRules.folder(of: try #require(result.spec))
            folders.append(folder)
            members.append((folder, try #require(result.spec)))
            for artifact in result.artifacts { expected["\(folder)/\(artifact.path)"] = artifact.contents }
        }
        expected[ClusterReadme.path] = FleetReadme.artifact(for: members).contents
        expected["kustomization.yaml"] = Renderer.manifestHeader + """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:

        """ + folders.sorted().map { "- \($0)\n" }.joined()
        let artifacts = try rendering.artifacts()
        #expect(Dictionary(uniqueKeysWithValues: artifacts.map { ($0.path, $0.contents) }) == expected)
        #expect(artifacts.map(\.path) == artifacts.map(\.path).sorted())
        #expect(folders.contains("cnpg-database/pg-primary"))
    }

    @Test func aSingleSpecRendersExactlyAsTheCompilerDoes() throws {
        let source = try TestSupport.read("Examples/aks-ha.yaml")
        let rendering = FleetRenderer.render([SpecSource(path: "aks-ha.yaml", bytes: source)], fleet: false)
        #expect(try rendering.artifacts() == Compiler.compile(source, options: Compiler.Options(specFileName: "aks-ha.yaml")).artifacts)
        #expect(rendering.reports.map(\.diagnostics) == [Compiler.compile(source).diagnostics])
    }

    @Test func outputIsTheSameEveryTimeAndInAnyOrder() throws {
        let sources = (0..<40).map { Self.source("s\($0).yaml", name: "pg-\($0)", namespace: "team-\($0 % 3)") }
        let first = FleetRenderer.render(sources, fleet: true)
        #expect(first.succeeded)
        #expect(try first.artifacts().count > 40)
        let artifacts = try first.artifacts()
        #expect(try FleetRenderer.render(sources, fleet: true).artifacts() == artifacts)
        #expect(try FleetRenderer.render(sources.reversed(), fleet: true).artifacts() == artifacts)
    }

    @Test func reportsComeInSpecOrder() {
        let sources = (0..<25).map { Self.source("s\($0).yaml", name: "pg-\($0)") }
        #expect(FleetRenderer.render(sources, fleet: true).reports.map(\.path) == sources.map(\.path))
    }

    @Test func twoSpecsWithTheSameTargetAreAnErrorNamingBoth() throws {
        let sources = [
            Self.source("a.yaml", name: "pg-a"),
            Self.source("b.yaml", name: "pg-b"),
            Self.source("c.yaml", name: "pg-a", extra: "instances: 5\n"),
        ]
        let rendering = FleetRenderer.render(sources, fleet: true)
        #expect(!rendering.succeeded)
        #expect(try rendering.artifacts().isEmpty)
        #expect(rendering.reports[0].diagnostics.isEmpty)
        #expect(rendering.reports[1].diagnostics.isEmpty)
        let duplicate = try #require(rendering.reports[2].diagnostics.first { $0.code == .duplicateTarget })
        #expect(duplicate.message == "a.yaml and c.yaml both render to cnpg-database/pg-a/")
        #expect(duplicate.severity == .error)
        #expect(duplicate.path == "name")
        #expect(duplicate.location == SourceLocation(line: 3, column: 7))
    }

    /// Specs render as they are checked, and two with one target race to claim its folder; whichever wins, the
    /// reports are the same, the later spec gets the error, and the claimed folder's files are all the consumer sees.
    @Test func duplicateTargetsReportTheSameWhicheverSpecRendersFirst() throws {
        let sources = (0..<12).map { Self.source("s\($0).yaml", name: "pg-\($0 % 4)") }
        let expected = FleetRenderer.render(sources, fleet: true).reports.map(\.diagnostics)
        for _ in 0..<10 {
            let consumed = Consumed()
            let rendering = FleetRenderer.render(sources, fleet: true) { consumed.add($0) }
            #expect(!rendering.succeeded)
            #expect(rendering.reports.map(\.diagnostics) == expected)
            #expect(expected[0..<4].allSatisfy(\.isEmpty) && expected[4...].allSatisfy { $0.contains { $0.code == .duplicateTarget } })
            #expect(Set(consumed.folders).count == consumed.folders.count && consumed.folders.count == 4)
        }
    }

    /// Swapping two clashing specs moves the error to whichever is now later, naming the other, for a shared folder
    /// (PGHA0701) and for shared Azure resources (PGHA0702) alike; nothing renders either way.
    @Test(arguments: [("cnpg-database", DiagnosticCode.duplicateTarget), ("other", DiagnosticCode.sharedAzureResource)])
    func clashingSpecsInEitherOrderBlameTheLaterOne(secondNamespace: String, code: DiagnosticCode) throws {
        let backup = "backup:\n  storageAccount: fleetbackups\n"
        let first = Self.source("x.yaml", name: "pg-a", namespace: "cnpg-database", extra: backup)
        let second = Self.source("y.yaml", name: "pg-a", namespace: secondNamespace, extra: backup)
        for (earlier, later) in [(first, second), (second, first)] {
            let rendering = FleetRenderer.render([earlier, later], fleet: true)
            #expect(!rendering.succeeded)
            #expect(try rendering.artifacts().isEmpty)
            #expect(rendering.reports.map(\.path) == [earlier.path, later.path])
            #expect(!rendering.reports[0].diagnostics.containsErrors)
            let errors = rendering.reports[1].diagnostics.filter { $0.severity == .error }
            #expect(!errors.isEmpty && errors.allSatisfy { $0.code == code && $0.message.hasPrefix("\(earlier.path) and \(later.path) both ") })
            #expect(Self.printed(rendering.reports[1]) == Self.printed(rendering.reports[1], source: later.bytes))
        }
    }

    /// A fleet member keeps only the source lines its diagnostics quote, and its report reads exactly as with the
    /// whole file; a single spec keeps its whole source.
    @Test func aFleetMemberKeepsOnlyTheSourceLinesItsDiagnosticsQuote() throws {
        let source = SpecSource(path: "aks-ha.yaml", bytes: try TestSupport.read("Examples/aks-ha.yaml"))
        let report = try #require(FleetRenderer.render([source], fleet: true).reports.first)
        #expect(!report.diagnostics.isEmpty)
        #expect(report.source.count < source.bytes.count / 2)
        #expect(Self.printed(report) == Self.printed(report, source: source.bytes))
        #expect(FleetRenderer.render([source], fleet: false).reports.first?.source == source.bytes)
    }

    /// A render whose notes nobody shows (the CLI's render, check and diff) keeps none, nor the lines they quote;
    /// what it renders does not change.
    @Test func aRenderNotKeepingNotesLeavesThemAndTheirLinesOut() throws {
        let source = SpecSource(path: "aks-ha.yaml", bytes: try TestSupport.read("Examples/aks-ha.yaml"))
        let kept = try #require(FleetRenderer.render([source], fleet: true).reports.first)
        let shown = kept.diagnostics.filter { $0.severity != .note }
        #expect(shown.count < kept.diagnostics.count)
        let rendering = FleetRenderer.render([source], fleet: true, keepingNotes: false) { $0 }
        let report = try #require(rendering.reports.first)
        #expect(report.diagnostics == shown)
        #expect(report.source == FleetRenderer.quotedLines(of: source.bytes, for: shown))
        #expect(try rendering.artifacts() == FleetRenderer.render([source], fleet: true).artifacts())
    }

    @Test func quotedLinesKeepEveryLineNumberUpToTheLastQuoted() {
        let source = Array("a: 1\r\nb: 2\n\nc: 3\rd: 4".utf8)
        func note(atLine line: Int) -> Diagnostic {
            Diagnostic(.note, .restartingParameter, "note", path: "", at: SourceLocation(line: line, column: 1))
        }
        #expect(FleetRenderer.quotedLines(of: source, for: [note(atLine: 2), note(atLine: 4)]) == Array("\nb: 2\n\nc: 3".utf8))
        #expect(FleetRenderer.quotedLines(of: source, for: [note(atLine: 9)]) == Array("\n\n\n\n".utf8))
        #expect(FleetRenderer.quotedLines(of: source, for: []) == [])
    }

    /// A report as `pgha` prints it for people, quoting its source or `source`.
    static func printed(_ report: SpecReport, source: [UInt8]? = nil) -> String {
        DiagnosticFormatter(format: .human).format(report.diagnostics, file: report.path, source: source ?? report.source)
    }

    /// The folders whose files a consumer was handed.
    final class Consumed: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var folders: [String] = []

        func add(_ artifacts: [Artifact]) {
            lock.lock()
            defer { lock.unlock() }
            folders.append(String(artifacts[0].path.split(separator: "/").prefix(2).joined(separator: "/")))
        }
    }

    @Test func twoSpecsThatWouldShareAzureResourcesAreAnError() throws {
        let backup = "backup:\n  storageAccount: fleetbackups\n"
        let sources = [
            Self.source("a.yaml", name: "pg-a", namespace: "one", extra: backup),
            Self.source("b.yaml", name: "pg-a", namespace: "two", extra: backup),
        ]
        let rendering = FleetRenderer.render(sources, fleet: true)
        #expect(!rendering.succeeded)
        #expect(rendering.reports[0].diagnostics.filter { $0.severity == .error }.isEmpty)
        let shared = rendering.reports[1].diagnostics.filter { $0.code == .sharedAzureResource }.map(\.message)
        #expect(shared == [
            "a.yaml and b.yaml both use the federated credential 'pg-a' of the identity rg-pg-a/pg-a-identity",
            "a.yaml and b.yaml both use the backup folder https://fleetbackups.blob.core.windows.net/backups/pg-a",
        ])
    }

    @Test func specsSharingAnAKSClusterMustConfigureItAlike() throws {
        let shared = "azure:\n  location: westus3\n  resourceGroup: rg-shared\n  aksCluster: aks-shared\n  kubernetesVersion: \"1.35\"\n"
        func source(_ file: String, _ name: String, _ extra: String) -> SpecSource {
            SpecSource(path: file, bytes: Array("apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: \(name)\n\(shared)\(extra)".utf8))
        }
        let alike = FleetRenderer.render([source("a.yaml", "pg-a", ""), source("b.yaml", "pg-b", "")], fleet: true)
        #expect(alike.succeeded, "\(alike.reports.map(\.diagnostics))")

        let rendering = FleetRenderer.render([
            source("a.yaml", "pg-a", ""),
            source("b.yaml", "pg-b", "operator:\n  version: \"1.29\"\n"),
        ], fleet: true)
        #expect(!rendering.succeeded)
        let conflicts = rendering.reports[1].diagnostics.filter { $0.code == .conflictingSharedResource }.map(\.message)
        #expect(conflicts == [
            "a.yaml and b.yaml share the CloudNativePG operator of the AKS cluster rg-shared/aks-shared but configure it differently: 1.30 in namespace cnpg-system in a.yaml, 1.29 in namespace cnpg-system here",
            "a.yaml and b.yaml share kube-prometheus-stack on the AKS cluster rg-shared/aks-shared but configure it differently: chart 88.5.3 with the values https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/v1.30.0/docs/src/samples/monitoring/kube-stack-config.yaml in a.yaml, chart 88.5.3 with the values https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/v1.29.1/docs/src/samples/monitoring/kube-stack-config.yaml here",
        ])
        #expect(rendering.reports[0].diagnostics.filter { $0.severity == .error }.isEmpty)
    }

    /// Only `az aks create` links an AKS cluster's metrics to an Azure Monitor workspace: a second spec on the cluster
    /// with workspaces of its own would alert on, and draw dashboards from, a workspace that gets no data.
    @Test func specsSharingAnAKSClusterShareItsAzureMonitor() throws {
        let shared = "azure:\n  location: westus3\n  resourceGroup: rg-shared\n  aksCluster: aks-shared\n  kubernetesVersion: \"1.35\"\n"
        func source(_ file: String, _ name: String, _ extra: String) -> SpecSource {
            SpecSource(path: file, bytes: Array("apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: \(name)\n\(shared)\(extra)".utf8))
        }
        let managed = "monitoring:\n  managedPrometheus: true\n"
        let named = "  monitorWorkspace: shared-prometheus\n  grafana: shared-grafana\n  logAnalyticsWorkspace: shared-logs\n"
        let alike = FleetRenderer.render([source("a.yaml", "pg-a", named + managed), source("b.yaml", "pg-b", named + managed)], fleet: true)
        #expect(alike.succeeded, "\(alike.reports.map(\.diagnostics))")

        for (second, settings) in [
            (managed, "managed Prometheus to the workspace pg-b-prometheus with Grafana pg-b-grafana and Log Analytics pg-b-logs"),
            ("", "no managed Prometheus"),
        ] {
            let rendering = FleetRenderer.render([source("a.yaml", "pg-a", managed), source("b.yaml", "pg-b", second)], fleet: true)
            #expect(!rendering.succeeded)
            let conflicts = rendering.reports[1].diagnostics.filter { $0.code == .conflictingSharedResource }
            #expect(conflicts.map(\.message) == [
                "a.yaml and b.yaml share Azure Monitor of the AKS cluster rg-shared/aks-shared but configure it differently: managed Prometheus to the workspace pg-a-prometheus with Grafana pg-a-grafana and Log Analytics pg-a-logs in a.yaml, \(settings) here",
            ])
        }
    }

    @Test func theSameNameInAnotherNamespaceIsFine() throws {
        let sources = [Self.source("a.yaml", name: "pg", namespace: "one"), Self.source("b.yaml", name: "pg", namespace: "two")]
        let rendering = FleetRenderer.render(sources, fleet: true)
        #expect(rendering.succeeded)
        let paths = try rendering.artifacts().map(\.path)
        #expect(paths.contains("one/pg/cluster-pg.yaml"))
        #expect(paths.contains("two/pg/cluster-pg.yaml"))
    }

    @Test func oneInvalidSpecRendersNothingButReportsEveryFile() throws {
        let sources = [
            Self.source("a.yaml", name: "pg-a"),
            Self.source("b.yaml", name: "PG_B"),
            Self.source("c.yaml", name: "pg-c", extra: "instaces: 3\n"),
        ]
        let rendering = FleetRenderer.render(sources, fleet: true)
        #expect(!rendering.succeeded)
        #expect(try rendering.artifacts().isEmpty)
        #expect(rendering.reports.map { $0.diagnostics.map(\.code.rawValue) } == [[], ["PGHA0101"], ["PGHA0010"]])
    }

    @Test func unreadableFilesAreReported() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = directory.appendingPathComponent("a.yaml")
        try Data(Self.source("", name: "pg-a").bytes).write(to: spec)
        let rendering = FleetRenderer.render(SpecSet(paths: [spec.path, directory.path + "/missing.yaml"], isFleet: true)) { $0 }
        #expect(rendering.unreadable == ["cannot read \(directory.path)/missing.yaml: No such file or directory"])
        #expect(rendering.reports.map(\.path) == [spec.path])
        #expect(!rendering.succeeded)
        #expect(try rendering.artifacts().isEmpty)
    }
}
