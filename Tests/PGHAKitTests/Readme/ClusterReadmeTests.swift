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

    /// A structural check of the flowchart the README draws: one `flowchart` header, balanced subgraphs, nodes
    /// declared once with balanced quotes, and edges only between declared nodes or subgraphs. (No Mermaid parser
    /// installs here: the PyPI ones run mermaid's JavaScript through pythonmonkey, which needs npm to install.)
    @Test(arguments: TestSupport.exampleNames)
    func theTopologyIsAWellFormedFlowchart(example: String) throws {
        let lines = try Self.mermaid(try Self.readme(example))
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
        #expect(try Self.readme("minimal.yaml").contains("| Pooler | none: clients connect to PostgreSQL directly |"))
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
