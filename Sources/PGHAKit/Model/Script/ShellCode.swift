/// Hand-written bash for what a command list cannot say (a loop, a comparison). The literal text is pgha's own
/// code; every interpolated value is a `ShellWord`, which the renderer quotes, so spec values never become code.
public struct ShellCode: Sendable, Equatable, ExpressibleByStringInterpolation {
    /// A piece of code.
    public enum Segment: Sendable, Equatable {
        /// Bash source written by pgha.
        case code(String)
        /// A quoted word.
        case word(ShellWord)
        /// A word's text inside a double-quoted string of the code: literal text escaped, variables as `${NAME}`.
        case inString(ShellWord)
    }

    public var segments: [Segment]

    public init(segments: [Segment]) {
        self.segments = segments
    }

    public init(stringLiteral code: String) {
        segments = [.code(code)]
    }

    public init(stringInterpolation: Interpolation) {
        segments = stringInterpolation.segments
    }

    /// Builds code from literal bash and interpolated words.
    public struct Interpolation: StringInterpolationProtocol {
        var segments: [Segment] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            segments.reserveCapacity(interpolationCount * 2 + 1)
        }

        public mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { segments.append(.code(literal)) }
        }

        public mutating func appendInterpolation(_ word: ShellWord) {
            segments.append(.word(word))
        }

        /// A word inside a double-quoted string of the code, such as a message: `"... \(inString: word) ..."`.
        public mutating func appendInterpolation(inString word: ShellWord) {
            segments.append(.inString(word))
        }

        /// A whole command, each argument quoted on its own.
        public mutating func appendInterpolation(_ command: Command) {
            for (index, argument) in command.arguments.enumerated() {
                if index > 0 { segments.append(.code(" ")) }
                segments.append(.word(argument))
            }
        }
    }

    /// Adds the names of the variables the interpolated words read to `names`.
    func collectVariableNames(into names: inout Set<String>) {
        for segment in segments {
            switch segment {
            case .code: break
            case .word(let word), .inString(let word): word.collectVariableNames(into: &names)
            }
        }
    }
}
