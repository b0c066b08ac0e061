import Testing
@testable import PGHAKit

/// `SortedPaths`: paths sorted by their bytes in one buffer, looked up by binary search; and the listing
/// (`OutputListing`) read into it.
@Suite struct SortedPathsTests {
    static let owned: SortedPaths = ["kustomization.yaml", "ns/pg/scripts/deploy.sh", "ns/pg-2/cluster.yaml", "ns/pgé/a.yaml"]

    @Test func pathsAreSortedByTheirBytesAndKeptOnce() {
        let paths = SortedPaths(["b", "a/c", "é", "a/c", "Z", "a", "e", "a/c"])
        #expect(Array(paths) == ["Z", "a", "a/c", "b", "e", "é"])
        #expect(paths == ["é", "e", "b", "a/c", "a", "Z"])
        #expect(paths != ["Z", "a", "a/c", "b", "e"])
        #expect(SortedPaths([String]()).isEmpty)
    }

    @Test func aPathIsFoundOnlyWhole() {
        let paths: [String] = ["kustomization.yaml", "ns/pg/scripts/deploy.sh", "ns/pg-2/cluster.yaml", "ns/pgé/a.yaml"]
        for path in paths { #expect(Self.owned.contains(path), "\(path)") }
        for path in ["", "ns", "ns/pg", "ns/pg/", "kustomization.yam", "kustomization.yaml2", "ns/pge\u{301}/a.yaml", "zz", "A"] {
            #expect(!Self.owned.contains(path), "\(path)")
        }
        #expect(!SortedPaths([String]()).contains(""))
        #expect(!SortedPaths([String]()).contains("a"))
    }

    @Test func aFolderIsHeldByAFileAtAnyDepthBelowIt() {
        #expect(Self.owned.containsPaths(below: "ns/pg/"))
        #expect(Self.owned.containsPaths(below: "ns/pg/scripts/"))
        #expect(Self.owned.containsPaths(below: "ns/"))
        #expect(Self.owned.containsPaths(below: "ns/pgé/"))
    }

    @Test func aFolderWhoseNameOnlyStartsAnotherIsNotHeld() {
        #expect(!Self.owned.containsPaths(below: "ns/p/"))
        #expect(!Self.owned.containsPaths(below: "ns/pg-/"))
        #expect(!Self.owned.containsPaths(below: "ns/pge/"))
        #expect(!Self.owned.containsPaths(below: "other/"))
        #expect(!Self.owned.containsPaths(below: "kustomization.yaml/"))
    }

    @Test func theTopFolderIsHeldByAnyFile() {
        #expect(Self.owned.containsPaths(below: ""))
        #expect(SortedPaths(["kustomization.yaml"]).containsPaths(below: ""))
        #expect(!SortedPaths([String]()).containsPaths(below: ""))
        #expect(!SortedPaths([String]()).containsPaths(below: "ns/pg/"))
    }

    /// Paths are compared by their bytes, as the file system names files: `é` spelled as `e` and a combining accent
    /// is another folder.
    @Test func everyAnswerIsTheBytePrefixTestOverEveryPath() {
        let asked = ["", "ns/", "ns/pg/", "ns/pg/scripts/", "ns/pg-2/", "ns/pgé/", "ns/pge\u{301}/", "ns/p/", "ns/pg-/", "n/", "x/", "a/"]
        for folder in asked {
            #expect(Self.owned.containsPaths(below: folder) == Self.owned.contains { $0.utf8.starts(with: folder.utf8) }, "\(folder)")
        }
        #expect(!Self.owned.containsPaths(below: "ns/pge\u{301}/"))
        #expect(!Self.owned.contains("ns/pge\u{301}/a.yaml"))
    }

    @Test func aListingIsReadInPlaceAndWrittenBackTheSame() throws {
        let listing = OutputListing.header + "kustomization.yaml\nns/pg/cluster.yaml\nns/pgé/a.yaml\n"
        let paths = try #require(OutputListing.paths(in: Array(listing.utf8)))
        #expect(Array(paths) == ["kustomization.yaml", "ns/pg/cluster.yaml", "ns/pgé/a.yaml"])
        #expect(OutputListing.contents(paths) == listing)
    }

    @Test func anUnsortedListingWithRepeatsBlankLinesAndNoFinalLineBreakIsReadSorted() throws {
        let listing = OutputListing.header + "b.yaml\n\na/c.yaml\nb.yaml\na.yaml"
        let paths = try #require(OutputListing.paths(in: Array(listing.utf8)))
        #expect(Array(paths) == ["a.yaml", "a/c.yaml", "b.yaml"])
        #expect(OutputListing.contents(paths) == OutputListing.header + "a.yaml\na/c.yaml\nb.yaml\n")
        #expect(paths.contains("a/c.yaml") && !paths.contains("a"))
    }

    @Test func aListingNamingAPathOutsideTheDirectoryOrItselfIsRefused() {
        for line in ["../x", "a/../b", "/etc/passwd", "a//b", "./a", "a/.", "a/", "a\u{0}b", OutputListing.fileName] {
            #expect(OutputListing.paths(in: Array((OutputListing.header + "a.yaml\n" + line + "\n").utf8)) == nil, "\(line)")
        }
        for line in ["...", "a/.b", "..a/b", ".pgha/spec.json"] {
            #expect(OutputListing.paths(in: Array((OutputListing.header + line + "\n").utf8)) == [line], "\(line)")
        }
        #expect(OutputListing.paths(in: Array("not a listing\n".utf8)) == nil)
        #expect(OutputListing.paths(in: Array(OutputListing.header.utf8) + [0xFF, 0x0A]) == nil)
    }

    /// Names cover the paths exactly when each is named once: a repeat, a missing path or an unknown one does not.
    @Test func positionsAndTheirCoverage() {
        let paths = SortedPaths(["b.yaml", "a.yaml", "a/c.yaml"])
        #expect(paths.positions(of: ["a/c.yaml", "a.yaml"]) == [1, 0])
        #expect(paths.positions(of: ["a.yaml", "x.yaml"]) == nil)
        func coverage(_ named: [[String]]) -> Bool {
            var coverage = SortedPaths.Coverage(of: paths)
            for names in named { coverage.mark(paths.positions(of: names) ?? []) }
            return coverage.isExact
        }
        #expect(coverage([["b.yaml"], ["a/c.yaml", "a.yaml"]]))
        #expect(!coverage([["b.yaml"], ["a.yaml"]]))
        #expect(!coverage([["b.yaml", "a.yaml"], ["a.yaml"]]))
        #expect(!coverage([["b.yaml", "a.yaml"], ["a.yaml", "a/c.yaml"]]))
        #expect(SortedPaths.Coverage(of: []).isExact)
    }
}
