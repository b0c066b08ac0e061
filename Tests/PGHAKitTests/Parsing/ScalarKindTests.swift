import Testing
import Yams
@testable import PGHAKit

/// `ScalarKind` classifies plain scalars as Yams' default resolver does, without its regular expressions.
@Suite struct ScalarKindTests {
    /// Texts made of the pieces Yams' patterns are built from, seeded so that a failure reproduces, plus words.
    static let samples: [String] = {
        var generator = TestSupport.SeededGenerator(state: 0x5EED)
        let pieces = ["0", "1", "7", "9", "12", "59", "2001", "-", "+", ".", ":", "_", "e", "E", "x", "o", "b", "T", "t", "Z",
                      " ", "\t", "inf", "Inf", "nan", "NaN", "<<", "=", "~", "a", "F", "null", "2001-12-14", "21:59:43"]
        var texts = ManifestYAMLTests.strings + ["Yes", "yES", "nULL", "True1", "offline", "nullable", "N", "Y", "pg-primary",
                                                 "5min", "256MB", "2Gi", "500m", "1GB", "7d", "16", "0", "00", "01", "09", "10",
                                                 "-0", "+7", "1_000", "0x1F", "0X1F", "0o17", "0b101", "190:20:30", "1e5", "1E+5",
                                                 "3.5e-2", ".5", "-.inf", "+.INF", ".NaN", ".nAn", "1.5x", "12ab", "0xG", "é1", "1é"]
        for _ in 0..<20_000 {
            texts.append((0..<Int.random(in: 1...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        return texts.filter { !$0.contains("\n") }
    }()

    /// What Yams' default resolver makes of a plain scalar, in `ScalarKind`'s terms (timestamps, merge and value
    /// keys are strings to a spec).
    static func yamsKind(_ text: String) -> ScalarKind {
        switch Resolver.default.resolveTag(of: Node(text)) {
        case .bool: return .boolean
        case .int: return .integer
        case .float: return .float
        case .null: return .null
        default: return .string
        }
    }

    @Test func plainScalarsResolveAsYamsResolvesThem() {
        for text in Self.samples {
            let expected = Self.yamsKind(text)
            let signedFraction = (text.hasPrefix("-.") || text.hasPrefix("+.")) && ScalarKind.classifyPlain(text) == .float
            #expect(ScalarKind.classifyPlain(text) == expected || signedFraction, "\(text.debugDescription): Yams reads \(expected)")
        }
    }
}
