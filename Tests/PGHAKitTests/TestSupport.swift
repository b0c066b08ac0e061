import Foundation
@testable import PGHAKit

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// SplitMix64: a small deterministic generator, so every run mutates the same way.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The repository root, found from this file's location.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/crds` beside the repository, when present.
    static var crdDirectory: URL? {
        let directory = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/crds")
        return FileManager.default.fileExists(atPath: directory.path) ? directory : nil
    }

    /// Whether golden files should be rewritten instead of compared (`PGHA_UPDATE_GOLDEN=1 swift test`).
    static var updatingGoldenFiles: Bool { ProcessInfo.processInfo.environment["PGHA_UPDATE_GOLDEN"] == "1" }

    /// The example specs, by file name.
    static var exampleNames: [String] {
        let directory = repositoryRoot.appendingPathComponent("Examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// The specs with golden trees and CRD checks: the examples, then the test-only specs of
    /// `Reference/GoldenSpecs/` (operator versions, backup methods and an exposure the examples do not show), as relative paths.
    static var referenceSpecs: [String] {
        let folder = "Tests/PGHAKitTests/Reference/GoldenSpecs"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent(folder).path)) ?? []
        return exampleNames.map { "Examples/\($0)" } + names.filter { $0.hasSuffix(".yaml") }.sorted().map { "\(folder)/\($0)" }
    }

    static func read(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent(relativePath)))
    }

    /// Compiles spec text given inline.
    static func compile(_ yaml: String, options: Compiler.Options = Compiler.Options()) -> Compiler.Result {
        Compiler.compile(Array(yaml.utf8), options: options)
    }

    /// The diagnostics of spec text, as `line:col severity[code] path: message` lines, but for the note PGHA0440 that
    /// every spec without `azure.authorizedIPRanges` gets, the minimal spec included (AzureValidationTests tests it).
    static func diagnostics(_ yaml: String) -> [String] {
        Compiler.check(Array(yaml.utf8)).diagnostics.filter { $0.code != .openAPIServer }.map(summary)
    }

    static func summary(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.location) \(diagnostic.severity.rawValue)[\(diagnostic.code)] \(diagnostic.path): \(diagnostic.message)"
    }

    /// Appended right after the minimal spec (inside its `azure` block), closes the AKS API server to one address, so
    /// the spec gets no PGHA0440 note.
    static let closedAPIServer = "  authorizedIPRanges: [203.0.113.7/32]\n"

    /// The minimal valid spec every test varies: `extra` is appended as top-level YAML (from line 6 on, or 7 with a
    /// namespace).
    static func spec(_ extra: String = "", name: String = "pg-test", namespace: String? = nil) -> String {
        let namespaceLine = namespace.map { "namespace: \($0)\n" } ?? ""
        return "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: \(name)\n\(namespaceLine)azure:\n  location: westus3\n" + extra
    }

    /// A new, empty scratch directory; the caller removes it.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pgha-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `directory/name`, creating folders as needed.
    static func write(_ text: String, to name: String, in directory: URL) throws {
        let file = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    /// Replaces `directory` with exactly `artifacts`, as `pgha render` does, and says how.
    @discardableResult
    static func writeOutput(_ artifacts: [Artifact], to directory: URL) throws -> OutputWriter.Method {
        let staging = try OutputWriter.Staging(replacing: directory.path)
        do {
            try staging.add(artifacts)
            return try staging.commit()
        } catch {
            staging.discard()
            throw error
        }
    }

    /// Every file below `directory`, relative path to contents; pgha's listing of the files it wrote
    /// (`.pgha-files`) only when `includingListing`.
    static func tree(at directory: URL, includingListing: Bool = false) throws -> [String: String] {
        var files: [String: String] = [:]
        let base = directory.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return files }
        for case let relative as String in enumerator where includingListing || relative != OutputListing.fileName {
            var isDirectory: ObjCBool = false
            let full = base + "/" + relative
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = try String(contentsOfFile: full, encoding: .utf8)
            }
        }
        return files
    }
}
