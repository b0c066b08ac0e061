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

/// What rendering specs found, and what was done with the files of the valid ones.
public struct Rendering<Part: Sendable>: Sendable {
    /// One report per readable spec, in the order of the spec set.
    public var reports: [SpecReport]
    /// Why each unreadable spec file could not be read.
    public var unreadable: [String]
    /// What the consumer returned for each valid spec's files, in spec order, then for the fleet's root
    /// `kustomization.yaml`; empty unless every spec was read and is valid. A failure is the first error the
    /// consumer threw.
    public var parts: Result<[Part], any Error>

    /// Whether every spec was read and is valid.
    public var succeeded: Bool { unreadable.isEmpty && !reports.contains { $0.diagnostics.containsErrors } }
}

/// Renders one spec as `Compiler` does, or a fleet of specs into `<namespace>/<name>/` folders under a root
/// `kustomization.yaml` that lists them. Each spec is read, validated, translated and rendered in one pass, the
/// specs in parallel, and its files go to a consumer (a staging directory, a comparison) at once, so a fleet is
/// never held in memory. The output never depends on the number of cores or on the order of the specs.
public enum FleetRenderer {
    /// Renders `specs`, handing each valid spec's files (paths relative to the output directory) to `consume`, from
    /// several threads at once. When a spec turns out invalid, `consume` may already have seen other specs' files:
    /// the caller discards what it made of them.
    public static func render<Part: Sendable>(
        _ specs: SpecSet,
        options: Compiler.Options = Compiler.Options(),
        consume: @Sendable ([Artifact]) throws -> Part
    ) -> Rendering<Part> {
        let paths = specs.paths
        return render(count: paths.count, fleet: specs.isFleet, options: options, consume: consume) { index in
            guard let data = FileManager.default.contents(atPath: paths[index]) else {
                return .failure(ReadFailure(description: "cannot read \(paths[index])"))
            }
            return .success(SpecSource(path: paths[index], bytes: [UInt8](data)))
        }
    }

    /// Renders specs already in memory; `fleet` chooses the fleet layout even for a single spec.
    public static func render<Part: Sendable>(
        _ sources: [SpecSource],
        fleet: Bool,
        options: Compiler.Options = Compiler.Options(),
        consume: @Sendable ([Artifact]) throws -> Part
    ) -> Rendering<Part> {
        render(count: sources.count, fleet: fleet, options: options, consume: consume) { .success(sources[$0]) }
    }

    /// The folder, relative to the output directory, that a fleet member renders into.
    public static func folder(of spec: Spec) -> String { "\(spec.namespace)/\(spec.name)" }

    private struct ReadFailure: Error {
        var description: String
    }

    /// What one spec's pass leaves: its report, and for a valid fleet member what the duplicate checks need.
    private struct Member<Part: Sendable>: Sendable {
        var report: SpecReport
        /// What the consumer made of the spec's files; nil when the spec is invalid or its folder was taken.
        var part: Result<Part, any Error>?
        /// For a valid fleet member: its folder, and where its name is written.
        var target: (folder: String, nameLocation: SourceLocation)?
        /// For a valid fleet member: the Azure resources only one cluster may use.
        var exclusiveResources: [String] = []
        /// For a valid fleet member: the shared Azure resources it configures, and how.
        var sharedSettings: [SharedSetting] = []
    }

    /// The folders fleet members have claimed, so that two specs with one target never write into the same place.
    private final class Claims: @unchecked Sendable {
        private let lock = NSLock()
        private var folders: Set<String> = []

        func claim(_ folder: String) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            return folders.insert(folder).inserted
        }
    }

    private static func render<Part: Sendable>(
        count: Int,
        fleet: Bool,
        options: Compiler.Options,
        consume: @Sendable ([Artifact]) throws -> Part,
        load: @Sendable (Int) -> Result<SpecSource, ReadFailure>
    ) -> Rendering<Part> {
        let claims = Claims()
        let loaded = Parallel.map(count) { index -> Result<Member<Part>, ReadFailure> in
            load(index).map { source in
                var memberOptions = options
                memberOptions.specFileName = source.path.split(separator: "/").last.map(String.init) ?? source.path
                return fleet ? member(source, options: memberOptions, claims: claims, consume: consume)
                    : single(source, options: memberOptions, consume: consume)
            }
        }
        var members: [Member<Part>] = []
        var unreadable: [String] = []
        var indices: [Int] = []
        for (index, outcome) in loaded.enumerated() {
            switch outcome {
            case .success(let member):
                members.append(member)
                indices.append(index)
            case .failure(let failure):
                unreadable.append(failure.description)
            }
        }
        if fleet {
            reportDuplicateTargets(&members)
            for (position, index) in indices.enumerated() where members[position].report.source.isEmpty && !members[position].report.diagnostics.isEmpty {
                members[position].report.source = (try? load(index).get().bytes) ?? []
            }
        }
        var rendering = Rendering<Part>(reports: members.map(\.report), unreadable: unreadable, parts: .success([]))
        guard rendering.succeeded else { return rendering }
        var parts = members.compactMap(\.part)
        if fleet {
            let folders = members.compactMap { $0.target?.folder }.sorted()
            parts.append(Result { try consume(Renderer.render([Resource(path: "kustomization.yaml", manifest: Kustomization(resources: folders))])) })
        }
        rendering.parts = Result { try parts.map { try $0.get() } }
        return rendering
    }

    /// A single spec, compiled exactly as `Compiler.compile` does.
    private static func single<Part: Sendable>(
        _ source: SpecSource, options: Compiler.Options, consume: @Sendable ([Artifact]) throws -> Part
    ) -> Member<Part> {
        let result = Compiler.compile(source.bytes, options: options)
        let report = SpecReport(path: source.path, source: source.bytes, diagnostics: result.diagnostics)
        return Member(report: report, part: result.succeeded ? Result { try consume(result.artifacts) } : nil, target: nil)
    }

    /// A fleet member: checked, then, when valid and the first to claim its folder, translated and rendered into that
    /// folder. Its source is kept only when it has diagnostics to quote (a duplicate found later reads it again).
    private static func member<Part: Sendable>(
        _ source: SpecSource, options: Compiler.Options, claims: Claims, consume: @Sendable ([Artifact]) throws -> Part
    ) -> Member<Part> {
        let (spec, diagnostics) = Compiler.check(source.bytes, options: options)
        let report = SpecReport(path: source.path, source: diagnostics.isEmpty ? [] : source.bytes, diagnostics: diagnostics)
        guard let spec, !diagnostics.containsErrors else { return Member(report: report, part: nil, target: nil) }
        let folder = folder(of: spec)
        var member = Member<Part>(report: report, part: nil, target: (folder, spec.sourceMap.location(of: "name")),
                                  exclusiveResources: exclusiveResources(of: spec), sharedSettings: sharedSettings(of: spec))
        guard claims.claim(folder) else { return member }
        let artifacts = Renderer.render(Translator.translate(spec, specFileName: options.specFileName)).map { artifact in
            var artifact = artifact
            artifact.path = "\(folder)/\(artifact.path)"
            return artifact
        }
        member.part = Result { try consume(artifacts) }
        return member
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

    /// An Azure resource that clusters of a fleet may share, and the settings a spec gives it.
    struct SharedSetting: Sendable, Equatable {
        var resource: String
        var settings: String
    }

    /// What deploy.sh creates once and then finds existing: the AKS cluster (with its system node pool), the
    /// CloudNativePG operator and kube-prometheus-stack on it, and the PostgreSQL node pool. Specs that share one must configure it alike, or
    /// whichever deploys second silently gets the first one's.
    static func sharedSettings(of spec: Spec) -> [SharedSetting] {
        let azure = spec.azure
        let cluster = "the AKS cluster \(azure.resourceGroup)/\(azure.aksCluster)"
        func pool(_ pool: Spec.Azure.NodePool) -> String {
            "\(pool.name), \(pool.vmSize), \(pool.minCount) to \(pool.maxCount) nodes"
        }
        let config = spec.operatorSettings.config.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var settings = [
            SharedSetting(resource: cluster, settings: "in \(azure.location), Kubernetes \(azure.kubernetesVersion), tier \(azure.tier), "
                + "node resource group \(azure.nodeResourceGroup), system pool \(pool(azure.systemPool))"),
            SharedSetting(resource: "the CloudNativePG operator of " + cluster,
                          settings: "\(spec.operatorSettings.version) in namespace \(spec.operatorSettings.namespace)"
                            + (config.isEmpty ? "" : " with " + config.joined(separator: ", "))),
            SharedSetting(resource: "the node pool '\(azure.nodePool.name)' of " + cluster,
                          settings: pool(azure.nodePool) + " in zones " + spec.zones.joined(separator: " ")),
        ]
        if spec.monitoring.prometheus, let chart = OperatorChart.forOperator(spec.operatorSettings.version) {
            settings.append(SharedSetting(resource: "kube-prometheus-stack on " + cluster,
                                          settings: "chart \(PrometheusStackChart.version) with the values \(chart.kubePrometheusStackValuesURL)"))
        }
        return settings
    }

    /// Adds an error to every spec that renders into the folder of a spec named before it, that needs an Azure
    /// resource such a spec already uses, or that configures a resource such a spec shares differently.
    private static func reportDuplicateTargets<Part: Sendable>(_ members: inout [Member<Part>]) {
        var owners: [String: String] = [:]
        var resourceOwners: [String: String] = [:]
        var sharedOwners: [String: (path: String, settings: String)] = [:]
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
            for shared in members[index].sharedSettings {
                guard let (owner, settings) = sharedOwners[shared.resource] else {
                    sharedOwners[shared.resource] = (path, shared.settings)
                    continue
                }
                guard settings != shared.settings else { continue }
                members[index].report.diagnostics.append(Diagnostic(
                    .error, .conflictingSharedResource,
                    "\(owner) and \(path) share \(shared.resource) but configure it differently: \(settings) in \(owner), \(shared.settings) here",
                    path: "name", at: target.nameLocation,
                    hint: "specs that deploy to one AKS cluster share it, its operator and its node pools: give them the same azure and operator settings, or separate clusters"
                ))
                members[index].part = nil
            }
        }
    }
}

