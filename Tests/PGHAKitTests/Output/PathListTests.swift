import Testing
@testable import PGHAKit

/// `PathList`: the staging directory's paths in one buffer, and the listing written from them.
@Suite struct PathListTests {
    @Test func theListingIsTheOneOutputListingWritesForThePathsInAnyOrder() throws {
        let paths = ["ns/pg/scripts/deploy.sh", "kustomization.yaml", "ns/pg", "ns/pg-2/cluster.yaml", "ns/pg/cluster.yaml",
                     "ns/pgé/a.yaml", "ns/pgz/a.yaml", "ns/pg/README.md", "ns-1/pg/a.yaml", "Z.yaml"]
        var generator = SystemRandomNumberGenerator()
        for order in [paths, paths.reversed(), paths.shuffled(using: &generator)] {
            var list = PathList()
            for path in order { list.append(path) }
            #expect(list.count == paths.count)
            #expect(try list.listing().get() == OutputListing.contents(paths))
            #expect(list.strings == Set(paths))
        }
    }

    @Test func anEmptyListIsTheHeaderAlone() throws {
        #expect(try PathList().listing().get() == OutputListing.contents([String]()))
    }

    @Test func pathsThatRepeatAreCounted() {
        var list = PathList()
        for path in ["a/b.yaml", "a/b.yaml", "a.yaml", "a/b.yaml", "a/b.yam", "a.yaml"] { list.append(path) }
        #expect(throws: PathList.Repeats(count: 3)) { try list.listing().get() }
    }
}
