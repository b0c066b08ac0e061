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
            let (sorted, repeats) = list.sorted()
            #expect(repeats == 0)
            #expect(OutputListing.contents(sorted) == OutputListing.contents(paths))
            #expect(Array(sorted) == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        }
    }

    @Test func anEmptyListIsTheHeaderAlone() throws {
        #expect(OutputListing.contents(PathList().sorted().paths) == OutputListing.contents([String]()))
    }

    @Test func pathsThatRepeatAreCounted() {
        var list = PathList()
        for path in ["a/b.yaml", "a/b.yaml", "a.yaml", "a/b.yaml", "a/b.yam", "a.yaml"] { list.append(path) }
        let (sorted, repeats) = list.sorted()
        #expect(repeats == 3)
        #expect(Array(sorted) == ["a.yaml", "a/b.yam", "a/b.yaml"])
    }
}
