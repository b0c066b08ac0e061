import Testing
@testable import PGHAKit

/// PGHAKit's `[String].joined(separator:)` gives what the standard library's gives.
@Suite struct StringJoiningTests {
    /// The standard library's `joined(separator:)`: in generic code, PGHAKit's array extension does not apply.
    static func standardJoined<Strings: Sequence>(_ strings: Strings, _ separator: String) -> String
    where Strings.Element == String {
        strings.joined(separator: separator)
    }

    @Test(arguments: [
        [], [""], ["", ""], ["a"], ["a", "b", "c"], ["é", "e\u{301}", "👩‍👩‍👧"], ["line\n", "\r", "\n"], ["x", "", "y"],
    ] as [[String]])
    func matchesTheStandardLibrary(_ strings: [String]) {
        for separator in ["", ",", ", ", "\u{301}", "\n"] {
            let joined: String = strings.joined(separator: separator)
            #expect(joined == Self.standardJoined(strings, separator))
            #expect(Array(joined.utf8) == Array(Self.standardJoined(strings, separator).utf8))
        }
        let concatenated: String = strings.joined()
        #expect(Array(concatenated.utf8) == Array(Self.standardJoined(strings, "").utf8))
    }
}
