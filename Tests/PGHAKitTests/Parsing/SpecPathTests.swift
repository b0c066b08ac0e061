import Testing
@testable import PGHAKit

/// `SpecPath` builds the paths diagnostics and the source map name in one buffer; they must be exactly what
/// interpolating the pieces gives.
@Suite struct SpecPathTests {
    static let paths = ["", "a", "postgres", "postgres.parameters", "zones[2]", "azure.nodePool.taints[10]", "é",
                        "a-path-longer-than-fifteen-bytes.and-more"]
    static let keys = ["", "a", "max_wal_size", "auto_explain.log_min_duration", "日本", "clé", "a key with spaces",
                       "exactly15bytes!", "sixteen-bytes-xx"]

    @Test func fieldPathsAreTheInterpolatedOnes() {
        for path in Self.paths {
            for key in Self.keys {
                let expected = path.isEmpty ? key : "\(path).\(key)"
                #expect(SpecPath.field(key, in: path) == expected)
                #expect(Array(SpecPath.field(key, in: path).utf8) == Array(expected.utf8))
            }
        }
    }

    @Test func elementPathsAreTheInterpolatedOnes() {
        for path in Self.paths {
            for index in [0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 12_345, 1 << 40, Int.max] {
                let expected = "\(path)[\(index)]"
                #expect(Array(SpecPath.element(index, in: path).utf8) == Array(expected.utf8))
            }
        }
    }
}
