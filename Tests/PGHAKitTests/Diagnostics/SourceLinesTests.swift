import Testing
@testable import PGHAKit

/// `SourceLines` finds the lines YAML counts, as splitting the decoded text on its line breaks does.
@Suite struct SourceLinesTests {
    /// The lines of the decoded text split at every YAML line break (`\r\n` counting once).
    static func reference(_ source: [UInt8]) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previousWasCarriageReturn = false
        for scalar in String(decoding: source, as: UTF8.self).unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\n" where previousWasCarriageReturn: continue
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                lines.append(String(current))
                current = String.UnicodeScalarView()
            default: current.append(scalar)
            }
        }
        lines.append(String(current))
        return lines
    }

    static func lines(_ source: [UInt8]) -> [String] {
        let lines = SourceLines(source)
        return Array((1...).lazy.map { lines.line($0) }.prefix { $0 != nil }.map { $0! })
    }

    @Test func tricky() {
        let inputs: [[UInt8]] = [
            [], Array("a".utf8), Array("a\n".utf8), Array("a\r\nb\rc\n\nd".utf8), Array("\r\r\n\n".utf8),
            Array("é\u{85}ü\u{2028}x\u{2029}y".utf8), [0xC2], [0xC2, 0x0A], [0xE2, 0x80], [0xE2, 0x80, 0x0A, 0xA8],
            [0xF0, 0xE2, 0x80, 0xA8, 0x41], [0xC2, 0xC2, 0x85, 0x41], [0xFF, 0xFE, 0x0D], Array("tab\there\n".utf8),
        ]
        for input in inputs {
            #expect(Self.lines(input) == Self.reference(input), "\(input)")
        }
    }

    @Test func randomBytes() {
        var generator = TestSupport.SeededGenerator(state: 0x11AE5)
        let alphabet: [UInt8] = [0x0A, 0x0D, 0xC2, 0x85, 0xE2, 0x80, 0xA8, 0xA9, 0x41, 0x20, 0xFF, 0xC3, 0xA9, 0x09]
        for _ in 0..<2_000 {
            let input = (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(Self.lines(input) == Self.reference(input), "\(input)")
        }
    }

    @Test func linesOutsideTheFileAreNil() {
        let lines = SourceLines(Array("a\nb".utf8))
        #expect(lines.line(0) == nil)
        #expect(lines.line(2) == "b")
        #expect(lines.line(3) == nil)
    }
}
