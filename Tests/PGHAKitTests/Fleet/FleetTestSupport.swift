import Foundation
@testable import PGHAKit

/// Helpers of the fleet tests: scratch directories and running the built `pgha`.
enum FleetTestSupport {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pgha-fleet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `directory/name`, creating folders as needed.
    static func write(_ text: String, to name: String, in directory: URL) throws {
        let file = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    /// A minimal valid spec.
    static func spec(name: String, namespace: String = "cnpg-database", extra: String = "") -> String {
        "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: \(name)\nnamespace: \(namespace)\nazure:\n  location: westus3\n\(extra)"
    }

    /// Runs the `pgha` executable SwiftPM built beside the test bundle, from the repository root.
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let run = try CLITests.run(arguments)
        return (run.status, run.stdout, run.stderr)
    }
}

extension FleetRenderer {
    /// Renders specs already in memory and keeps their files.
    static func render(_ sources: [SpecSource], fleet: Bool) -> Rendering<[Artifact]> {
        render(sources, fleet: fleet) { $0 }
    }
}

extension Rendering where Part == [Artifact] {
    /// Every file of the output, sorted by path (empty unless every spec is valid).
    func artifacts() throws -> [Artifact] {
        try parts.get().flatMap { $0 }.sorted { $0.path < $1.path }
    }
}
