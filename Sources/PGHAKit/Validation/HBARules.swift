/// Checks `postgres.pgHBA`: each line as PostgreSQL parses it, rules that accept connections without TLS, and
/// `trust` rules that exposed source ranges can reach.
enum HBARules {
    static func check(_ context: inout ValidationContext) {
        let spec = context.spec
        var rejectsPlainConnections = false
        for (index, text) in spec.postgres.pgHBA.enumerated() {
            let path = "postgres.pgHBA[\(index)]"
            if text.contains(where: \.isNewline) || text.allSatisfy({ $0 == " " || $0 == "\t" }) {
                context.error(.invalidHBALine, "pg_hba entries must be single, non-empty lines", at: path)
                continue
            }
            if text.containsBytes("${podselector:") {
                context.error(.invalidHBALine, "pg_hba pod selector references need podSelectorRefs, which pgha does not render",
                              at: path, hint: "write the addresses or CIDRs instead")
                continue
            }
            let line: HBALine
            do {
                line = try HBALine.parse(text, major: spec.postgres.majorVersion)
            } catch {
                context.error(error.code, "pg_hba line '\(text)': \(error.message)", at: path,
                              hint: error.hint ?? "PostgreSQL does not start with an invalid pg_hba")
                continue
            }
            let everyone = line.databases.contains { $0.isKeyword("all") } && line.users.contains { $0.isKeyword("all") }
                && line.address == .all
            if line.type == .hostnossl && line.method == "reject" && everyone {
                rejectsPlainConnections = true
            } else if (line.type == .host || line.type == .hostnossl) && line.method != "reject" {
                context.warning(.insecureHBA, "'\(line.type.rawValue)' also accepts connections without TLS", at: path,
                                hint: "use 'hostssl' so passwords never cross the network in clear text")
            }
            if line.method == "trust", let expose = spec.expose, !expose.allowTrust, let reach = exposedReach(line, expose) {
                context.error(.exposedTrust, "'trust' lets anyone \(reach) connect without a password", at: path,
                              hint: "use scram-sha-256 or cert, narrow the address, or set 'expose.allowTrust: true' if you really mean it")
            }
        }
        if !rejectsPlainConnections {
            context.warning(.insecureHBA,
                            "connections without TLS are accepted: CloudNativePG ends pg_hba with 'host all all all scram-sha-256'",
                            at: "postgres.pgHBA", hint: "add 'hostnossl all all all reject' (the default pgHBA has it)")
        }
    }

    /// The address space of the virtual network AKS creates (deploy.sh lets it). The public Services keep the
    /// default `externalTrafficPolicy: Cluster`, so a connection forwarded from another node arrives from that
    /// node's address: a rule for these addresses is reachable from the exposed ranges too.
    static let nodeNetwork = CIDR(bytes: [10, 224, 0, 0], prefixLength: 12)

    /// Who, among the exposed source ranges, a host line's address lets in (nil for nobody). Host names and
    /// samenet cannot be checked before the connection, so they count as reachable.
    private static func exposedReach(_ line: HBALine, _ expose: Spec.Expose) -> String? {
        let ranges = expose.allowedSourceRanges.compactMap { range in CIDR(range).map { (range, $0) } }
            + [("\(nodeNetwork.bytes.map(String.init).joined(separator: "."))/\(nodeNetwork.prefixLength) (the AKS nodes, which forward exposed connections)",
                nodeNetwork)]
        switch line.address {
        case nil, .samehost?: return nil
        case .all?: return "in the exposed source ranges"
        case .samenet?: return "on the instances' networks"
        case .hostname(let name)?: return "resolving to \(name)"
        case .block(let block)?:
            return ranges.first { $0.1.overlaps(block) }.map { "in \($0.0)" }
        }
    }
}
