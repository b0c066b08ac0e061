import Testing
@testable import PGHAKit

/// `OwnedFolders`: whether pgha wrote anything below a folder of the output directory, as
/// `owned.contains { $0.hasPrefix(folder) }` says.
@Suite struct OwnedFoldersTests {
    static let owned: Set<String> = ["kustomization.yaml", "ns/pg/scripts/deploy.sh", "ns/pg-2/cluster.yaml", "ns/pgé/a.yaml"]

    @Test func aFolderIsHeldByAFileAtAnyDepthBelowIt() {
        let folders = OwnedFolders(Self.owned)
        #expect(folders.holdFiles(below: "ns/pg/"))
        #expect(folders.holdFiles(below: "ns/pg/scripts/"))
        #expect(folders.holdFiles(below: "ns/"))
        #expect(folders.holdFiles(below: "ns/pgé/"))
    }

    @Test func aFolderWhoseNameOnlyStartsAnotherIsNotHeld() {
        let folders = OwnedFolders(Self.owned)
        #expect(!folders.holdFiles(below: "ns/p/"))
        #expect(!folders.holdFiles(below: "ns/pg-/"))
        #expect(!folders.holdFiles(below: "ns/pge/"))
        #expect(!folders.holdFiles(below: "other/"))
        #expect(!folders.holdFiles(below: "kustomization.yaml/"))
    }

    @Test func theTopFolderIsHeldByAnyFile() {
        #expect(OwnedFolders(Self.owned).holdFiles(below: ""))
        #expect(OwnedFolders(["kustomization.yaml"]).holdFiles(below: ""))
        #expect(!OwnedFolders([]).holdFiles(below: ""))
        #expect(!OwnedFolders([]).holdFiles(below: "ns/pg/"))
    }

    @Test func everyAnswerIsThePrefixTestOverEveryPath() {
        let folders = OwnedFolders(Self.owned)
        let asked = ["", "ns/", "ns/pg/", "ns/pg/scripts/", "ns/pg-2/", "ns/pgé/", "ns/pge\u{301}/", "ns/p/", "ns/pg-/", "n/", "x/"]
        for folder in asked {
            #expect(folders.holdFiles(below: folder) == Self.owned.contains { $0.hasPrefix(folder) }, "\(folder)")
        }
    }
}
