import Foundation
import Testing
import Yams
@testable import PGHAKit

/// Settings that are valid one by one but can never do what they say.
@Suite struct ScheduleAndServiceTests {
    @Test(arguments: ["0 0 0 31 2 *", "0 0 0 30,31 2 ?", "0 0 0 31 4,6,9,11 *", "0 0 0 30-31 feb *", "0 0 0 31 2 1,*/2"])
    func aScheduleWhoseDayNeverComesIsRefused(_ schedule: String) {
        let yaml = TestSupport.spec("backup:\n  storageAccount: pgtestbackups\n  schedule: \"\(schedule)\"\n")
        #expect(TestSupport.errors(yaml) == ["8:13 error[PGHA0305] backup.schedule: '\(schedule)' never runs: no month has the day it names"])
    }

    @Test(arguments: ["0 0 0 29 2 *", "0 0 0 31 2 1", "0 0 0 31 */2 *", "0 0 0 31 * *", "0 0 0 1/10 2 *"])
    func aScheduleWithADayThatComesPasses(_ schedule: String) {
        #expect(CronSchedule.read(schedule) == .sixFields)
    }

    @Test func aPublicReadOnlyServiceWithoutStandbysIsWarnedAbout() {
        let yaml = TestSupport.spec("instances: 1\nreplication: {syncReplicas: 0}\nexpose:\n  allowedSourceRanges: [203.0.113.0/24]\n  dnsLabel: pg-test-demo\n")
        #expect(TestSupport.diagnostics(yaml, codes: .readOnlyServiceWithoutStandbys) == [
            "6:12 warning[PGHA0505] instances: with 1 instance there is no standby: the public read-only Service pg-test-public-ro never has an endpoint",
        ])
    }

    @Test func anUnquotedOperatorVersionIsRefusedLikeAnUnquotedKubernetesVersion() {
        #expect(TestSupport.errors(adding: "operator:\n  version: 1.30\n") == [
            "7:12 error[PGHA0011] operator.version: 'operator.version' must be one of '1.25', '1.26', '1.27', '1.28', '1.29', '1.30', '1.31', not the number '1.30'",
        ])
    }

    /// The JSON Schema and the parser give the same answer for unquoted and quoted versions.
    @Test(arguments: [("operator:\n  version: 1.30\n", false), ("operator:\n  version: \"1.30\"\n", true),
                      ("  kubernetesVersion: 1.32\n", false), ("  kubernetesVersion: \"1.32\"\n", true)])
    func theSchemaAndTheParserAgreeOnVersions(_ extra: String, _ valid: Bool) throws {
        let yaml = extra.hasPrefix(" ") ? TestSupport.spec() + extra : TestSupport.spec(extra)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(TestSupport.read("Schemas/pgha.schema.json"))) as? [String: Any])
        let document = try #require(try Yams.load(yaml: yaml))
        #expect(CRDSchemaValidator(schema: schema).violations(of: document).isEmpty == valid)
        #expect(SpecParser.parse(Array(yaml.utf8)).diagnostics.isEmpty == valid)
    }

    @Test func oneSynchronousReplicaIsSingular() {
        #expect(TestSupport.errors(adding: "instances: 1\nreplication:\n  syncReplicas: 1\n") == [
            "8:17 error[PGHA0103] replication.syncReplicas: 1 synchronous replica needs at least 2 instances, not 1",
        ])
    }
}
