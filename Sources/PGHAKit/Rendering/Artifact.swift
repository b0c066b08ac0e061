/// A rendered file: its path relative to the output directory, its exact bytes, and what it is for.
public struct Artifact: Sendable, Equatable {
    public var path: String
    /// The file's bytes. Every renderer writes valid UTF-8 by construction: it appends only the UTF-8 of Swift
    /// `String`s, whole, or split at ASCII bytes, and ASCII of its own (`ManifestYAML`, `BashRenderer`, `SpecRecord`,
    /// `MarkdownText`). The output writer and the comparisons with an output directory read these bytes as they are.
    public var bytes: [UInt8]
    /// Whether the file should be executable (scripts).
    public var isExecutable: Bool
    public var role: Role

    /// What a rendered file is for, which decides who applies it.
    public enum Role: String, Sendable, Equatable, CaseIterable {
        /// An object a GitOps controller keeps applied (listed by a kustomization), or a kustomization itself.
        case steadyState = "steady"
        /// An object applied once, by hand or by a drill (`oneoff/`): a restore, an on-demand backup.
        case oneOff = "oneoff"
        /// An operator-wide object in the operator's namespace (`operator/`).
        case operatorSettings = "operator"
        /// A deployment script.
        case script
        /// A file for people and for pgha itself, never applied: the cluster's README, the spec record.
        case reference
    }

    public init(path: String, bytes: [UInt8], isExecutable: Bool = false, role: Role = .steadyState) {
        self.path = path
        self.bytes = bytes
        self.isExecutable = isExecutable
        self.role = role
    }

    public init(path: String, contents: String, isExecutable: Bool = false, role: Role = .steadyState) {
        self.init(path: path, bytes: Array(contents.utf8), isExecutable: isExecutable, role: role)
    }

    /// The file's text (its bytes are UTF-8): for what shows or searches it, such as `pgha diff` and tests.
    public var contents: String {
        get { String(decoding: bytes, as: UTF8.self) }
        set { bytes = Array(newValue.utf8) }
    }
}
