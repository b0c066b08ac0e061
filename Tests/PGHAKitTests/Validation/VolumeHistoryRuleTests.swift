import Foundation
import Testing
@testable import PGHAKit

/// A cluster already rendered: its volumes never shrink and its WAL volume stays (`VolumeHistoryRules`).
@Suite struct VolumeHistoryRuleTests {
    /// The errors of `TestSupport.spec(extra)` checked against the record of a rendering of `TestSupport.spec(recorded)`.
    static func errors(_ extra: String, recorded: String) -> [String] {
        Compiler.check(Array(TestSupport.spec(extra).utf8), options: options(recording: recorded)).diagnostics
            .filter { $0.severity == .error }.map(TestSupport.summary)
    }

    /// Options whose output directory records a rendering of `TestSupport.spec(recorded)` in its top folder.
    static func options(recording recorded: String) -> Compiler.Options {
        let record = Compiler.compile(Array(TestSupport.spec(recorded).utf8)).artifacts.first { $0.path == SpecRecord.path }
        let bytes = record.map { Array($0.contents.utf8) }
        return Compiler.Options(recordedSpec: { folder in folder.isEmpty ? bytes : nil })
    }

    @Test func theDataVolumeCannotShrink() {
        #expect(Self.errors("storage:\n  size: 32Gi\n", recorded: "storage:\n  size: 128Gi\n") == [
            "7:9 error[PGHA0160] storage.size: storage.size is 32Gi, smaller than the 128Gi the output directory records (.pgha/spec.json): a PersistentVolumeClaim cannot shrink",
        ])
        let options = Self.options(recording: "storage:\n  size: 128Gi\n")
        let hint = Compiler.check(Array(TestSupport.spec("storage:\n  size: 32Gi\n").utf8), options: options).diagnostics.first { $0.code == .volumeShrinks }?.hint
        #expect(hint == "keep 128Gi or more; for smaller volumes, render into a new directory for a new cluster and move the data there (restore a backup into it)")
    }

    @Test func aDefaultSizeIsComparedAndNamedAsTheDefault() {
        #expect(Self.errors("instances: 3\n", recorded: "storage:\n  size: 100Gi\n") == [
            "1:1 error[PGHA0160] : storage.size is 64Gi (default), smaller than the 100Gi the output directory records (.pgha/spec.json): a PersistentVolumeClaim cannot shrink",
        ])
    }

    @Test func theWALVolumeCannotShrinkOrGo() {
        #expect(Self.errors("storage:\n  wal:\n    size: 8Gi\n", recorded: "storage:\n  wal:\n    size: 16Gi\n") == [
            "8:11 error[PGHA0160] storage.wal.size: storage.wal.size is 8Gi, smaller than the 16Gi the output directory records (.pgha/spec.json): a PersistentVolumeClaim cannot shrink",
        ])
        #expect(Self.errors("storage:\n  size: 64Gi\n", recorded: "storage:\n  wal:\n    size: 16Gi\n") == [
            "6:1 error[PGHA0161] storage: storage.wal is removed, but the output directory records a 16Gi WAL volume (.pgha/spec.json): CloudNativePG cannot remove a cluster's WAL volume",
        ])
    }

    @Test func sizesThatGrowOrStayAndUnitsThatChangeAreAccepted() {
        #expect(Self.errors("storage:\n  size: 256Gi\n  wal:\n    size: 16Gi\n", recorded: "storage:\n  size: 128Gi\n").isEmpty)
        #expect(Self.errors("storage:\n  size: 128Gi\n", recorded: "storage:\n  size: 128Gi\n").isEmpty)
        #expect(Self.errors("storage:\n  size: 1Ti\n", recorded: "storage:\n  size: 1024Gi\n").isEmpty)
    }

    @Test func anotherClusterReplacingTheRecordedOneIsNotCompared() {
        let record = Compiler.compile(Array(TestSupport.spec("storage:\n  size: 128Gi\n", name: "pg-old").utf8)).artifacts.first { $0.path == SpecRecord.path }
        let bytes = record.map { Array($0.contents.utf8) }
        let options = Compiler.Options(recordedSpec: { _ in bytes })
        #expect(Compiler.check(Array(TestSupport.spec("storage:\n  size: 32Gi\n").utf8), options: options).diagnostics.filter { $0.severity != .note }.isEmpty)
    }

    @Test func aSpecWithOtherErrorsIsNotComparedAndCompileWritesNothing() {
        #expect(Self.errors("instances: 0\nstorage:\n  size: 32Gi\n", recorded: "storage:\n  size: 128Gi\n").map { $0.contains("PGHA0160") } == [false])
        let result = Compiler.compile(Array(TestSupport.spec("storage:\n  size: 32Gi\n").utf8), options: Self.options(recording: "storage:\n  size: 128Gi\n"))
        #expect(result.diagnostics.filter { $0.severity != .note }.map(\.code) == [.volumeShrinks])
        #expect(result.artifacts.isEmpty)
    }

    /// A spec checked against its own record: no volume rule fails, which is why `Compiler` does not read a recorded
    /// spec of the same bytes. A record that differs only where the rules do not look is read, and a record that is not
    /// JSON is not compared.
    @Test func aSpecPassesAgainstItsOwnRecordAndADifferentRecordIsRead() throws {
        for path in TestSupport.referenceSpecs {
            let result = Compiler.compile(try TestSupport.read(path))
            let spec = try #require(result.spec, "\(path)")
            let own = try #require(result.artifacts.first { $0.path == SpecRecord.path }, "\(path)")
            let recorded = try #require(RecordedVolumes(record: Array(own.contents.utf8)), "\(path)")
            #expect(VolumeHistoryRules.check(spec, recorded: recorded, at: SpecRecord.path).isEmpty, "\(path)")
        }
        let shrinking = Array(TestSupport.spec("storage:\n  size: 32Gi\n").utf8)
        let record = try #require(Compiler.compile(Array(TestSupport.spec("storage:\n  size: 128Gi\n").utf8)).artifacts.first { $0.path == SpecRecord.path })
        let reformatted = Array(record.contents.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let found = Compiler.check(shrinking, options: Compiler.Options(recordedSpec: { _ in reformatted })).diagnostics
        #expect(found.map(\.code).contains(.volumeShrinks))
        let unreadable = Compiler.check(shrinking, options: Compiler.Options(recordedSpec: { _ in Array("not json".utf8) })).diagnostics
        #expect(unreadable.filter { $0.severity == .error }.isEmpty)
    }

    /// The volumes read from a record keeping only `RecordedVolumes.fields` are those read from the whole record: a
    /// field `RecordedVolumes` reads but does not list fails here.
    @Test func theVolumesKeptFromARecordAreThoseOfTheWholeRecord() throws {
        let golden = TestSupport.repositoryRoot.appendingPathComponent("Tests/PGHAKitTests/Golden")
        let records = try #require(FileManager.default.enumerator(atPath: golden.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(SpecRecord.path) }
        #expect(records.count >= 9)
        var walVolumes = 0
        for record in records {
            let bytes = try TestSupport.read("Tests/PGHAKitTests/Golden/" + record)
            let whole = RecordedVolumes(try #require(SpecRecord.fields(bytes), "\(record)"))
            #expect(RecordedVolumes(record: bytes) == whole, "\(record)")
            #expect(whole.size != nil && !whole.cluster.contains("?"), "\(record)")
            if whole.walSize != nil { walVolumes += 1 }
        }
        #expect(walVolumes > 0)
    }
}
