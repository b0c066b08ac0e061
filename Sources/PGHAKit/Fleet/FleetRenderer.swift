#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

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
    /// Its bytes, for quoting source lines in diagnostics. A fleet member keeps only the lines its diagnostics
    /// point at (the others empty, so each line keeps its number), or nothing when it has none.
    public var source: [UInt8]
    /// Its diagnostics, the fleet's own (such as a duplicate target) included; without notes when the render was
    /// asked not to keep them.
    public var diagnostics: [Diagnostic]
}

/// What rendering specs found, and what was done with the files of the valid ones.
public struct Rendering<Part: Sendable>: Sendable {
    /// One report per readable spec, in the order of the spec set.
    public var reports: [SpecReport]
    /// Why each unreadable spec file could not be read.
    public var unreadable: [String]
    /// What the consumer returned for each valid spec's files, in spec order, then for the fleet's root
    /// `kustomization.yaml` and index `README.md`; empty unless every spec was read and is valid. A failure is the first error the
    /// consumer threw.
    public var parts: Result<[Part], any Error>

    /// Whether every spec was read and is valid.
    public var succeeded: Bool { unreadable.isEmpty && !reports.contains { $0.diagnostics.containsErrors } }
}

/// Compiles one spec as `Compiler` does, or a fleet of specs into `<namespace>/<name>/` folders under a root
/// `kustomization.yaml` that lists them, with the fleet rules (`FleetRules`) applied. Each spec is read, validated,
/// translated and rendered in one pass, the specs in parallel, and its files go to a consumer (a staging directory,
/// a comparison) at once, so a fleet is never held in memory. The output never depends on the number of cores or on
/// the order of the specs.
public enum FleetRenderer {
    /// Renders `specs`, handing each valid spec's files (paths relative to the output directory) to `consume`, from
    /// several threads at once. When a spec turns out invalid, `consume` may already have seen other specs' files:
    /// the caller discards what it made of them. Without `keepingNotes`, the reports leave notes out, so a fleet
    /// whose notes nobody shows does not hold them (and the lines they quote) until the end.
    public static func render<Part: Sendable>(
        _ specs: SpecSet,
        options: Compiler.Options = Compiler.Options(),
        keepingNotes: Bool = true,
        consume: @escaping @Sendable ([Artifact]) throws -> Part
    ) -> Rendering<Part> {
        process(count: specs.paths.count, fleet: specs.isFleet, options: options, keepingNotes: keepingNotes, consume: consume,
                load: reader(specs))
    }

    /// Renders specs already in memory; `fleet` chooses the fleet layout even for a single spec.
    public static func render<Part: Sendable>(
        _ sources: [SpecSource],
        fleet: Bool,
        options: Compiler.Options = Compiler.Options(),
        keepingNotes: Bool = true,
        consume: @escaping @Sendable ([Artifact]) throws -> Part
    ) -> Rendering<Part> {
        process(count: sources.count, fleet: fleet, options: options, keepingNotes: keepingNotes, consume: consume) { .success(sources[$0]) }
    }

    /// Checks `specs` as `render` does, the fleet rules included, without translating or rendering them.
    public static func validate(_ specs: SpecSet, options: Compiler.Options = Compiler.Options()) -> Rendering<Never> {
        process(count: specs.paths.count, fleet: specs.isFleet, options: options, consume: nil, load: reader(specs))
    }

    private typealias ReadFailure = SpecSet.Failure

    /// Reads the spec files of `specs` by index; the spec from standard input is named `<stdin>` and read once. A
    /// spec that is not a regular file (a pipe such as `/dev/stdin` or `<(...)`) cannot be read twice, so its
    /// bytes are kept for the fleet rules, which read a spec again where it may conflict with another.
    private static func reader(_ specs: SpecSet) -> @Sendable (Int) -> Result<SpecSource, ReadFailure> {
        let paths = specs.paths
        let standardInput = paths.contains(SpecSet.standardInput) ? SpecSet.read(SpecSet.standardInput) : nil
        let kept = KeptBytes()
        return { index in
            let path = paths[index]
            let bytes: Result<[UInt8], ReadFailure>
            if path == SpecSet.standardInput {
                bytes = standardInput!
            } else if let held = kept[index] {
                bytes = .success(held)
            } else {
                let read = SpecSet.readFile(path)
                bytes = read.bytes
                if case .success(let held) = read.bytes, !read.isRegularFile { kept[index] = held }
            }
            return bytes.map { SpecSource(path: SpecSet.name(of: path), bytes: $0) }
        }
    }

    /// The bytes of the specs that cannot be read twice, by index. Used from several threads.
    private final class KeptBytes: @unchecked Sendable {
        private let lock = Lock()
        private var bytes: [Int: [UInt8]] = [:]

        subscript(index: Int) -> [UInt8]? {
            get { lock.withLock { bytes[index] } }
            set { lock.withLock { bytes[index] = newValue } }
        }
    }

    /// What one spec's pass leaves: its report, and for a valid fleet member what the fleet rules need.
    private struct Member<Part: Sendable>: Sendable {
        var report: SpecReport
        /// What the consumer made of the spec's files; nil when the spec is invalid, its folder was taken, or
        /// nothing is rendered.
        var part: Result<Part, any Error>?
        /// For a valid fleet member: what the fleet rules check.
        var fleetMember: FleetRules.Footprint?
        /// For a valid fleet member: its row of the fleet's index README (the row rather than the spec, which is
        /// larger and would be held for every spec until the end).
        var readmeRow: String?
    }

    /// The folders fleet members have claimed, so that two specs with one target never write into the same place.
    private final class Claims: @unchecked Sendable {
        private let lock = Lock()
        private var folders: Set<String> = []

        func claim(_ folder: String) -> Bool {
            lock.withLock { folders.insert(folder).inserted }
        }
    }

    /// Compiles every spec, rendering the valid ones when there is a consumer.
    private static func process<Part: Sendable>(
        count: Int,
        fleet: Bool,
        options: Compiler.Options,
        keepingNotes: Bool = true,
        consume: (@Sendable ([Artifact]) throws -> Part)?,
        load: @Sendable (Int) -> Result<SpecSource, ReadFailure>
    ) -> Rendering<Part> {
        let claims = Claims()
        let texts = FleetRules.Texts()
        var sharedOptions = options
        if consume != nil && count > 1 {
            sharedOptions.builtScripts = BuiltScripts()
            sharedOptions.scriptBodies = ScriptBodyCache()
        }
        let memberOptions: @Sendable (SpecSource) -> Compiler.Options = { [sharedOptions] source in
            var memberOptions = sharedOptions
            memberOptions.fleetMember = fleet
            memberOptions.specFileName = source.path == SpecSet.standardInputName
                ? nil : source.path.split(separator: "/").last.map(String.init) ?? source.path
            return memberOptions
        }
        let loaded = Parallel.map(count) { index -> Result<Member<Part>, ReadFailure> in
            load(index).map { source in
                compile(source, fleet: fleet, options: memberOptions(source), keepingNotes: keepingNotes, claims: claims, texts: texts, consume: consume)
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
            let found = FleetRules.check(members.map { $0.fleetMember }, texts: texts) { position in
                guard let source = try? load(indices[position]).get() else { return nil }
                var options = memberOptions(source)
                options.recordedSpec = nil
                return Compiler.check(source.bytes, options: options).spec.map { FleetRules.Member(path: source.path, spec: $0) }
            }
            for (position, found) in found.enumerated() where !found.isEmpty {
                members[position].report.diagnostics += found
                members[position].part = nil
                if let bytes = try? load(indices[position]).get().bytes {
                    members[position].report.source = quotedLines(of: bytes, for: members[position].report.diagnostics)
                }
            }
        }
        var rendering = Rendering<Part>(reports: members.map { $0.report }, unreadable: unreadable, parts: .success([]))
        guard rendering.succeeded, let consume else { return rendering }
        var parts = members.compactMap { $0.part }
        if fleet {
            let rendered = members.compactMap { member in member.fleetMember.flatMap { fleetMember in member.readmeRow.map { (folder: fleetMember.folder, row: $0) } } }
            let folders = rendered.map { $0.folder }.sorted()
            let index = FleetReadme.artifact(rows: rendered)
            parts.append(Result { try consume(Renderer.render([Resource(path: "kustomization.yaml", manifest: Kustomization(resources: folders))]) + [index]) })
        }
        rendering.parts = Result { try parts.map { try $0.get() } }
        return rendering
    }

    /// One spec, checked (against the spec the output directory records for its folder too), then, when valid, there
    /// is a consumer and (in a fleet) it is the first to claim its folder, rendered. A fleet member keeps only the
    /// source lines its diagnostics quote (a conflict found later reads the file again); without `keepingNotes`,
    /// its notes are left out.
    private static func compile<Part: Sendable>(
        _ source: SpecSource, fleet: Bool, options: Compiler.Options, keepingNotes: Bool, claims: Claims, texts: FleetRules.Texts,
        consume: (@Sendable ([Artifact]) throws -> Part)?
    ) -> Member<Part> {
        let (spec, found, record) = Compiler.checked(source.bytes, options: options) { fleet ? FleetRules.folder(of: $0) : "" }
        let diagnostics = keepingNotes ? found : found.filter { $0.severity != .note }
        let kept = fleet ? quotedLines(of: source.bytes, for: diagnostics) : source.bytes
        var member = Member<Part>(report: SpecReport(path: source.path, source: kept, diagnostics: diagnostics))
        guard let spec, !diagnostics.containsErrors else { return member }
        guard fleet else {
            member.part = consume.map { consume in Result { try consume(Compiler.artifacts(for: spec, options: options, record: record)) } }
            return member
        }
        let fleetMember = FleetRules.Footprint(FleetRules.Member(path: source.path, spec: spec), texts: texts)
        member.fleetMember = fleetMember
        member.readmeRow = FleetReadme.row(folder: fleetMember.folder, spec: spec)
        guard let consume, claims.claim(fleetMember.folder) else { return member }
        let artifacts = Compiler.artifacts(for: spec, options: options, record: record).map { artifact in
            var artifact = artifact
            artifact.path = "\(fleetMember.folder)/\(artifact.path)"
            return artifact
        }
        member.part = Result { try consume(artifacts) }
        return member
    }

    /// `source` reduced to the lines `diagnostics` point at, every other line up to the last of them empty and
    /// every line break a `\n`: a report quotes the same text at the same line numbers, and a fleet of specs with
    /// notes does not hold every spec's whole file until the end.
    static func quotedLines(of source: [UInt8], for diagnostics: [Diagnostic]) -> [UInt8] {
        let quoted = Set(diagnostics.map { $0.location.line })
        guard let last = quoted.max(), last >= 1 else { return [] }
        let lines = SourceLines(source)
        var result: [UInt8] = []
        for number in 1...last {
            guard let line = lines.line(number) else { break }
            if number > 1 { result.append(UInt8(ascii: "\n")) }
            if quoted.contains(number) { result.append(contentsOf: line.utf8) }
        }
        return result
    }
}
