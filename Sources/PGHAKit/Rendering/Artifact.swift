/// A rendered file: its path relative to the output directory, its exact bytes, and what it is for.
public struct Artifact: Sendable, Equatable {
    public var path: String
    public var contents: String
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

    public init(path: String, contents: String, isExecutable: Bool = false, role: Role = .steadyState) {
        self.path = path
        self.contents = contents
        self.isExecutable = isExecutable
        self.role = role
    }
}
