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

    @Test func copiesNonASCIIScalarsAsTheyAre() {
        #expect(jsonString("café → 🐘 \u{2028}") == "\"café → 🐘 \u{2028}\"")
    }
}
