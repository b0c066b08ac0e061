/// One argument of a shell command, built from literal text and shell variables. The bash renderer quotes it so it
/// always reaches the command as exactly one argument, whatever the text holds (a string literal, interpolated or
/// not, is literal text).
public struct ShellWord: Sendable, Equatable, ExpressibleByStringInterpolation {
    /// A piece of a word.
    public enum Part: Sendable, Equatable {
        /// Text taken literally.
        case literal(String)
        /// The value of a shell variable, such as `RESOURCE_GROUP`.
        case variable(String)
        /// Every element of a bash array, each as its own argument (only as a whole word).
        case arrayElements(String)
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }

    public init(_ text: String) {
        parts = [.literal(text)]
    }

    public init(stringLiteral text: String) {
        self.init(text)
    }

    /// The value of the shell variable `name`.
    public static func variable(_ name: String) -> ShellWord { ShellWord(parts: [.variable(name)]) }

    /// Every element of the bash array `name`, one argument each.
    public static func arrayElements(_ name: String) -> ShellWord { ShellWord(parts: [.arrayElements(name)]) }

    /// The words joined into one, such as `"system:serviceaccount:" + namespace + ":" + name`.
    public static func + (lhs: ShellWord, rhs: ShellWord) -> ShellWord { ShellWord(parts: lhs.parts + rhs.parts) }

    /// Whether any part reads a variable.
    var readsVariables: Bool {
        parts.contains { if case .literal = $0 { false } else { true } }
    }

    /// Adds the names of the variables the word reads to `names`.
    func collectVariableNames(into names: inout Set<String>) {
        for part in parts {
            switch part {
            case .literal: break
            case .variable(let name), .arrayElements(let name): names.insert(name)
            }
        }
    }
}
