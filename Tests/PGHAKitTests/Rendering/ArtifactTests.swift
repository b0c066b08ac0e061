import Testing
@testable import PGHAKit

/// A rendered file keeps its bytes; its `contents` are those bytes as text, which holds only because every renderer
/// writes valid UTF-8.
@Suite struct ArtifactTests {
    /// A spec whose values reach the manifests, the scripts, the record and the README as text that is not ASCII.
    static let nonASCIISpec = TestSupport.spec("postgres:\n  parameters:\n    application_name: \"naïve 😀 ‘quoted’\"\n",
                                               name: "pg-unicode")

    static func expectContentsAreTheBytes(_ artifacts: [Artifact]) {
        #expect(!artifacts.isEmpty)
        for artifact in artifacts {
            #expect(String(validating: artifact.bytes, as: UTF8.self) != nil, "\(artifact.path) is not UTF-8")
            #expect(Array(artifact.contents.utf8) == artifact.bytes, "\(artifact.path)")
        }
    }

    @Test(arguments: TestSupport.referenceSpecs)
    func everyFileOfAReferenceSpecIsValidUTF8(path: String) throws {
        Self.expectContentsAreTheBytes(Compiler.compile(try TestSupport.read(path)).artifacts)
    }

    @Test func nonASCIIValuesAreCopiedWhole() throws {
        let artifacts = TestSupport.compile(Self.nonASCIISpec).artifacts
        Self.expectContentsAreTheBytes(artifacts)
        let withValue = artifacts.filter { $0.contents.contains("naïve 😀 ‘quoted’") }.map(\.path)
        #expect(withValue.contains("cluster-pg-unicode.yaml") && withValue.contains(SpecRecord.path), "\(withValue)")
    }

    @Test func everyFileOfAFleetIsValidUTF8() throws {
        let sources = [TestSupport.spec(name: "pg-one"), Self.nonASCIISpec].enumerated().map { index, text in
            SpecSource(path: "spec-\(index).yaml", bytes: Array(text.utf8))
        }
        let rendering = FleetRenderer.render(sources, fleet: true) { $0 }
        Self.expectContentsAreTheBytes(try rendering.parts.get().flatMap { $0 })
    }

    @Test func contentsReadAndWriteTheBytes() {
        var artifact = Artifact(path: "a.yaml", contents: "naïve\n")
        #expect(artifact.bytes == [0x6E, 0x61, 0xC3, 0xAF, 0x76, 0x65, 0x0A])
        artifact.contents = "é"
        #expect(artifact.bytes == [0xC3, 0xA9])
        #expect(Artifact(path: "a.yaml", bytes: [0xC3, 0xA9]) == artifact)
    }
}
