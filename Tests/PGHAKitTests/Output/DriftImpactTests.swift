import Foundation
import Testing
@testable import PGHAKit

/// What `check` and `diff` say a change will do, from the spec records of the output directory and the rendering.
@Suite struct DriftImpactTests {
    /// The impact lines of rendering `sources` (as a fleet when `fleet`) against `output`.
    static func impacts(_ sources: [SpecSource], fleet: Bool, against output: URL) throws -> [String] {
        let directory = try OutputDirectory(output.path)
        let parts = try FleetRenderer.render(sources, fleet: fleet) { try Drift.Part($0, against: directory) }.parts.get()
        return try Drift(parts, against: directory).impacts.map(\.line)
    }

    static func render(_ sources: [SpecSource], fleet: Bool, to output: URL) throws {
        let artifacts = try FleetRenderer.render(sources, fleet: fleet) { $0 }.parts.get().flatMap { $0 }
        try TestSupport.writeOutput(artifacts, to: output)
    }

    static func source(_ name: String, _ extra: String = "") -> SpecSource {
        SpecSource(path: "\(name).yaml", bytes: Array(TestSupport.spec(extra, name: name).utf8))
    }

    @Test func aSpecChangeIsClassifiedAgainstTheRecordOfThePreviousRendering() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        #expect(try Self.impacts([Self.source("pg-a")], fleet: false, against: output) == [
            "impact: cluster-created: cnpg-database/pg-a: a new cluster: CloudNativePG creates it, empty, with 3 instances",
        ])
        try Self.render([Self.source("pg-a")], fleet: false, to: output)
        #expect(try Self.impacts([Self.source("pg-a")], fleet: false, against: output) == [])
        #expect(try Self.impacts([Self.source("pg-a", "instances: 4\n")], fleet: false, against: output) == [
            "impact: scale: cnpg-database/pg-a: instances: scale out 3 -> 4: CloudNativePG adds 1 standby(s), each cloned from the primary",
        ])
    }

    @Test func aSpecRemovedFromAFleetDeletesItsCluster() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        try Self.render([Self.source("pg-a"), Self.source("pg-b")], fleet: true, to: output)
        #expect(try Self.impacts([Self.source("pg-a", "storage:\n  size: 100Gi\n")], fleet: true, against: output) == [
            "impact: volume-expansion: cnpg-database/pg-a: storage.size: 64Gi -> 100Gi: CloudNativePG expands every instance's volume online (Azure disks that support it; others resize when their pod restarts)",
            "impact: cluster-deleted: cnpg-database/pg-b: the cluster's manifests are removed: a GitOps controller that prunes deletes the Cluster, its volumes and its data (backups in object storage stay)",
        ])
    }

    /// A removed cluster whose record lacks its name and namespace is named by its folder, not as `?/?`.
    @Test func aRemovedClusterWithAnUnreadableRecordIsNamedByItsFolder() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        try Self.render([Self.source("pg-a"), Self.source("pg-b")], fleet: true, to: output)
        try TestSupport.write("{}\n", to: "cnpg-database/pg-b/" + SpecRecord.path, in: output)
        #expect(try Self.impacts([Self.source("pg-a")], fleet: true, against: output) == [
            "impact: cluster-deleted: cnpg-database/pg-b: the folder's manifests are removed, and its spec record cannot be read",
        ])
    }

    @Test func aDirectoryWithoutARecordOrWithAnUnreadableOneIsUnclassified() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        try Self.render([Self.source("pg-a")], fleet: false, to: output)
        let unrecorded = "impact: unclassified: cnpg-database/pg-a: the output directory holds this cluster's files but no .pgha/spec.json (a pgha that did not record its spec rendered it), so the change cannot be classified"
        // Not JSON, or a JSON object without the cluster's name and namespace (which read as a cluster deleted).
        for record in ["not json", "{}\n", "{\"name\": \"pg-a\"}\n"] {
            try TestSupport.write(record, to: SpecRecord.path, in: output)
            #expect(try Self.impacts([Self.source("pg-a")], fleet: false, against: output) == [
                "impact: unclassified: cnpg-database/pg-a: the output directory's .pgha/spec.json of this cluster cannot be read as a spec record (not JSON, or changed by hand), so the change cannot be classified",
            ], "\(record)")
        }
        try FileManager.default.removeItem(at: output.appendingPathComponent(SpecRecord.path))
        #expect(try Self.impacts([Self.source("pg-a")], fleet: false, against: output) == [unrecorded])
    }
}
