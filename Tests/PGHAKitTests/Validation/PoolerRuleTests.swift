import Testing
@testable import PGHAKit

/// The PgBouncer poolers' settings and exposure.
@Suite struct PoolerRuleTests {
    static let exposedDatabase = "expose:\n  allowedSourceRanges: [203.0.113.0/24, \"2001:db8::/48\"]\n  dnsLabel: pg-test-demo\n"

    /// The production example's six PgBouncer pods run on its untainted system pool: their CPU requests must leave at
    /// least half of the smallest system pool for the operator, cert-manager, kube-prometheus-stack and AKS's add-ons
    /// (6 x 1 CPU on 3 standard_d2s_v3 could not schedule). The vCPUs come from the size's name (standard_d<vCPUs>...).
    @Test func theProductionExamplesPoolersLeaveHalfTheSystemPool() throws {
        let spec = try #require(Compiler.check(try TestSupport.read("Examples/production.yaml")).spec)
        let pooler = try #require(spec.pooler)
        let system = spec.azure.systemPool
        let vCPUs = try #require(Int(system.vmSize.lowercased().dropFirst("standard_d".count).prefix { $0.isNumber }))
        let requested = Double(pooler.instances * (pooler.readOnly ? 2 : 1)) * (try #require(Quantity(pooler.cpu)).value)
        #expect(system.vmSize == "standard_d4s_v5" && vCPUs == 4)
        #expect(requested <= Double(system.minCount * vCPUs) / 2, "\(requested) CPUs of poolers on \(system.minCount) x \(system.vmSize)")
    }

    @Test func onlyTheSettingsCloudNativePGAcceptsPass() {
        #expect(TestSupport.errors(adding: "pooler:\n  parameters:\n    max_client_conn: \"1000\"\n    listen_addr: \"*\"\n")
            == ["9:18 error[PGHA0801] pooler.parameters.listen_addr: CloudNativePG does not accept the PgBouncer setting 'listen_addr'"])
    }

    @Test func sessionModeWarns() {
        #expect(TestSupport.diagnostics(TestSupport.spec("pooler:\n  poolMode: session\n"))
            == ["7:13 warning[PGHA0802] pooler.poolMode: in session mode every client holds a PostgreSQL connection for its whole session"])
    }

    @Test func thePoolerIsExposedNoWiderThanTheDatabase() {
        let yaml = Self.exposedDatabase + "pooler:\n  expose:\n    allowedSourceRanges: [203.0.113.128/25, 198.51.100.0/24, \"2001:db8:0:1::/64\", 0.0.0.0/0]\n"
        #expect(TestSupport.errors(adding: yaml) == [
            "11:45 error[PGHA0803] pooler.expose.allowedSourceRanges[1]: '198.51.100.0/24' is not within the database's own source ranges (203.0.113.0/24, 2001:db8::/48)",
            "11:83 error[PGHA0803] pooler.expose.allowedSourceRanges[3]: '0.0.0.0/0' is not within the database's own source ranges (203.0.113.0/24, 2001:db8::/48)",
        ])
    }

    @Test func anInternalDatabasesPoolerFollowsTheServiceRules() {
        #expect(TestSupport.errors(adding: "pooler:\n  expose:\n    allowedSourceRanges: [0.0.0.0/0, 10.0.0.1]\n    dnsLabel: 1pool\n") == [
            "8:27 error[PGHA0413] pooler.expose.allowedSourceRanges[0]: '0.0.0.0/0' opens the pooler to the whole internet",
            "8:38 error[PGHA0412] pooler.expose.allowedSourceRanges[1]: '10.0.0.1' is not a CIDR block",
            "9:15 error[PGHA0409] pooler.expose.dnsLabel: '1pool' is not a valid DNS label",
        ])
    }

    @Test func cidrContainment() throws {
        let wide = try #require(CIDR("203.0.113.0/24"))
        #expect(wide.contains(try #require(CIDR("203.0.113.7/32"))))
        #expect(!wide.contains(try #require(CIDR("203.0.112.0/23"))))
        #expect(!wide.contains(try #require(CIDR("203.0.114.0/24"))))
        #expect(try #require(CIDR("0.0.0.0/0")).contains(wide))
        #expect(!wide.contains(try #require(CIDR("::/0"))))
    }

    /// Each pooler LoadBalancer has a public IP of its own; a DNS label names one IP in a region.
    @Test func thePoolersDNSLabelsAreNotTheDatabases() {
        let pooler = { (label: String, readOnly: Bool) in
            "pooler:\n  readOnly: \(readOnly)\n  expose:\n    allowedSourceRanges: [203.0.113.0/24]\n    dnsLabel: \(label)\n"
        }
        #expect(TestSupport.errors(adding: Self.exposedDatabase + pooler("pg-test-demo", false)) == [
            "13:15 error[PGHA0442] pooler.expose.dnsLabel: the pooler's public IP would take the DNS label 'pg-test-demo', which expose.dnsLabel gives the database's public IP: a label names one IP in the region, so one of the two would get no address",
        ])
        let readOnly = Self.exposedDatabase.replacingOccurrences(of: "pg-test-demo", with: "pg-test-pool-ro")
        #expect(TestSupport.errors(adding: readOnly + pooler("pg-test-pool", true)).map { $0.prefix(111) } == [
            "13:15 error[PGHA0442] pooler.expose.dnsLabel: the pooler's public IP would take the DNS label 'pg-test-pool-ro'",
        ])
        #expect(TestSupport.errors(adding: readOnly + pooler("pg-test-pool", false)) == [])
    }

    /// PgBouncer stops at start on a value it cannot read; the pooler pods then restart in a loop.
    @Test func pgBouncerSettingsHaveValuesPgBouncerReads() {
        #expect(TestSupport.errors(adding: "pooler:\n  parameters:\n    max_client_conn: lots\n    server_tls_sslmode: bogus\n    default_pool_size: \"25\"\n    client_tls_sslmode: Verify-Full\n") == [
            "8:22 error[PGHA0804] pooler.parameters.max_client_conn: PgBouncer reads max_client_conn as a whole number, not 'lots'",
            "9:25 error[PGHA0804] pooler.parameters.server_tls_sslmode: server_tls_sslmode takes disable, allow, prefer, require, verify-ca, verify-full, not 'bogus'",
        ])
    }
}
