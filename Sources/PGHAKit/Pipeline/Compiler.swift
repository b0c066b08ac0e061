/// The whole pipeline for one spec: parse, validate, translate, render. Pure: no I/O. The one place the stages are
/// assembled: a fleet (`FleetRenderer`) compiles each of its specs through it.
public enum Compiler {
    /// What compiling one spec produced.
    public struct Result: Sendable {
        /// The parsed spec, when it could be read.
        public var spec: Spec?
        /// Every problem found, in reading order.
        public var diagnostics: [Diagnostic]
        /// The rendered files, sorted by path; empty when there are errors.
        public var artifacts: [Artifact]

        /// Whether the spec rendered (no errors).
        public var succeeded: Bool { !diagnostics.containsErrors }
    }

    /// Settings that come from the command line rather than the spec.
    public struct Options: Sendable {
        /// Overrides `azure.identity.clientID` (deploy.sh passes the identity it created).
        public var identityClientID: String?
        /// The spec file's base name, named in the scripts' headers and the spec deploy.sh renders again.
        public var specFileName: String?
        /// The spec renders as a member of a fleet (into `<namespace>/<name>/` of the fleet's directory), which
        /// deploy.sh cannot render again by itself: it stops for the identity's client ID instead.
        public var fleetMember = false
        /// The bytes of the spec record (`SpecRecord`) the output directory holds in a folder (`""` for one spec,
        /// `<namespace>/<name>` for a fleet member), or nil when it holds none there: `check` refuses what
        /// Kubernetes cannot do to the cluster it recorded (`VolumeHistoryRules`).
        public var recordedSpec: (@Sendable (_ folder: String) -> [UInt8]?)?
        /// The scripts a fleet render builds once for the specs with equal `ScriptInputs` (`BuiltScripts`); nil
        /// builds every script for its spec.
        var builtScripts: BuiltScripts?
        /// The script bodies a fleet render shares between its specs (`ScriptBodyCache`); nil renders every script whole.
        var scriptBodies: ScriptBodyCache?

        public init(identityClientID: String? = nil, specFileName: String? = nil,
                    recordedSpec: (@Sendable (_ folder: String) -> [UInt8]?)? = nil) {
            self.identityClientID = identityClientID
            self.specFileName = specFileName
            self.recordedSpec = recordedSpec
        }
    }

    /// Parses and validates only; with `options.recordedSpec`, a valid spec is also checked against the spec recorded
    /// in the folder `folder` names for it (`VolumeHistoryRules`: a volume that shrinks, a WAL volume removed).
    public static func check(_ bytes: [UInt8], options: Options = Options(),
                             folder: (Spec) -> String = { _ in "" }) -> (spec: Spec?, diagnostics: [Diagnostic]) {
        let checked = checked(bytes, options: options, folder: folder)
        return (checked.spec, checked.diagnostics)
    }

    /// `check`, and the spec's own record (`SpecRecord`) when it was made to compare with the recorded one, for
    /// `artifacts(for:options:record:)` to reuse. A recorded spec of the same bytes records the same volumes, against
    /// which no volume rule can fail: it is not read (a re-render of an unchanged spec, the common case).
    static func checked(_ bytes: [UInt8], options: Options,
                        folder: (Spec) -> String) -> (spec: Spec?, diagnostics: [Diagnostic], record: Artifact?) {
        let parsed = SpecParser.parse(bytes)
        guard var spec = parsed.spec else { return (nil, parsed.diagnostics, nil) }
        if let clientID = options.identityClientID { spec.azure.identityClientID = clientID }
        let brokenPaths = parsed.diagnostics.filter { $0.severity == .error }.map(\.path)
        let semantic = Validator.validate(spec).filter { diagnostic in
            !brokenPaths.contains { broken in diagnostic.path.isWithin(broken) }
        }
        var checked = semantic
        var record: Artifact?
        let folder = folder(spec)
        if !(parsed.diagnostics + semantic).containsErrors, let recordedSpec = options.recordedSpec?(folder) {
            let own = SpecRecord.artifact(for: spec)
            record = own
            if own.bytes != recordedSpec {
                let path = SpecRecord.path(in: folder)
                checked += RecordedVolumes(record: recordedSpec).map { VolumeHistoryRules.check(spec, recorded: $0, at: path) }
                    ?? VolumeHistoryRules.unreadable(spec, at: path)
            }
        }
        return (spec, (parsed.diagnostics + written(checked, in: spec)).sortedByLocation(), record)
    }

    /// `diagnostics` with each path the nearest one the user wrote: a diagnostic about a default never names a path
    /// absent from the file.
    private static func written(_ diagnostics: [Diagnostic], in spec: Spec) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            var written = diagnostic
            written.path = spec.sourceMap.nearestWrittenPath(to: diagnostic.path)
            return written
        }
    }

    /// Parses, validates, translates and renders one spec.
    public static func compile(_ bytes: [UInt8], options: Options = Options()) -> Result {
        let (spec, diagnostics, record) = checked(bytes, options: options) { _ in "" }
        guard let spec, !diagnostics.containsErrors else {
            return Result(spec: spec, diagnostics: diagnostics, artifacts: [])
        }
        return Result(spec: spec, diagnostics: diagnostics, artifacts: artifacts(for: spec, options: options, record: record))
    }

    /// Translates and renders a spec that `check` found valid, with the record of the spec (`SpecRecord`) that
    /// `check` and `diff` classify the next change against, and the cluster's README (`ClusterReadme`).
    public static func artifacts(for spec: Spec, options: Options = Options()) -> [Artifact] {
        artifacts(for: spec, options: options, record: nil)
    }

    /// `artifacts(for:options:)`, with the spec's record when `checked` already made it.
    static func artifacts(for spec: Spec, options: Options, record: Artifact?) -> [Artifact] {
        let resources = Translator.translate(spec, specFileName: options.specFileName, fleetMember: options.fleetMember, scripts: options.builtScripts)
        let rendered = Renderer.render(resources, scriptBodies: options.scriptBodies) + [record ?? SpecRecord.artifact(for: spec)]
        return (rendered + [ClusterReadme.artifact(for: spec, files: rendered.map(\.path), fleetMember: options.fleetMember)]).sorted { $0.path < $1.path }
    }
}

extension String {
    /// Whether this spec path is `ancestor` or lies below it (`backup.schedule` is within `backup`; all is within "").
    func isWithin(_ ancestor: String) -> Bool {
        ancestor.isEmpty || self == ancestor || hasPrefix(ancestor + ".") || hasPrefix(ancestor + "[")
    }
}
