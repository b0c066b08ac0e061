import Foundation
import Testing
@testable import PGHAKit

/// Scalars are read as the spec means them, not as YAML 1.1 guesses.
@Suite struct ScalarReadingTests {
    @Test(arguments: ["0x3", "+3", "1_000", "017"])
    func integersMustBeDecimal(_ text: String) {
        #expect(TestSupport.errors(adding: "instances: \(text)\n") == ["6:12 error[PGHA0011] instances: 'instances' must be a plain decimal integer, not '\(text)'"])
    }

    @Test func aTrailingDocumentMarkerIsNotASecondDocument() {
        #expect(TestSupport.diagnostics(TestSupport.spec() + "---\n").filter { $0.contains("error") } == [])
    }

    @Test func explicitStringTagsAreStrings() {
        #expect(TestSupport.errors(adding: "namespace: !!str true\n") == [])
        #expect(TestSupport.errors(adding: "instances: !!str 3\n").map { $0.prefix(20) } == ["6:12 error[PGHA0011]"])
        #expect(TestSupport.errors(adding: "azure:\n  kubernetesVersion: !!str 1.32\n").allSatisfy { !$0.contains("PGHA0011") })
    }
}
