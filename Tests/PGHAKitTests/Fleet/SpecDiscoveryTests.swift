import Foundation
import Testing
@testable import PGHAKit

/// Which files a command line names, and when they make a fleet.
@Suite struct SpecDiscoveryTests {
    @Test func aDirectoryStandsForItsSpecFilesSortedAndNotRecursively() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["b.yaml", "a.yml", "C.yaml", "notes.txt", ".hidden.yaml", "nested/d.yaml"] {
            try TestSupport.write("x", to: name, in: directory)
        }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("folder.yaml"), withIntermediateDirectories: true)
        let set = try SpecSet.discover([directory.path])
        #expect(set.paths == ["C.yaml", "a.yml", "b.yaml"].map { directory.path + "/" + $0 })
        #expect(set.isFleet)
    }

    /// Names long enough that a directory's entries take several reads of the kernel's listing, and links: one to a
    /// spec elsewhere (followed), a dangling one and one to a directory (neither is a spec).
    @Test func aCrowdedDirectoryListsEveryRegularSpecAndFollowsLinks() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fleet = directory.appendingPathComponent("fleet")
        let names = (0..<600).map { "spec-\(String(repeating: "x", count: 200))-\($0).yaml" }
        for name in names { try TestSupport.write("x", to: "fleet/" + name, in: directory) }
        try TestSupport.write("x", to: "elsewhere/real.yaml", in: directory)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("elsewhere/folder"), withIntermediateDirectories: true)
        let links = ["linked.yaml": "../elsewhere/real.yaml", "dangling.yaml": "../elsewhere/gone.yaml", "folder-link.yml": "../elsewhere/folder"]
        for (name, destination) in links {
            try FileManager.default.createSymbolicLink(atPath: fleet.path + "/" + name, withDestinationPath: destination)
        }
        let set = try SpecSet.discover([fleet.path])
        #expect(set.paths == (names + ["linked.yaml"]).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { fleet.path + "/" + $0 })
    }

    @Test func oneFileIsNotAFleetButTwoAre() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestSupport.write("x", to: "a.yaml", in: directory)
        try TestSupport.write("x", to: "b.yaml", in: directory)
        let a = directory.path + "/a.yaml", b = directory.path + "/b.yaml"
        #expect(try SpecSet.discover([a]) == SpecSet(paths: [a], isFleet: false))
        #expect(try SpecSet.discover([b, a]) == SpecSet(paths: [b, a], isFleet: true))
        #expect(try SpecSet.discover([a, directory.path + "/./a.yaml"]) == SpecSet(paths: [a], isFleet: false))
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/link.yaml", withDestinationPath: a)
        #expect(try SpecSet.discover([a, directory.path + "/link.yaml"]) == SpecSet(paths: [a], isFleet: false))
        #expect(try SpecSet.discover([directory.path + "/", a]).paths == [a, b])
    }

    @Test func missingPathsAndEmptyDirectoriesAreErrors() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: SpecSet.Failure(description: "cannot read \(directory.path)/nope.yaml: No such file or directory", isUsage: false)) {
            try SpecSet.discover([directory.path + "/nope.yaml"])
        }
        #expect(throws: SpecSet.Failure(description: "\(directory.path) holds no spec (*.yaml or *.yml file)", isUsage: true)) {
            try SpecSet.discover([directory.path])
        }
    }

    @Test func standardInputIsNamedOnceAndReadAsASpec() throws {
        #expect(try SpecSet.discover(["-"]) == SpecSet(paths: ["-"], isFleet: false))
        #expect(throws: SpecSet.Failure(description: "standard input ('-') can be named once", isUsage: true)) {
            try SpecSet.discover(["-", "-"])
        }
        #expect(SpecSet.name(of: "-") == "<stdin>")
    }

    @Test func aDirectoryNamedAsASpecSaysWhy() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        guard case .failure(let failure) = SpecSet.read(directory.path) else {
            Issue.record("reading a directory should fail")
            return
        }
        #expect(failure.description == "cannot read \(directory.path): Is a directory")
    }
}
