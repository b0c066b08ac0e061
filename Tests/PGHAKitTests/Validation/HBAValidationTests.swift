import Testing
@testable import PGHAKit

/// pg_hba lines are read as PostgreSQL reads them, so a line the server would refuse never reaches it.
@Suite struct HBAValidationTests {
    static func spec(_ lines: [String], extra: String = "") -> String {
        TestSupport.spec("postgres:\n  pgHBA:\n" + lines.map { "    - \"\($0)\"\n" }.joined() + "    - hostnossl all all all reject\n" + extra)
    }

    static func errors(_ lines: [String], extra: String = "") -> [String] {
        TestSupport.errors(spec(lines, extra: extra))
    }

    static func hint(_ line: String) -> String? {
        Compiler.check(Array(spec([line]).utf8)).diagnostics.first { $0.severity == .error }?.hint
    }

    @Test func theIssuesLinesAreRefusedWithSuggestions() {
        #expect(Self.errors(["hostsll all all all scram-sha-256", "hostssl all all all scram-sha256", "garbage line here"]) == [
            "8:7 error[PGHA0114] postgres.pgHBA[0]: pg_hba line 'hostsll all all all scram-sha-256': 'hostsll' is not a pg_hba connection type",
            "9:7 error[PGHA0117] postgres.pgHBA[1]: pg_hba line 'hostssl all all all scram-sha256': 'scram-sha256' is not an authentication method",
            "10:7 error[PGHA0114] postgres.pgHBA[2]: pg_hba line 'garbage line here': 'garbage' is not a pg_hba connection type",
        ])
        #expect(Self.hint("hostsll all all all scram-sha-256") == "did you mean 'hostssl'?")
        #expect(Self.hint("hostssl all all all scram-sha256") == "did you mean 'scram-sha-256'?")
    }

    @Test(arguments: [
        "local all all peer",
        "local sameuser all scram-sha-256",
        "hostssl all all all scram-sha-256",
        "hostssl app,\\\"My DB\\\" +admins,alice 10.0.0.0/8 cert clientcert=verify-full map=certmap",
        "hostssl all all 10.0.0.1 255.0.0.0 scram-sha-256",
        "hostssl all all 2001:db8::/32 scram-sha-256 # a comment",
        "hostssl replication streaming_replica samenet cert",
        "hostssl all all .example.com scram-sha-256",
        "hostgssenc all all all gss include_realm=0 krb_realm=EXAMPLE.COM",
        "hostnogssenc all all samehost md5",
        "hostssl all all all ldap ldapserver=ldap.example.com ldapprefix=cn= ldapsuffix=\\\",dc=example\\\"",
        "hostssl all /^app all scram-sha-256",
        "hostssl all all all oauth issuer=https://id.example.com scope=openid",
        "hostssl all all all ldap ldapserver=ldap.example.com ldapport=636 ldapbasedn=\\\"dc=example,dc=com\\\" ldapsearchattribute=uid",
        "hostssl all all all ldap ldapurl=\\\"ldap://ldap.example.com/dc=example,dc=com?uid?sub\\\"",
        "hostssl all all all scram-sha-256 clientcert=verify-ca",
        "hostssl all all all ldap ldapurl=ldaps://ldap.example.net ldapprefix=uid= ldapsuffix=\\\",ou=people,dc=example,dc=net\\\"",
    ])
    func linesPostgreSQLAcceptsPass(_ line: String) {
        #expect(Self.errors([line]) == [])
    }

    @Test(arguments: [
        ("hostssl all", "PGHA0111", "the line ends before the user"),
        ("hostssl all all", "PGHA0111", "the line ends before the address"),
        ("hostssl all all all", "PGHA0111", "the line ends before the authentication method"),
        ("host,hostssl all all all trust", "PGHA0114", "a rule has one connection type, not a list"),
        ("include_dir conf.d", "PGHA0114", "'include_dir' reads another file, which pgha does not ship to the instances"),
        ("hostssl @dbs all all scram-sha-256", "PGHA0115", "'@dbs' reads the database names from a file, which pgha does not ship to the instances"),
        ("hostssl +app all all scram-sha-256", "PGHA0115", "'+app': '+' marks a group of users, not a database"),
        ("hostssl \\\"all all all scram-sha-256", "PGHA0111", "a quoted name is not closed"),
        ("hostssl all all 10.0.0.0/33 scram-sha-256", "PGHA0116", "'33' is not a prefix length for 10.0.0.0"),
        ("hostssl all all 10.0.0.256/8 scram-sha-256", "PGHA0116", "'10.0.0.256' is not an IP address"),
        ("hostssl all all 10.0.0.0 255.0.255.0 scram-sha-256", "PGHA0116", "'255.0.255.0' is not a netmask"),
        ("hostssl all all 10.0.0.0", "PGHA0116", "the line ends before the netmask of 10.0.0.0"),
        ("hostssl all all bad_host! scram-sha-256", "PGHA0116", "'bad_host!' is not an IP address, CIDR block or host name"),
        ("local all all 10.0.0.0/8 trust", "PGHA0116", "local lines take no address ('10.0.0.0/8')"),
        ("hostssl all all all peer", "PGHA0117", "peer authentication is only supported on local sockets"),
        ("hostnossl all all all cert", "PGHA0117", "cert authentication is only supported on hostssl connections"),
        ("local all all gss", "PGHA0117", "gss authentication is not supported on local sockets"),
        ("hostgssenc all all all md5", "PGHA0117", "GSSAPI encryption only supports gss, trust, or reject authentication"),
        ("hostssl all all all sspi", "PGHA0117", "'sspi' is not built into PostgreSQL on Linux, where CloudNativePG runs"),
        ("hostssl all all all scram-sha-256 clientcert", "PGHA0118", "'clientcert' is not an option in name=value form"),
        ("hostssl all all all scram-sha-256 clientcrt=verify-full", "PGHA0118", "'clientcrt' is not a pg_hba option"),
        ("hostssl all all all scram-sha-256 ldapserver=x", "PGHA0118", "'ldapserver' is only valid for the methods ldap"),
        ("hostnossl all all all scram-sha-256 clientcert=verify-ca", "PGHA0118", "'clientcert' can only be set on hostssl lines"),
        ("hostssl all all all radius radiusservers=r", "PGHA0118", "radius needs radiusservers and radiussecrets"),
        ("hostssl all all all scram-sha-256 clientcert=1", "PGHA0118", "clientcert takes verify-ca or verify-full, not '1'"),
        ("hostssl all all all cert clientcert=verify-ca", "PGHA0118", "the cert method only takes clientcert=verify-full, not 'verify-ca'"),
        ("hostssl all all all ldap ldapserver=x ldapport=abc ldapbasedn=dc=x", "PGHA0118", "ldapport 'abc' is not a port number"),
        ("hostssl all all all ldap ldapserver=ldap.example.com", "PGHA0118", "ldap needs ldapbasedn, ldapprefix or ldapsuffix"),
        ("hostssl all all all ldap ldapserver=x ldapprefix=cn= ldapbasedn=dc=x", "PGHA0118",
         "ldapbasedn cannot be used together with ldapprefix: ldap binds directly (prefix, suffix) or searches (basedn), not both"),
    ])
    func linesPostgreSQLRefusesGetTheirOwnCode(_ line: String, _ code: String, _ problem: String) {
        let text = line.replacingOccurrences(of: "\\\"", with: "\"")
        #expect(Self.errors([line]) == ["8:7 error[\(code)] postgres.pgHBA[0]: pg_hba line '\(text)': \(problem)"])
    }

    /// PostgreSQL 14 dropped clientcert=1, 0 and no-verify; 13 still reads them.
    @Test func clientcertsOldValuesAreForPostgreSQL13() {
        let line = "hostssl all all all scram-sha-256 clientcert=no-verify"
        #expect(TestSupport.errors(Self.spec([line], extra: "  version: 13\n")) == [])
        #expect(TestSupport.errors(Self.spec([line], extra: "  version: 14\n")).count == 1)
        // 13's cert reads 1 and verify-ca as verify-full; it refuses only 0 and no-verify.
        #expect(TestSupport.errors(Self.spec(["hostssl all all all cert clientcert=verify-ca"], extra: "  version: 13\n")) == [])
        #expect(TestSupport.errors(Self.spec(["hostssl all all all cert clientcert=no-verify"], extra: "  version: 13\n")).count == 1)
    }

    @Test func oauthIsAMethodOfPostgreSQL18Only() {
        let line = "hostssl all all all oauth issuer=https://id.example.com scope=openid"
        #expect(TestSupport.errors(Self.spec([line], extra: "  version: 17\n")) == [
            "8:7 error[PGHA0117] postgres.pgHBA[0]: pg_hba line '\(line)': PostgreSQL 17 has no authentication method 'oauth'",
        ])
    }

    static let exposed = "expose:\n  allowedSourceRanges: [203.0.113.0/24]\n  dnsLabel: pg-test-demo\n"

    @Test func trustThatAnExposedRangeCanReachIsRefused() {
        #expect(Self.errors(["hostssl all all all trust", "hostssl all all 203.0.113.7/32 trust", "hostssl all all db.example.com trust"],
                            extra: Self.exposed) == [
            "8:7 error[PGHA0119] postgres.pgHBA[0]: 'trust' lets anyone in the exposed source ranges connect without a password",
            "9:7 error[PGHA0119] postgres.pgHBA[1]: 'trust' lets anyone in 203.0.113.0/24 connect without a password",
            "10:7 error[PGHA0119] postgres.pgHBA[2]: 'trust' lets anyone resolving to db.example.com connect without a password",
        ])
    }

    @Test func trustForTheNodesNetworkIsReachableThroughTheLoadBalancer() {
        #expect(Self.errors(["hostssl all all 10.0.0.0/8 trust"], extra: Self.exposed) == [
            "8:7 error[PGHA0119] postgres.pgHBA[0]: 'trust' lets anyone in 10.224.0.0/12 (the AKS nodes, which forward exposed connections) connect without a password",
        ])
    }

    @Test func trustOutsideTheExposedRangesOrAllowedPasses() {
        #expect(Self.errors(["hostssl all all 192.168.0.0/16 trust", "local all all trust"], extra: Self.exposed) == [])
        #expect(Self.errors(["hostssl all all all trust"]) == [])
        #expect(Self.errors(["hostssl all all all trust"], extra: Self.exposed + "  allowTrust: true\n") == [])
    }

    @Test func quotedKeywordsAreNames() throws {
        let line = try HBALine.parse("hostssl \"all\",app all all scram-sha-256 # note", major: 18)
        #expect(line.databases == [HBALine.Token(text: "all", quoted: true), HBALine.Token(text: "app", quoted: false)])
        #expect(line.address == .all)
        #expect(line.method == "scram-sha-256")
    }

    @Test func aMaskFieldBecomesABlock() throws {
        let line = try HBALine.parse("host all all 192.168.1.7 255.255.255.0 md5", major: 16)
        #expect(line.address == .block(CIDR(bytes: [192, 168, 1, 0], prefixLength: 24)))
    }
}
