import Foundation
import Testing
@testable import PGHAKit

/// `pgha validate` takes specs as `render` does and reports the fleet rules, writing nothing.
@Suite struct ValidateCommandTests {
    @Test func aDirectoryOfSpecsIsValidatedAsAFleet() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestSupport.write(TestSupport.spec(name: "pg-a"), to: "specs/a.yaml", in: directory)
        try TestSupport.write(TestSupport.spec(name: "pg-b"), to: "specs/b.yaml", in: directory)
        let valid = try PGHAProcess.run(["validate", directory.appendingPathComponent("specs").path])
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(valid.stdout == "")

        try TestSupport.write(TestSupport.spec(name: "pg-a"), to: "specs/c.yaml", in: directory)
        let clash = try PGHAProcess.run(["validate", directory.appendingPathComponent("specs").path])
        #expect(clash.status == 1)
        #expect(clash.stderr.contains("specs/c.yaml:3:7: error[PGHA0701]: \(directory.path)/specs/a.yaml and \(directory.path)/specs/c.yaml both render to cnpg-database/pg-a/"))
        #expect(clash.stderr.hasSuffix("error: 1 of 3 specs have errors\n"))
    }

    @Test func twoFilesNamedTogetherAreAFleetToo() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestSupport.write(TestSupport.spec(TestSupport.closedAPIServer, name: "pg-a"), to: "a.yaml", in: directory)
        try TestSupport.write(TestSupport.spec(TestSupport.closedAPIServer, name: "pg-a"), to: "b.yaml", in: directory)
        let a = directory.appendingPathComponent("a.yaml").path, b = directory.appendingPathComponent("b.yaml").path
        let run = try PGHAProcess.run(["validate", a, b])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("\(b):3:7: error[PGHA0701]: \(a) and \(b) both render to cnpg-database/pg-a/\n"))
        #expect(try PGHAProcess.run(["validate", a]).status == 0)
    }

    @Test func anUnreadableSpecExitsThree() throws {
        let run = try PGHAProcess.run(["validate", "/nonexistent/spec.yaml"])
        #expect(run.status == 3)
        #expect(run.stderr == "error: cannot read /nonexistent/spec.yaml: No such file or directory\n")
    }
}
