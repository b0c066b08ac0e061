import Testing
@testable import PGHAKit

/// `SourceMap` keeps a field's value and key locations in one entry; recording a path again (a map key that spells
/// a list element's path, say) replaces the value's location, and the key's only when a key is given.
@Suite struct SourceMapTests {
    @Test func recordingAgainKeepsTheKeyUnlessANewOneIsGiven() {
        var map = SourceMap()
        map.record("", at: SourceLocation(line: 1, column: 1))
        map.record("a", at: SourceLocation(line: 2, column: 4), key: SourceLocation(line: 2, column: 1))
        map.record("a", at: SourceLocation(line: 5, column: 3))
        #expect(map.location(of: "a") == SourceLocation(line: 5, column: 3))
        #expect(map.keyLocation(of: "a") == SourceLocation(line: 2, column: 1))
        map.record("a", at: SourceLocation(line: 7, column: 9), key: SourceLocation(line: 7, column: 6))
        #expect(map.keyLocation(of: "a") == SourceLocation(line: 7, column: 6))
        map.record("b", at: SourceLocation(line: 8, column: 3))
        #expect(map.keyLocation(of: "b") == SourceLocation(line: 8, column: 3))
        #expect(map.keyLocation(of: "b.c[2]") == SourceLocation(line: 8, column: 3))
        #expect(map.nearestWrittenPath(to: "a.x") == "a")
        #expect(map.nearestWrittenPath(to: "z") == "")
        #expect(map.location(of: "z") == SourceLocation(line: 1, column: 1))
        #expect(map.contains("a") && !map.contains("a.x"))
    }

    @Test func mapsWithTheSameFieldsAreEqual() {
        var first = SourceMap(capacity: 128)
        var second = SourceMap()
        first.record("a", at: SourceLocation(line: 1, column: 1), key: SourceLocation(line: 1, column: 1))
        second.record("a", at: SourceLocation(line: 1, column: 1))
        #expect(first != second)
        second.record("a", at: SourceLocation(line: 1, column: 1), key: SourceLocation(line: 1, column: 1))
        #expect(first == second)
    }
}
