import Foundation

/// One spec file and its bytes, as handed to `FleetRenderer`.
public struct SpecSource: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// What compiling one spec file of a render found.
public struct SpecReport: Sendable {
    /// The spec file, as named on the command line or found in a directory.
    public var path: String
    /// Its bytes, for quoting source lines in diagnostics.
    public var source: [UInt8]
    /// Its diagnostics, the fleet's own (such as a duplicate target) included.
    public var diagnostics: [Diagnostic]
}

/// What rendering a set of specs produced.
public struct Rendering: Sendable {
    /// One report per readable spec, in the order of the spec set.
    public var reports: [SpecReport]
    /// Why each unreadable spec file could not be read.
    public var unreadable: [String]
    /// The whole output tree, sorted by path; empty unless every spec rendered.
    public var artifacts: [Artifact]

    /// Whether every spec was read and rendered without errors.
    public var succeeded: Bool { unreadable.isEmpty && !reports.contains { $0.diagnostics.containsErrors } }
}

/// Renders one spec as `Compiler` does, or a fleet of specs into `<namespace>/<name>/` folders under a root
/// `kustomization.yaml` that lists them, compiling the specs in parallel. The output never depends on the number
/// of cores or on the order in which the specs are named.
public enum FleetRenderer {
    /// Reads and renders `specs`.
    public static func render(_ specs: SpecSet, options: Compiler.Options = Compiler.Options()) -> Rendering {
        let paths = specs.paths
        return render(count: paths.count, fleet: specs.isFleet, options: options) { index in
            guard let data = FileManager.default.contents(atPath: paths[index]) else {
                return .failure(ReadFailure(description: "cannot read \(paths[index])"))
            }
            return .success(SpecSource(path: paths[index], bytes: [UInt8](data)))
        }
    }

    /// Renders specs already in memory; `fleet` chooses the fleet layout even for a single spec.
    public static func render(_ sources: [SpecSource], fleet: Bool, options: Compiler.Options = Compiler.Options()) -> Rendering {
        render(count: sources.count, fleet: fleet, options: options) { .success(sources[$0]) }
    }

    /// The folder, relative to the output directory, that a fleet member renders into.
    public static func folder(of spec: Spec) -> String { "\(spec.namespace)/\(spec.name)" }

    private struct ReadFailure: Error {
        var description: String
    }

    private struct Member: Sendable {
        var report: SpecReport
        var spec: Spec?
        var artifacts: [Artifact]
    }

    private static func render(
        count: Int,
        fleet: Bool,
        options: Compiler.Options,
        load: @Sendable (Int) -> Result<SpecSource, ReadFailure>
    ) -> Rendering {
        let loaded = Parallel.map(count) { index -> Result<Member, ReadFailure> in
            load(index).map { source in
                var memberOptions = options
                memberOptions.specFileName = URL(fileURLWithPath: source.path).lastPathComponent
                let result = Compiler.compile(source.bytes, options: memberOptions)
                let report = SpecReport(path: source.path, source: source.bytes, diagnostics: result.diagnostics)
                return Member(report: report, spec: result.spec, artifacts: result.artifacts)
            }
        }
        var members: [Member] = []
        var unreadable: [String] = []
        for outcome in loaded {
            switch outcome {
            case .success(let member): members.append(member)
            case .failure(let failure): unreadable.append(failure.description)
            }
        }
        guard fleet else {
            let artifacts = unreadable.isEmpty ? members.first?.artifacts ?? [] : []
            return Rendering(reports: members.map(\.report), unreadable: unreadable, artifacts: artifacts)
        }
        reportDuplicateTargets(&members)
        var rendering = Rendering(reports: members.map(\.report), unreadable: unreadable, artifacts: [])
        guard rendering.succeeded else { return rendering }
        do {
            rendering.artifacts = try tree(members)
        } catch {
            let failure = Diagnostic(.error, .renderFailed, "rendering failed: \(error)", path: "", at: .start)
            rendering.reports[0].diagnostics.append(failure)
        }
        return rendering
    }

    /// Adds an error to every spec that renders into the folder of a spec named before it.
    private static func reportDuplicateTargets(_ members: inout [Member]) {
        var owners: [String: String] = [:]
        for index in members.indices {
            guard let spec = members[index].spec, !members[index].report.diagnostics.containsErrors else { continue }
            let folder = folder(of: spec)
            guard let owner = owners[folder] else {
                owners[folder] = members[index].report.path
                continue
            }
            let path = members[index].report.path
            members[index].report.diagnostics.append(Diagnostic(
                .error, .duplicateTarget, "\(owner) and \(path) both render to \(folder)/",
                path: "name", at: spec.sourceMap.location(of: "name"),
                hint: "each spec of a fleet needs its own namespace and name; rename one of them or render them separately"
            ))
        }
    }

    /// Every member's files under its folder, and the root kustomization listing the folders.
    private static func tree(_ members: [Member]) throws -> [Artifact] {
        var folders: [String] = []
        var artifacts: [Artifact] = []
        artifacts.reserveCapacity(members.reduce(1) { $0 + $1.artifacts.count })
        for member in members {
            guard let spec = member.spec else { continue }
            let folder = folder(of: spec)
            folders.append(folder)
            for var artifact in member.artifacts {
                artifact.path = "\(folder)/\(artifact.path)"
                artifacts.append(artifact)
            }
        }
        folders.sort()
        artifacts += try Renderer.render([Resource(path: "kustomization.yaml", manifest: Kustomization(resources: folders))])
        artifacts.sort { $0.path < $1.path }
        return artifacts
    }
}

extension DiagnosticCode {
    // MARK: Fleet (07xx)
    public static let duplicateTarget = DiagnosticCode("PGHA0701", "Two specs of a fleet render into the same namespace/name folder.")
}
