import Testing
@testable import PGHAKit

@Suite struct JSONStringTests {
    @Test func quotesPlainText() {
        #expect(jsonString("") == "\"\"")
        #expect(jsonString("pg_up == 0") == "\"pg_up == 0\"")
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() {
        #expect(jsonString("a \"b\" \\ c") == #""a \"b\" \\ c""#)
        #expect(jsonString("line\nnext\r\ttab") == #""line\nnext\r\ttab""#)
        #expect(jsonString("\u{0}\u{1}\u{1F}\u{7F}") == #""\u0000\u0001\u001f"# + "\u{7F}\"")
        #expect(jsonString("\"\\\n") == #""\"\\\n""#)
        #expect(jsonString("é\"x\u{1}") == #""é\"x\u0001""#)
    }

    /// `appendJSONString` (one pass into a byte buffer) writes what `jsonString` writes, after what the buffer holds:
    /// the texts above and 2,000 seeded ones of quotes, backslashes, controls, ASCII and non-ASCII scalars.
    @Test func appendingWritesTheSameLiteral() {
        var generator = TestSupport.SeededGenerator(state: 15)
        let pieces: [String] = ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "a", "pg_up", " ", "é", "🐘", "\u{2028}"]
        var texts = ["", "pg_up == 0", "a \"b\" \\ c", "line\nnext\r\ttab", "\u{0}\u{1}\u{1F}\u{7F}", "é\"x\u{1}"]
        for _ in 0..<2_000 {
            texts.append((0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            var output = Array("{\"key\":".utf8)
            appendJSONString(text, to: &output)
            #expect(String(decoding: output, as: UTF8.self) == "{\"key\":" + jsonString(text), "\(Array(text.utf8))")
        }
    }

    @Test func copiesNonASCIIScalarsAsTheyAre() {
        #expect(jsonString("café → 🐘 \u{2028}") == "\"café → 🐘 \u{2028}\"")
    }
}
