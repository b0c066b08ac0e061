import Foundation
import Testing
@testable import PGHAKit

/// PostgreSQL parameters are read and refused as CloudNativePG and PostgreSQL read them.
@Suite struct ParameterRuleTests {
    @Test func parameterNamesMustBeLowerCase() {
        #expect(TestSupport.errors(adding: "postgres:\n  parameters:\n    Shared_Buffers: 1GB\n")
            == ["8:5 error[PGHA0201] postgres.parameters.Shared_Buffers: 'Shared_Buffers' is not lower-case"])
    }

    @Test func walLevelMinimalIsAlwaysRefused() {
        #expect(TestSupport.errors(adding: "instances: 1\npostgres:\n  parameters:\n    wal_level: minimal\n").map { $0.prefix(20) } == ["9:16 error[PGHA0205]"])
    }

    @Test func sizesAreReadAsCloudNativePGReadsThem() {
        #expect(TestSupport.errors(adding: "postgres:\n  parameters:\n    shared_buffers: 1.5GB\n    max_wal_size: 2 GB\n") == [])
    }

    /// `isValidName` scans bytes; it is held to CloudNativePG's pattern on every string of up to five characters
    /// from an alphabet of each character class (seeded, so every run checks the same strings).
    @Test func parameterNamesAreCheckedAsCloudNativePGsPatternReadsThem() {
        let pattern = /[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?/
        let alphabet: [Character] = ["a", "Z", "_", "0", "9", "$", ".", "-", " ", "é", "\r\n"]
        var generator = TestSupport.SeededGenerator(state: 15)
        for _ in 0..<20_000 {
            let name = String((0..<Int.random(in: 0...5, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(OperatorParameters.isValidName(name) == (name.wholeMatch(of: pattern) != nil), "\(name.debugDescription)")
        }
    }
}
