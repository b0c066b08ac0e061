import Foundation
import Testing
@testable import PGHAKit

/// Each example's rendered tree, compared file by file with `Tests/PGHAKitTests/Golden/<example>/`.
/// Regenerate on purpose with `PGHA_UPDATE_GOLDEN=1 swift test --filter Golden`.
@Suite struct GoldenTests {
    @Test(arguments: TestSupport.exampleNames)
    func renderedTreeMatchesGoldenFiles(example: String) throws {
        let result = Compiler.compile(try TestSupport.read("Examples/\(example)"), options: Compiler.Options(specFileName: example))
        #expect(result.succeeded, "\(result.diagnostics.map(TestSupport.summary))")
        let rendered = Dictionary(uniqueKeysWithValues: result.artifacts.map { ($0.path, $0.contents) })
        let goldenDirectory = TestSupport.repositoryRoot
            .appendingPathComponent("Tests/PGHAKitTests/Golden")
            .appendingPathComponent(String(example.dropLast(".yaml".count)))
        if TestSupport.updatingGoldenFiles {
            try? FileManager.default.removeItem(at: goldenDirectory)
            try TestSupport.writeOutput(result.artifacts, to: goldenDirectory)
        }
        let golden = try TestSupport.tree(at: goldenDirectory)
        #expect(Set(rendered.keys) == Set(golden.keys), "files differ from the golden tree of \(example)")
        for (path, contents) in rendered.sorted(by: { $0.key < $1.key }) {
            #expect(contents == golden[path], "\(example): \(path) differs from its golden file")
        }
    }

    @Test(arguments: TestSupport.exampleNames)
    func renderingIsByteIdenticalAcrossRuns(example: String) throws {
        let source = try TestSupport.read("Examples/\(example)")
        #expect(Compiler.compile(source).artifacts == Compiler.compile(source).artifacts)
    }
}
