import Foundation
import Testing
import Yams
@testable import PGHAKit

/// Every rendered custom resource validates against its upstream CRD schema in `../shared/crds`: CloudNativePG's
/// objects against the CRDs of the spec's operator version (1.31, unreleased, against 1.30's).
@Suite struct CRDConformanceTests {
    /// The CRD file for each rendered apiVersion and kind; `CNPG` stands for the operator version's folder.
    static let crdFiles = [
        "postgresql.cnpg.io/v1 Cluster": "CNPG/postgresql.cnpg.io_clusters.yaml",
        "postgresql.cnpg.io/v1 Backup": "CNPG/postgresql.cnpg.io_backups.yaml",
        "postgresql.cnpg.io/v1 ScheduledBackup": "CNPG/postgresql.cnpg.io_scheduledbackups.yaml",
        "barmancloud.cnpg.io/v1 ObjectStore": "barman-cloud/barmancloud.cnpg.io_objectstores.yaml",
        "postgresql.cnpg.io/v1 Pooler": "CNPG/postgresql.cnpg.io_poolers.yaml",
        "postgresql.cnpg.io/v1 Database": "CNPG/postgresql.cnpg.io_databases.yaml",
        "postgresql.cnpg.io/v1 DatabaseRole": "CNPG/postgresql.cnpg.io_databaseroles.yaml",
        "monitoring.coreos.com/v1 PodMonitor": "prometheus-operator/monitoring.coreos.com_podmonitors.yaml",
        "monitoring.coreos.com/v1 PrometheusRule": "prometheus-operator/monitoring.coreos.com_prometheusrules.yaml",
        "azmonitoring.coreos.com/v1 PodMonitor": "azmonitoring/azmonitoring.coreos.com_podmonitors.yaml",
    ]

    /// The CRD folder for an operator version: its own, or the nearest newer one (1.31: the newest there is).
    static func cnpgFolder(_ version: OperatorVersion) -> String {
        let available = ["1.25": "cnpg-1.25.0", "1.29": "cnpg-1.29.0", "1.30": "cnpg-1.30.0"]
        let newerOrEqual = available.keys.compactMap(OperatorVersion.init).filter { $0 >= version }.min()
        return available[(newerOrEqual ?? OperatorVersion(major: 1, minor: 30)).description] ?? "cnpg-1.30.0"
    }

    @Test(arguments: TestSupport.referenceSpecs)
    func renderedResourcesMatchUpstreamSchemas(specPath: String) throws {
        guard let crds = TestSupport.crdDirectory else {
            print("skipped: ../shared/crds is absent, so rendered objects are not checked against the upstream CRDs")
            return
        }
        let result = Compiler.compile(try TestSupport.read(specPath))
        let spec = try #require(result.spec)
        var checkedKinds = Set<String>()
        for artifact in result.artifacts where artifact.path.hasSuffix(".yaml") && !artifact.path.hasSuffix("kustomization.yaml") {
            let object = try #require(try Yams.load(yaml: artifact.contents) as? [String: Any])
            let key = "\(object["apiVersion"] as? String ?? "") \(object["kind"] as? String ?? "")"
            guard let file = Self.crdFiles[key]?.replacingOccurrences(of: "CNPG", with: Self.cnpgFolder(spec.operatorSettings.version)) else { continue }
            let version = String(key.split(separator: " ")[0].split(separator: "/").last ?? "")
            let validator = try #require(try CRDSchemaValidator(crd: crds.appendingPathComponent(file), version: version))
            #expect(validator.violations(of: object) == [], "\(specPath): \(artifact.path)")
            checkedKinds.insert(key)
        }
        #expect(checkedKinds.contains("postgresql.cnpg.io/v1 Cluster"))
        if spec.backup?.method == .plugin { #expect(checkedKinds.contains("barmancloud.cnpg.io/v1 ObjectStore")) }
    }

    /// The Cluster's version-dependent fields (synchronous replication, failover quorum, probes, managed roles before
    /// 1.30) validate against the
    /// CRD of each operator version pgha has a CRD for.
    @Test(arguments: [("1.25", "cnpg-1.25.0"), ("1.29", "cnpg-1.29.0"), ("1.30", "cnpg-1.30.0")])
    func theClusterMatchesTheCRDOfItsOperatorVersion(version: String, folder: String) throws {
        guard let crds = TestSupport.crdDirectory else { return }
        let lagBound = version == "1.25" ? "" : "  readinessMaximumLag: 64Mi\n"
        let result = TestSupport.compile(TestSupport.spec("operator:\n  version: \"\(version)\"\nreplication:\n  syncReplicas: 2\n\(lagBound)roles:\n  reporting: {}\n"))
        #expect(result.succeeded, "\(result.diagnostics.map(TestSupport.summary))")
        let artifact = try #require(result.artifacts.first { $0.path == "cluster-pg-test.yaml" })
        let object = try #require(try Yams.load(yaml: artifact.contents) as? [String: Any])
        let validator = try #require(try CRDSchemaValidator(
            crd: crds.appendingPathComponent("\(folder)/postgresql.cnpg.io_clusters.yaml"), version: "v1"))
        #expect(validator.violations(of: object) == [])
    }

    @Test func theValidatorCatchesSchemaViolations() throws {
        guard let crds = TestSupport.crdDirectory else { return }
        let validator = try #require(try CRDSchemaValidator(
            crd: crds.appendingPathComponent("cnpg-1.30.0/postgresql.cnpg.io_scheduledbackups.yaml"), version: "v1"))
        let object: [String: Any] = [
            "apiVersion": "postgresql.cnpg.io/v1", "kind": "ScheduledBackup", "metadata": ["name": "x"],
            "spec": ["schedule": "0 0 * * * *", "cluster": ["name": "x"], "method": "tape", "colour": "blue"],
        ]
        let violations = validator.violations(of: object)
        #expect(violations.contains { $0.hasPrefix(".spec.method:") })
        #expect(violations.contains(".spec.colour: unknown field"))
    }
}
