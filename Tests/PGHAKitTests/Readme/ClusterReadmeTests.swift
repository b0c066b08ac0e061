import Foundation
import Testing
@testable import PGHAKit

/// The README of each rendered cluster (its text is in the goldens) and the fleet's index.
@Suite struct ClusterReadmeTests {
    /// The lines of the Mermaid block of a README.
    static func mermaid(_ readme: String) throws -> [String] {
        let lines = readme.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "```mermaid"))
        let end = try #require(lines[(start + 1)...].firstIndex(of: "```"))
        return Array(lines[(start + 1)..<end])
    }

    /// The README an example renders.
    static func readme(_ example: String) throws -> String {
        let result = Compiler.compile(try TestSupport.read("Examples/\(example)"), options: Compiler.Options(specFileName: example))
        return try #require(result.artifacts.first { $0.path == ClusterReadme.path }).contents
    }

    /// The README of spec text given inline, and the spec.
    static func readme(yaml: String) throws -> (readme: String, spec: Spec) {
        let result = TestSupport.compile(yaml)
        let readme = try #require(result.artifacts.first { $0.path == ClusterReadme.path }).contents
        return (readme, try #require(result.spec))
    }

    @Test(arguments: TestSupport.exampleNames)
    func theTopologyIsAWellFormedFlowchart(example: String) throws {
        try Self.expectWellFormedFlowchart(try Self.mermaid(try Self.readme(example)))
    }

    /// A structural check of the flowchart the README draws: one `flowchart` header, balanced subgraphs, nodes
    /// declared once with balanced quotes, and edges only between declared nodes or subgraphs. (No Mermaid parser
    /// installs here: the PyPI ones run mermaid's JavaScript through pythonmonkey, which needs npm to install.)
    static func expectWellFormedFlowchart(_ lines: [String]) throws {
        #expect(lines.first == "flowchart LR")
        var declared: Set<String> = [], depth = 0
        let identifier = /^[a-z][a-z0-9]*/
        for line in lines.dropFirst() {
            let text = line.trimmingCharacters(in: .whitespaces)
            #expect(text.filter { $0 == "\"" }.count % 2 == 0, "unbalanced quotes: \(text)")
            if text == "end" { depth -= 1; continue }
            if text.hasPrefix("subgraph ") {
                depth += 1
                let id = try #require(text.dropFirst("subgraph ".count).firstMatch(of: identifier)).output
                #expect(declared.insert(String(id)).inserted, "\(id) declared twice")
                continue
            }
            let withoutLabels = text.replacing(/"[^"]*"/, with: "")
            let ids = withoutLabels.matches(of: /(?:^|[ >])([a-z][a-z0-9]*)(?=[\[\(]|$| )/).map { String($0.output.1) }
            if !withoutLabels.contains("-") {
                let id = try #require(ids.first, "no node in \(text)")
                #expect(declared.insert(id).inserted, "\(id) declared twice")
            } else {
                for id in ids { #expect(declared.contains(id), "edge to undeclared \(id): \(text)") }
            }
        }
        #expect(depth == 0)
    }

    @Test func aClusterWithoutExposeSaysItExposesNothing() throws {
        let readme = try Self.readme("internal-only.yaml")
        #expect(readme.contains("| Endpoints | inside the AKS cluster only: this cluster exposes nothing |"))
        #expect(readme.contains("This cluster exposes nothing outside the AKS cluster: no LoadBalancer Service, no public IP."))
        #expect(!(try Self.mermaid(readme)).contains { $0.contains("LoadBalancer") })
    }

    /// The Pooler row and the Connect section name the poolers a spec renders (they said "none" whatever the spec).
    @Test func aClusterWithPoolersNamesThem() throws {
        let result = TestSupport.compile(TestSupport.spec("pooler:\n  instances: 1\n  poolMode: session\n", name: "orders"))
        let readme = try #require(result.artifacts.first { $0.path == ClusterReadme.path }).contents
        #expect(readme.contains("| Pooler | PgBouncer, 1 instance per Service, `session` pooling: `orders-pooler-rw` (primary) |\n"))
        #expect(readme.contains("- `orders-pooler-rw.\(result.spec?.namespace ?? "?").svc`: the primary through PgBouncer\n"))
        #expect(!readme.contains("pooler-ro"))
        let diagram = try Self.mermaid(readme)
        try Self.expectWellFormedFlowchart(diagram)
        #expect(diagram.contains("      poolerrw[\"PgBouncer orders-pooler-rw\"]"))
        #expect(diagram.contains("  poolerrw --> rw"))
        #expect(readme.contains("This cluster exposes nothing outside the AKS cluster: no LoadBalancer Service, no public IP.\n"))
        #expect(try Self.readme("minimal.yaml").contains("| Pooler | none: clients connect to PostgreSQL directly |"))
    }

    /// Poolers exposed while the cluster is not: the README said "this cluster exposes nothing" and "no LoadBalancer
    /// Service, no public IP", and drew no pooler, while the pooler's Service is a LoadBalancer with a DNS label.
    @Test func aClusterWhosePoolerAloneIsExposedNamesItsPublicEndpoint() throws {
        let yaml = TestSupport.spec("pooler:\n  expose:\n    allowedSourceRanges: [\"198.51.100.0/26\"]\n    dnsLabel: orders-pooler-demo\n",
                                    name: "orders")
        let (readme, _) = try Self.readme(yaml: yaml)
        let service = try #require(TestSupport.compile(yaml).artifacts.first { $0.path == "pooler-orders-pooler-rw.yaml" }).contents
        #expect(service.contains("service.beta.kubernetes.io/azure-dns-label-name: orders-pooler-demo\n"))
        #expect(service.contains("type: LoadBalancer\n"))
        #expect(readme.contains("| Endpoints | public through PgBouncer only: `orders-pooler-demo.westus3.cloudapp.azure.com` port 5432 (primary), "
            + "from `198.51.100.0/26`; PostgreSQL's own Services inside the AKS cluster only |\n"))
        #expect(readme.contains("\n\nThrough PgBouncer from outside, only from `198.51.100.0/26`: `orders-pooler-demo.westus3.cloudapp.azure.com` port 5432 "
            + "(Service `orders-pooler-rw`, the primary), on a public IP of its own. PostgreSQL's own Services are not exposed outside the AKS cluster.\n\n"))
        #expect(!readme.contains("exposes nothing"))
        let diagram = try Self.mermaid(readme)
        try Self.expectWellFormedFlowchart(diagram)
        #expect(diagram.contains("      poolerrw[\"PgBouncer orders-pooler-rw (LoadBalancer)\"]"))
        #expect(diagram.contains("  poolerrw --> rw"))
        #expect(diagram.contains("  poolerclients([\"clients in 198.51.100.0/26\"])"))
        #expect(diagram.contains("  poolerclients -- \"orders-pooler-demo.westus3.cloudapp.azure.com:5432\" --> poolerrw"))
        #expect(!diagram.contains { $0.contains("public-rw") })
    }

    /// Exposed poolers without `pooler.expose.dnsLabel`: public IPs with no DNS name, named by their Services.
    @Test func exposedPoolersWithoutADNSLabelAreNamedByTheirServices() throws {
        let (readme, spec) = try Self.readme(yaml: TestSupport.spec(
            "pooler:\n  readOnly: true\n  expose:\n    allowedSourceRanges: [\"198.51.100.0/26\"]\n", name: "orders"))
        #expect(readme.contains("| Endpoints | public through PgBouncer only: the public IP of `orders-pooler-rw` port 5432 (primary) and the public IP of "
            + "`orders-pooler-ro` port 5432 (standbys), from `198.51.100.0/26`; PostgreSQL's own Services inside the AKS cluster only |\n"))
        #expect(readme.contains("Through PgBouncer from outside, only from `198.51.100.0/26`: port 5432 of Service `orders-pooler-rw` (the primary) and "
            + "port 5432 of Service `orders-pooler-ro` (the standbys), each on a public IP of its own that has no DNS name (`pooler.expose.dnsLabel` "
            + "is not set): `kubectl get service --namespace \(spec.namespace) orders-pooler-rw orders-pooler-ro` shows their addresses. "
            + "PostgreSQL's own Services are not exposed outside the AKS cluster.\n"))
        let diagram = try Self.mermaid(readme)
        try Self.expectWellFormedFlowchart(diagram)
        #expect(diagram.contains("  poolerclients -- \"public IP:5432\" --> poolerro"))
        #expect(diagram.contains("  poolerro --> ro"))
        #expect(FleetReadme.row(folder: "f", spec: spec).hasSuffix(
            " | PgBouncer `orders-pooler-rw` (public IP, no DNS name), `orders-pooler-ro` (public IP, no DNS name) |"))
    }

    /// Production exposes the cluster and both poolers: "From outside" and the diagram named only the cluster's host.
    @Test func anExposedClusterWithExposedPoolersNamesEveryPublicHost() throws {
        let readme = try Self.readme("production.yaml")
        #expect(readme.contains("\n\nThrough PgBouncer from outside, only from `198.51.100.0/26`: `pg-prod-pooler.westeurope.cloudapp.azure.com` port 5432 "
            + "(Service `pg-prod-pooler-rw`, the primary) and `pg-prod-pooler-ro.westeurope.cloudapp.azure.com` port 5432 (Service `pg-prod-pooler-ro`, "
            + "the standbys), each on a public IP of its own.\n\n"))
        let diagram = try Self.mermaid(readme)
        #expect(diagram.contains("  poolerclients -- \"pg-prod-pooler.westeurope.cloudapp.azure.com:5432\" --> poolerrw"))
        #expect(diagram.contains("  poolerclients -- \"pg-prod-pooler-ro.westeurope.cloudapp.azure.com:5432\" --> poolerro"))
    }

    /// When the poolers' ranges are the cluster's, the diagram draws the clients once; in another order too (a
    /// review's repro: a second node with the same label).
    @Test(arguments: [(["198.51.100.0/24"], ["198.51.100.0/24"]),
                      (["198.51.100.0/24", "203.0.113.0/24"], ["203.0.113.0/24", "198.51.100.0/24"])])
    func poolersOpenToTheClustersRangesShareItsClients(cluster: [String], pooler: [String]) throws {
        func list(_ ranges: [String]) -> String { "[" + ranges.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        let (readme, _) = try Self.readme(yaml: TestSupport.spec(
            "expose:\n  allowedSourceRanges: \(list(cluster))\n  dnsLabel: orders-demo\n"
            + "pooler:\n  expose:\n    allowedSourceRanges: \(list(pooler))\n    dnsLabel: orders-pooler-demo\n", name: "orders"))
        let diagram = try Self.mermaid(readme)
        try Self.expectWellFormedFlowchart(diagram)
        #expect(diagram.contains("  clients -- \"orders-pooler-demo.westus3.cloudapp.azure.com:5432\" --> poolerrw"))
        #expect(!diagram.contains { $0.contains("poolerclients") })
        guard cluster.count == 1 else { return }
        #expect(readme.contains("| Endpoints | public: `orders-demo.westus3.cloudapp.azure.com` port 5432 (primary) and 5433 (standbys), from "
            + "`198.51.100.0/24`; PgBouncer: `orders-pooler-demo.westus3.cloudapp.azure.com` port 5432 (primary), from `198.51.100.0/24` |\n"))
    }

    /// A review's repro: with one instance the diagram left out the -ro Service, the public -ro LoadBalancer that
    /// is rendered, and the read-only pooler's edge; they are drawn, marked as having no standby behind them.
    @Test func oneInstanceDrawsTheReadOnlyEndpointsWithNoStandby() throws {
        let (readme, _) = try Self.readme(yaml: TestSupport.spec(
            "instances: 1\nexpose:\n  allowedSourceRanges: [\"198.51.100.0/26\"]\n  dnsLabel: solo-demo\n"
            + "pooler:\n  readOnly: true\n", name: "solo"))
        let diagram = try Self.mermaid(readme)
        try Self.expectWellFormedFlowchart(diagram)
        #expect(diagram.contains("      ro[\"Service solo-ro, no standby\"]"))
        #expect(diagram.contains("  poolerro --> ro"))
        #expect(diagram.contains("  publicro[\"LoadBalancer solo-public-ro, no standby\"]"))
        #expect(diagram.contains("  clients -- \"solo-demo.westus3.cloudapp.azure.com:5433\" --> publicro"))
        #expect(!diagram.contains { $0.contains("standby1") })
    }

    /// The fleet index's "Public endpoints" said "none" for a cluster whose pooler is exposed.
    @Test func theFleetIndexNamesExposedPoolers() throws {
        let (_, spec) = try Self.readme(yaml: TestSupport.spec(
            "pooler:\n  readOnly: true\n  expose:\n    allowedSourceRanges: [\"198.51.100.0/26\"]\n    dnsLabel: orders-pooler-demo\n", name: "orders"))
        #expect(FleetReadme.row(folder: "cnpg-database/orders", spec: spec) == "| [cnpg-database/orders](cnpg-database/orders/README.md) | 3 | 18 | "
            + "\(spec.zones.joined(separator: ", ")) | none | PgBouncer `orders-pooler-demo.westus3.cloudapp.azure.com`, "
            + "`orders-pooler-demo-ro.westus3.cloudapp.azure.com` |")
        let (_, insideOnly) = try Self.readme(yaml: TestSupport.spec("pooler: {}\n", name: "orders"))
        #expect(FleetReadme.row(folder: "f", spec: insideOnly).hasSuffix(" | none |"))
    }

    /// The Files section listed `kustomization.yaml` among the files `kustomization.yaml` lists.
    @Test func theSteadyStateListIsWhatTheKustomizationLists() throws {
        let readme = try Self.readme("minimal.yaml")
        let line = try #require(readme.components(separatedBy: "\n").first { $0.hasPrefix("- Steady state (listed in `kustomization.yaml`): ") })
        #expect(!line.contains("`kustomization.yaml`,") && !line.hasSuffix("`kustomization.yaml`"))
        #expect(readme.contains("\n- Their list, which `kubectl apply --kustomize .` and GitOps controllers read: `kustomization.yaml`\n"))
    }

    @Test func theREADMENamesSecretsButHoldsNone() throws {
        let result = TestSupport.compile(TestSupport.spec("bootstrap:\n  secret: orders-login\n", name: "orders"))
        let readme = try #require(result.artifacts.first { $0.path == ClusterReadme.path }).contents
        #expect(readme.contains("The password is in Secret `orders-login` (basic-auth: `username`, `password`)"))
        #expect(readme.contains("Secret `orders-ca` (`ca.crt`)"))
    }

    @Test func aFleetGetsAnIndexLinkingEachClustersREADME() throws {
        let sources = try TestSupport.exampleNames.map { SpecSource(path: $0, bytes: try TestSupport.read("Examples/\($0)")) }
        let artifacts = try FleetRenderer.render(sources, fleet: true) { $0 }.parts.get().flatMap { $0 }
        let index = try #require(artifacts.first { $0.path == ClusterReadme.path }).contents
        let golden = TestSupport.repositoryRoot.appendingPathComponent("Tests/PGHAKitTests/Golden/fleet-index/README.md")
        if TestSupport.updatingGoldenFiles {
            try TestSupport.write(index, to: "README.md", in: golden.deletingLastPathComponent())
        }
        #expect(index == (try String(contentsOf: golden, encoding: .utf8)))
        #expect(artifacts.contains { $0.path == "cnpg-database/orders/README.md" })
    }
}
