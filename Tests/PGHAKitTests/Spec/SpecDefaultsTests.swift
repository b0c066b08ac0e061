import Foundation
import Testing
@testable import PGHAKit

/// Defaults that depend on other fields.
@Suite struct SpecDefaultsTests {
    @Test func aSingleInstanceDefaultsToAsynchronousReplication() throws {
        let result = TestSupport.compile(TestSupport.spec("instances: 1\n"))
        #expect(result.succeeded, "\(result.diagnostics.map(TestSupport.summary))")
        #expect(result.spec?.replication.syncReplicas == 0)
        #expect(TestSupport.compile(TestSupport.spec()).spec?.replication.syncReplicas == 1)
    }

    @Test func derivedNamesFollowTheClusterName() throws {
        let spec = try #require(TestSupport.compile(TestSupport.spec("backup:\n  storageAccount: pgtestbackups\nrecovery: {}\n")).spec)
        #expect(spec.bootstrap.secret == "pg-test-app-credentials")
        #expect(spec.recovery?.name == "pg-test-recovered")
        #expect(spec.azure.resourceGroup == "rg-pg-test")
        #expect(spec.azure.nodeResourceGroup == "MC_rg-pg-test_aks-pg-test_westus3")
        #expect(spec.postgres.image == "ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie")
        #expect(spec.backup?.objectStore == "pg-test-backups")
    }

    /// The review's repro: Examples/production.yaml pinned Kubernetes 1.34, which AKS stops creating in November 2026
    /// (standard support), so the example was about to fail deploy.sh's version check. Every example runs the newest
    /// version its operator supports, which AKS creates the longest.
    @Test(arguments: TestSupport.exampleNames)
    func everyExampleRunsTheNewestKubernetesItsOperatorSupports(example: String) throws {
        let spec = try #require(Compiler.compile(try TestSupport.read("Examples/\(example)")).spec)
        #expect(spec.azure.kubernetesVersion == KubernetesSupport.defaultVersion(for: spec.operatorSettings.version))
    }
}

/// Each default is written once in the schema table (for Docs/spec.md and the JSON Schema) and once in the builder;
/// this proves the two agree: writing a field's documented default gives the same spec as leaving the field out.
@Suite struct DocumentedDefaultsTests {
    /// The minimal spec with every optional section present (with only its required fields), so that the defaults
    /// inside those sections are read too; with and without Azure Managed Prometheus, whose names are used only then.
    static let bases: [[String: SpecTree]] = {
        let sections: [String: SpecTree] = [
            "backup": .mapping(["storageAccount": .scalar("pgtestbackups")]),
            "recovery": .mapping([:]),
            "expose": .mapping(["allowedSourceRanges": .scalar("[203.0.113.7/32]"), "dnsLabel": .scalar("pg-test-demo")]),
            "storage": .mapping(["wal": .mapping(["size": .scalar("2Gi")])]),
            "postgres": .mapping(["imageCatalog": .mapping(["name": .scalar("pg-images")])]),
            "azure": .mapping(["location": .scalar("westus3")]),
            "pooler": .mapping([:]),
        ]
        var managed = sections
        managed["monitoring"] = .mapping(["managedPrometheus": .scalar("true")])
        return [sections, managed]
    }()

    /// Every field with a documented default, by spec path.
    static let defaultedFields: [(path: String, field: FieldSchema)] = {
        func walk(_ fields: [FieldSchema], prefix: String) -> [(String, FieldSchema)] {
            fields.flatMap { field -> [(String, FieldSchema)] in
                let path = prefix.isEmpty ? field.name : prefix + "." + field.name
                return (field.defaultValue == nil ? [] : [(path, field)]) + walk(field.children, prefix: path)
            }
        }
        return walk(SpecSchema.root, prefix: "")
    }()

    /// The bases a field's default is checked on: the fields of `storage.premiumV2` on a base that has the section
    /// (it changes the storage class's default, so it cannot be in every base).
    static func bases(for path: String) -> [[String: SpecTree]] {
        guard path.hasPrefix("storage.premiumV2.") else { return bases }
        var base = bases[0]
        base["storage"] = .mapping(["wal": .mapping(["size": .scalar("2Gi")]), "premiumV2": .mapping([:])])
        return [base]
    }

    @Test(arguments: defaultedFields.map(\.path))
    func writingTheDocumentedDefaultChangesNothing(_ path: String) throws {
        let value = try #require(Self.documentedDefault(of: path))
        for base in Self.bases(for: path) where !SpecTree.contains(path.split(separator: ".").map(String.init), in: base) {
            let implicit = try Self.spec(base)
            var explicitTree = base
            SpecTree.insert(value, at: path.split(separator: ".").map(String.init), into: &explicitTree)
            let explicit = try Self.spec(explicitTree)
            #expect(explicit == implicit, "\(path): the documented default '\(value)' is not what the builder uses")
        }
    }

    /// The documented default of the field at `path` as YAML: its comment `(…)` dropped, `<name>`-style
    /// placeholders filled with the minimal spec's values, and a reference to another field (`resources.cpu`)
    /// replaced by that field's default.
    static func documentedDefault(of path: String) -> String? {
        guard var text = defaultedFields.first(where: { $0.path == path })?.field.defaultValue else { return nil }
        if let comment = text.range(of: " (") { text = String(text[..<comment.lowerBound]) }
        if defaultedFields.contains(where: { $0.path == text }) { return documentedDefault(of: text) }
        let placeholders = ["<name>": "pg-test", "<location>": "westus3",
                            "<resourceGroup>": "rg-pg-test", "<aksCluster>": "aks-pg-test"]
        for (placeholder, value) in placeholders { text = text.replacingOccurrences(of: placeholder, with: value) }
        return text
    }

    /// The spec, without its source locations, that the cluster `pg-test` with the fields of `tree` builds to.
    static func spec(_ tree: [String: SpecTree]) throws -> Spec {
        let yaml = "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-test\n" + SpecTree.yaml(tree, indent: 0)
        let checked = Compiler.check(Array(yaml.utf8))
        #expect(!checked.diagnostics.containsErrors, "\(yaml)\n\(checked.diagnostics.map(TestSupport.summary))")
        var spec = try #require(checked.spec)
        spec.sourceMap = SourceMap()
        spec.sourceDigest = ""
        return spec
    }
}

/// A spec fragment to write as YAML: mappings of scalars written as given.
indirect enum SpecTree: Sendable {
    case scalar(String)
    case mapping([String: SpecTree])

    /// Whether `tree` sets the value at `path`.
    static func contains(_ path: [String], in tree: [String: SpecTree]) -> Bool {
        guard let key = path.first, let value = tree[key] else { return false }
        guard path.count > 1 else { return true }
        if case .mapping(let children) = value { return contains(Array(path.dropFirst()), in: children) }
        return false
    }

    /// Sets the value at `path` (creating mappings on the way).
    static func insert(_ value: String, at path: [String], into tree: inout [String: SpecTree]) {
        guard let key = path.first else { return }
        guard path.count > 1 else {
            tree[key] = .scalar(value)
            return
        }
        var child: [String: SpecTree] = [:]
        if case .mapping(let existing) = tree[key] { child = existing }
        insert(value, at: Array(path.dropFirst()), into: &child)
        tree[key] = .mapping(child)
    }

    /// Block YAML, keys sorted, at `indent` spaces.
    static func yaml(_ tree: [String: SpecTree], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        return tree.keys.sorted().map { key in
            switch tree[key]! {
            case .scalar(let text): return "\(pad)\(key): \(text)\n"
            case .mapping(let children) where children.isEmpty: return "\(pad)\(key): {}\n"
            case .mapping(let children): return "\(pad)\(key):\n" + yaml(children, indent: indent + 2)
            }
        }.joined()
    }
}

/// Defaults of the HA settings that depend on other fields and on the operator version.
@Suite struct ReplicationDefaultsTests {
    static func replication(_ extra: String) throws -> Spec.Replication {
        let result = TestSupport.compile(TestSupport.spec(extra))
        #expect(result.succeeded, "\(result.diagnostics.map(TestSupport.summary))")
        return try #require(result.spec).replication
    }

    @Test func failoverQuorumFollowsDurabilityAndTheOperator() throws {
        #expect(try Self.replication("").failoverQuorum)
        #expect(try !Self.replication("replication:\n  dataDurability: preferred\n").failoverQuorum)
        #expect(try !Self.replication("instances: 1\n").failoverQuorum)
        #expect(try !Self.replication("operator:\n  version: \"1.26\"\n").failoverQuorum)
        #expect(try Self.replication("operator:\n  version: \"1.27\"\n").failoverQuorum)
    }

    @Test func theSmartShutdownLeavesTheFastShutdownFifteenSeconds() throws {
        #expect(try Self.replication("").smartShutdownTimeout == 180)
        #expect(try Self.replication("replication:\n  stopDelay: 30\n").smartShutdownTimeout == 15)
    }
}
