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

    @Test(arguments: paths) func absolutePathMatchesFoundationsStandardizedFileURL(_ path: String) throws {
        #expect(try OutputWriter.absolutePath(path) == URL(fileURLWithPath: path).standardizedFileURL.path)
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

    /// A relative output in a current directory that was removed is refused; it was once written below `/`.
    @Test func aRelativeOutputWithoutACurrentDirectoryIsRefused() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = TestSupport.repositoryRoot.appendingPathComponent("Examples/minimal.yaml").path
        let name = "pgha-no-current-directory-" + directory.lastPathComponent
        defer { try? FileManager.default.removeItem(atPath: "/" + name) }
        let run = try PGHAProcess.run(
            ["-c", "mkdir gone && cd gone && rmdir ../gone && exec \"$0\" render \"$1\" -o \"$2\"", PGHAProcess.executable.path, spec, name],
            in: directory, shell: true
        )
        #expect(run.status == 3)
        #expect(run.stderr.contains("error: cannot place \(name): the current directory has no path"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/" + name))
    }
}
