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

/// Specs that have been read and validated, ready to render. Rendering happens part by part (one part per
/// spec, plus the fleet's root kustomization), in parallel, so a fleet's files never need to be in memory at once.
public struct Rendering: Sendable {
    /// One report per readable spec, in the order of the spec set.
    public var reports: [SpecReport]
    /// Why each unreadable spec file could not be read.
    public var unreadable: [String]
    /// The parts of the output; empty unless every spec is valid.
    let parts: [Part]

    /// A piece of the output: files already rendered, or a valid spec to render into a folder.
    enum Part: Sendable {
        case rendered([Artifact])
        case spec(Spec, folder: String, options: Compiler.Options)
    }

    /// Whether every spec was read and is valid, so the output can be rendered.
    public var succeeded: Bool { unreadable.isEmpty && !reports.contains { $0.diagnostics.containsErrors } }

    /// Renders the parts in parallel and hands each one's files, with paths relative to the output directory, to
    /// `body` (from several threads at once); returns what `body` returned, in part order.
    public func forEachPart<T: Sendable>(_ body: @Sendable ([Artifact]) throws -> T) throws -> [T] {
        let parts = parts
        return try Parallel.map(parts.count) { index in
            Result { try body(Self.artifacts(of: parts[index])) }
        }.map { try $0.get() }
    }

    /// Every file of the output, sorted by path.
    public func artifacts() throws -> [Artifact] {
        try forEachPart { $0 }.flatMap { $0 }.sorted { $0.path < $1.path }
    }

    private static func artifacts(of part: Part) -> [Artifact] {
        switch part {
        case .rendered(let artifacts):
            return artifacts
        case .spec(let spec, let folder, let options):
            return Renderer.render(Translator.translate(spec, specFileName: options.specFileName)).map { artifact in
                var artifact = artifact
                artifact.path = "\(folder)/\(artifact.path)"
                return artifact
            }
        }
    }
}

/// Reads and validates one spec as `Compiler` does, or a fleet of specs to render into `<namespace>/<name>/`
/// folders under a root `kustomization.yaml` that lists them. Specs are read and checked in parallel; the output
/// never depends on the number of cores or on the order in which the specs are named.
public enum FleetRenderer {
    /// Reads and validates `specs`.
    public static func render(_ specs: SpecSet, options: Compiler.Options = Compiler.Options()) -> Rendering {
        let paths = specs.paths
        return render(count: paths.count, fleet: specs.isFleet, options: options) { index in
            guard let data = FileManager.default.contents(atPath: paths[index]) else {
                return .failure(ReadFailure(description: "cannot read \(paths[index])"))
            }
            return .success(SpecSource(path: paths[index], bytes: [UInt8](data)))
        }
    }

    /// Validates specs already in memory; `fleet` chooses the fleet layout even for a single spec.
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
        var part: Rendering.Part?
        /// For a valid fleet member: its folder, and where its name is written.
        var target: (folder: String, nameLocation: SourceLocation)?
        /// For a valid fleet member: the Azure resources only one cluster may use.
        var exclusiveResources: [String] = []
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
                memberOptions.specFileName = source.path.split(separator: "/").last.map(String.init) ?? source.path
                return fleet ? check(source, options: memberOptions) : compile(source, options: memberOptions)
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
        if fleet { reportDuplicateTargets(&members) }
        let rendering = Rendering(reports: members.map(\.report), unreadable: unreadable, parts: [])
        guard rendering.succeeded else { return rendering }
        var parts = members.compactMap(\.part)
        if fleet {
            let folders = members.compactMap { $0.target?.folder }.sorted()
            parts.append(.rendered(Renderer.render([Resource(path: "kustomization.yaml", manifest: Kustomization(resources: folders))])))
        }
        return Rendering(reports: rendering.reports, unreadable: unreadable, parts: parts)
    }

    /// A single spec, compiled exactly as `Compiler.compile` does.
    private static func compile(_ source: SpecSource, options: Compiler.Options) -> Member {
        let result = Compiler.compile(source.bytes, options: options)
        let report = SpecReport(path: source.path, source: source.bytes, diagnostics: result.diagnostics)
        return Member(report: report, part: result.succeeded ? .rendered(result.artifacts) : nil, target: nil)
    }

    /// A fleet member: checked now, rendered later into its folder (`Compiler.compile` in two steps). The spec
    /// is kept without its source map, which rendering does not use.
    private static func check(_ source: SpecSource, options: Compiler.Options) -> Member {
        let (spec, diagnostics) = Compiler.check(source.bytes, options: options)
        let report = SpecReport(path: source.path, source: source.bytes, diagnostics: diagnostics)
        guard var spec, !diagnostics.containsErrors else { return Member(report: report, part: nil, target: nil) }
        let target = (folder: folder(of: spec), nameLocation: spec.sourceMap.location(of: "name"))
        spec.sourceMap = SourceMap()
        return Member(report: report, part: .spec(spec, folder: target.folder, options: options), target: target,
                      exclusiveResources: exclusiveResources(of: spec))
    }

    /// The Azure resources a cluster cannot share with another: its ServiceAccounts' federated credentials (named
    /// after the clusters, on one identity), its backup folder (the server name is the cluster name), and its
    /// public IP's ports.
    static func exclusiveResources(of spec: Spec) -> [String] {
        let azure = spec.azure
        var resources: [String] = []
        if let backup = spec.backup {
            let clusters = [spec.name] + (spec.recovery.map { [$0.name] } ?? [])
            resources += clusters.map { "the federated credential '\($0)' of the identity \(azure.resourceGroup)/\(azure.identityName)" }
            resources.append("the backup folder \(backup.destinationPath)/\(spec.name)")
        }
        if let expose = spec.expose {
            resources += [expose.readWritePort, expose.readOnlyPort].map {
                "port \($0) of the public IP \(azure.nodeResourceGroup)/\(expose.publicIP)"
            }
        }
        return resources
    }

    /// Adds an error to every spec that renders into the folder of a spec named before it, or that needs an Azure
    /// resource such a spec already uses.
    private static func reportDuplicateTargets(_ members: inout [Member]) {
        var owners: [String: String] = [:]
        var resourceOwners: [String: String] = [:]
        for index in members.indices {
            guard let target = members[index].target else { continue }
            let path = members[index].report.path
            if let owner = owners[target.folder] {
                members[index].report.diagnostics.append(Diagnostic(
                    .error, .duplicateTarget, "\(owner) and \(path) both render to \(target.folder)/",
                    path: "name", at: target.nameLocation,
                    hint: "each spec of a fleet needs its own namespace and name; rename one of them or render them separately"
                ))
                members[index].part = nil
                continue
            }
            owners[target.folder] = path
            for resource in members[index].exclusiveResources {
                guard let owner = resourceOwners[resource] else {
                    resourceOwners[resource] = path
                    continue
                }
                members[index].report.diagnostics.append(Diagnostic(
                    .error, .sharedAzureResource, "\(owner) and \(path) both use \(resource)",
                    path: "name", at: target.nameLocation,
                    hint: "clusters of one fleet that share an identity, a storage account or a public IP need distinct names and ports"
                ))
                members[index].part = nil
            }
        }
    }
}

