import Foundation
import Testing
@testable import PGHAKit

/// `PathList`: the staging directory's paths, a folder and the names below it at a time (names holding the
/// folder's own name among them), and the listing written from them.
@Suite struct PathListTests {
    static let batches = [
        ["ns/pg/scripts/deploy.sh", "ns/pg/cluster.yaml", "ns/pg/README.md", "ns/pg/.pgha/spec.json"],
        ["kustomization.yaml", "Z.yaml"],
        ["ns/pg-2/cluster.yaml", "ns/pg-2/scripts/deploy.sh", "ns/pg-2/.pgha/spec.json"],
        ["ns/pgé/a.yaml"],
        ["ns/pgz/a.yaml", "ns/pgz/b/c.yaml"],
        ["ns/pg"],
        ["ns-1/pg/a.yaml", "ns-1/pga.yaml"],
        [],
        ["ns/pg-", "ns/pg-/x"],
        ["db/pg/cluster-pg.yaml", "db/pg/pgpg/pg.yaml", "db/pg/x-pg-", "db/pg/p"],
        ["db/pgx/cluster-pgx.yaml", "db/pgx/cluster-pg.yaml", "db/pgx/pgpg/pg.yaml", "db/pgx/pgxpgx"],
        ["db/cluster-db.yaml"],
    ]

    /// A listing of `paths`: its header, then each path and a line break, sorted by their bytes.
    static func listing(_ paths: some Sequence<String>) -> String {
        OutputListing.header + paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { $0 + "\n" }.joined()
    }

    @Test func theListingIsTheOneOutputListingWritesForThePathsInAnyOrder() throws {
        let paths = Self.batches.joined()
        var generator = SystemRandomNumberGenerator()
        for order in [Self.batches, Self.batches.reversed(), Self.batches.shuffled(using: &generator)] {
            var list = PathList()
            for batch in order { list.append(batch.shuffled(using: &generator)) }
            #expect(list.count == paths.count)
            let (sorted, repeats) = list.sorted()
            #expect(repeats == 0)
            #expect(OutputListing.contents(sorted.sortedPaths) == Self.listing(paths))
            #expect(Array(sorted.sortedPaths) == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        }
    }

    @Test func pathsAddedOneByOneAreListedAlike() throws {
        var list = PathList()
        for path in Self.batches.joined().reversed() { list.append([path]) }
        #expect(OutputListing.contents(list.sorted().paths.sortedPaths) == Self.listing(Self.batches.joined()))
    }

    /// What `write(to:)` writes of `list`, sorted, into a file.
    static func written(_ list: PathList) throws -> [UInt8] {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("listing").path
        let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(descriptor >= 0)
        #expect(list.sorted().paths.write(to: descriptor))
        close(descriptor)
        return try #require(try OutputDirectory.read(file))
    }

    /// A fleet's listing is written in blocks of 60 KiB: 6,000 specs' paths (about 300 KB) cross several block
    /// boundaries, and the file must still be every path once, sorted by bytes.
    @Test func aListingOfManyBlocksIsWrittenWhole() throws {
        var generator = TestSupport.SeededGenerator(state: 7)
        var list = PathList()
        var paths: [String] = []
        for index in (0..<6_000).shuffled(using: &generator) {
            let name = "pg-\(index)"
            let batch = ["db/\(name)/cluster-\(name).yaml", "db/\(name)/scripts/deploy.sh", "db/\(name)/.pgha/spec.json", "db/\(name)/README.md"]
            list.append(batch)
            paths += batch
        }
        let written = try Self.written(list)
        #expect(written.count > 4 * 61_440)
        #expect(String(decoding: written, as: UTF8.self) == String(Self.listing(paths).dropFirst(OutputListing.header.count)))
    }

    @Test func theListingIsWrittenInTheSameOrder() throws {
        var list = PathList()
        for batch in Self.batches.reversed() { list.append(batch) }
        #expect(String(decoding: try Self.written(list), as: UTF8.self) == String(Self.listing(Self.batches.joined()).dropFirst(OutputListing.header.count)))
    }

    @Test func anEmptyListIsTheHeaderAlone() throws {
        #expect(OutputListing.contents(PathList().sorted().paths.sortedPaths) == OutputListing.header)
    }

    @Test func pathsThatRepeatAreCountedWithinAndAcrossFolders() {
        var list = PathList()
        list.append(["a/b.yaml", "a/b.yaml", "a.yaml"])
        list.append(["a/b.yaml", "a/b.yam"])
        list.append(["a.yaml"])
        let (sorted, repeats) = list.sorted()
        #expect(repeats == 3)
        #expect(Array(sorted.sortedPaths) == ["a.yaml", "a/b.yam", "a/b.yaml"])
    }
}
