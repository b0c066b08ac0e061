/// A rendered file: its path relative to the output directory and its exact bytes.
public struct Artifact: Sendable, Equatable {
    public var path: String
    public var contents: String
    /// Whether the file should be executable (scripts).
    public var isExecutable: Bool

    public init(path: String, contents: String, isExecutable: Bool = false) {
        self.path = path
        self.contents = contents
        self.isExecutable = isExecutable
    }
}
