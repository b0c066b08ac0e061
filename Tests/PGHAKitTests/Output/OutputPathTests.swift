import Foundation
import Testing
@testable import PGHAKit

/// `OutputWriter.absolutePath` and `parentPath`: the output directory's path as the writer works with it, held to
/// what Foundation's `URL` gave before the writer stopped using it.
@Suite struct OutputPathTests {
    static let paths = [
        "out", "out/", "./out", "a/b/../out", "a//b///out", "../out", "..", ".", "", "/", "//", "/..", "/../..",
        "/tmp/out", "/tmp/out/", "/tmp/./out/.", "/tmp/a/../out", "/tmp/a/b/../../out", "/tmp/out/..", "a/./b/./",
        "with space/out", "ünïcode/öut", "a/...", "a/.hidden/..x", "/tmp//out//",
    ]

    @Test(arguments: paths) func absolutePathMatchesFoundationsStandardizedFileURL(_ path: String) {
        #expect(OutputWriter.absolutePath(path) == URL(fileURLWithPath: path).standardizedFileURL.path)
    }

    @Test func parentPathDropsTheLastComponentAndStopsAtTheRoot() {
        #expect(OutputWriter.parentPath(of: "/tmp/a/out") == "/tmp/a")
        #expect(OutputWriter.parentPath(of: "/out") == "/")
        #expect(OutputWriter.parentPath(of: "/") == "/")
    }

    @Test func aRelativeOutputIsWrittenWhereTheCurrentDirectorySays() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = TestSupport.repositoryRoot.appendingPathComponent("Examples/minimal.yaml").path
        for _ in 0..<2 {
            let run = try PGHAProcess.run(["render", spec, "-o", "sub/../out", "--verbose"], in: directory)
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/kustomization.yaml").path))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("sub").path))
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(entries == ["out"])
    }
}
