import Testing
@testable import PGHAKit

/// A `SortedMap` holds its pairs sorted by key, as the dictionary they stand for.
@Suite struct SortedMapTests {
    /// The pairs of `dictionary` in the order of `String`'s `<`.
    static func sortedPairs(_ dictionary: [String: String]) -> [String] {
        dictionary.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    static func pairs(_ map: SortedMap) -> [String] {
        map.entries.map { "\($0.key)=\($0.value)" }
    }

    @Test func aMapFromADictionaryIsSortedByKey() {
        let keys = ["b", "a", "app.kubernetes.io/name", "cnpg.io/cluster", "B", "é", "e\u{301}x", "ä", "a-b", "a.b", "", "zz", "Ω", "😀"]
        var generator = TestSupport.SeededGenerator(state: 0x50_47ED)
        for _ in 0..<500 {
            var dictionary: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...8, using: &generator) {
                dictionary[keys.randomElement(using: &generator)!] = String(Int.random(in: 0...99, using: &generator))
            }
            #expect(Self.pairs(SortedMap(dictionary)) == Self.sortedPairs(dictionary), "\(dictionary)")
        }
    }

    @Test func aLiteralIsSortedAndARepeatedKeyKeepsItsLastValue() {
        let map: SortedMap = ["severity": "warning", "cluster": "pg", "app": "x", "cluster": "pg-2"]
        #expect(Self.pairs(map) == ["app=x", "cluster=pg-2", "severity=warning"])
        #expect(map == SortedMap(["app": "x", "cluster": "pg-2", "severity": "warning"]))
        let canonicallyEqual: SortedMap = ["é": "composed", "e\u{301}": "decomposed"]
        #expect(Self.pairs(canonicallyEqual) == ["é=decomposed"])
        #expect((SortedMap() as SortedMap).isEmpty)
    }
}
