@testable import PGHAKit

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
