import Foundation
import Testing
@testable import PGHAKit

/// The Kubernetes version of the AKS cluster: one the target operator supports, by default the newest.
@Suite struct KubernetesVersionTests {
    /// The repro: Kubernetes 1.32 was the default although CloudNativePG 1.30 supports only 1.34 to 1.36.
    @Test func aKubernetesVersionTheOperatorDoesNotSupportIsAWarningNamingTheSupportedOnes() {
        let yaml = DiagnosticTests.header + "name: pg-a\nazure:\n  location: westus3\n  kubernetesVersion: \"1.32\"\n"
        #expect(TestSupport.diagnostics(yaml) == [
            "6:22 warning[PGHA0603] azure.kubernetesVersion: CloudNativePG 1.30 does not support Kubernetes 1.32; it supports 1.34, 1.35, 1.36",
        ])
        let patch = DiagnosticTests.header + "name: pg-a\nazure:\n  location: westus3\n  kubernetesVersion: \"1.36.2\"\n"
        #expect(TestSupport.diagnostics(patch) == [])
    }

    @Test(arguments: [("1.30", "1.36"), ("1.29", "1.35"), ("1.25", "1.32")])
    func theDefaultKubernetesVersionIsTheNewestTheOperatorSupports(operatorVersion: String, kubernetes: String) throws {
        let yaml = DiagnosticTests.header + "name: pg-a\noperator:\n  version: \"\(operatorVersion)\"\nazure:\n  location: westus3\n"
        let result = Compiler.compile(Array(yaml.utf8))
        #expect(try #require(result.spec).azure.kubernetesVersion == kubernetes)
        #expect(!result.diagnostics.contains { $0.code == .unsupportedKubernetesVersion })
    }
}
