import Foundation
import Testing
@testable import PGHAKit

/// Each reference spec's rendered tree (the examples and `Reference/GoldenSpecs/`), compared file by file with
/// `Tests/PGHAKitTests/Golden/<spec name>/`. Regenerate on purpose with `PGHA_UPDATE_GOLDEN=1 swift test --filter Golden`.
@Suite struct GoldenTests {
    @Test(arguments: TestSupport.referenceSpecs)
    func renderedTreeMatchesGoldenFiles(specPath: String) throws {
        let example = String(specPath.split(separator: "/").last ?? "")
        let result = Compiler.compile(try TestSupport.read(specPath), options: Compiler.Options(specFileName: example))
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

    @Test(arguments: TestSupport.referenceSpecs)
    func renderingIsByteIdenticalAcrossRuns(specPath: String) throws {
        let source = try TestSupport.read(specPath)
        #expect(Compiler.compile(source).artifacts == Compiler.compile(source).artifacts)
    }
}
