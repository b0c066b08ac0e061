import Foundation
import Testing
@testable import PGHAKit

/// Values reach the manifests as strings under every YAML reader.
@Suite struct ManifestQuotingTests {
    @Test func oneLetterBooleansAndKeysAreQuotedInManifests() throws {
        let result = TestSupport.compile(TestSupport.spec("nodeSelector:\n  \"yes\": \"y\"\nbootstrap:\n  owner: n\n"))
        let cluster = try #require(result.artifacts.first { $0.path == "cluster-pg-test.yaml" })
        #expect(cluster.contents.contains("      'yes': 'y'\n"))
        #expect(cluster.contents.contains("      owner: 'n'\n"))
    }

    @Test func longAndNonASCIITextKeepsTheQuotingRules() throws {
        let longRule = "hostssl all all 10.0.0.0/8 ldap ldapserver=ldap.example.com ldapbasedn=" + String(repeating: "x", count: 120)
        let result = TestSupport.compile(TestSupport.spec("nodeSelector:\n  \"yes\": \"y\"\npostgres:\n  pgHBA:\n    - \(longRule)\n    - hostnossl all all all reject\n  parameters:\n    application_name: \"naïve\"\n"))
        let cluster = try #require(result.artifacts.first { $0.path == "cluster-pg-test.yaml" })
        #expect(cluster.contents.contains("      'yes': 'y'\n"))
        #expect(cluster.contents.contains("    - \"\(longRule)\"\n"))
        #expect(cluster.contents.contains("      application_name: \"naïve\"\n"))
    }
}
