/// The PgBouncer poolers: CloudNativePG's Pooler admission rules and the exposure rules of the database Services.
enum PoolerRules {
    /// The PgBouncer settings CloudNativePG's Pooler webhook accepts (`AllowedPgbouncerGenericConfigurationParameters`,
    /// internal/webhook/v1/pooler_webhook.go at v1.30.0); it manages the others itself.
    static let allowedParameters: Set<String> = [
        "application_name_add_host", "auth_type", "autodb_idle_timeout", "cancel_wait_timeout", "client_idle_timeout",
        "client_login_timeout", "client_tls_ciphers", "client_tls_sslmode", "client_tls13_ciphers", "default_pool_size",
        "disable_pqexec", "dns_max_ttl", "dns_nxdomain_ttl", "idle_transaction_timeout", "ignore_startup_parameters",
        "listen_backlog", "log_connections", "log_disconnections", "log_pooler_errors", "log_stats", "max_client_conn",
        "max_db_connections", "max_packet_size", "max_prepared_statements", "max_user_connections", "min_pool_size",
        "pkt_buf", "query_timeout", "query_wait_timeout", "reserve_pool_size", "reserve_pool_timeout", "sbuf_loopcnt",
        "server_check_delay", "server_check_query", "server_connect_timeout", "server_fast_close", "server_idle_timeout",
        "server_lifetime", "server_login_retry", "server_reset_query", "server_reset_query_always", "server_round_robin",
        "server_tls_ciphers", "server_tls13_ciphers", "server_tls_protocols", "server_tls_sslmode", "stats_period",
        "suspend_timeout", "tcp_defer_accept", "tcp_socket_buffer", "tcp_keepalive", "tcp_keepcnt", "tcp_keepidle",
        "tcp_keepintvl", "tcp_user_timeout", "track_extra_parameters", "verbose",
    ]

    /// The accepted settings PgBouncer reads as whole numbers (its `CF_INT` and `CF_UINT` settings): anything else
    /// stops it at start ("invalid value … for parameter"), and the pooler pods restart in a loop.
    static let integerParameters: Set<String> = [
        "default_pool_size", "listen_backlog", "max_client_conn", "max_db_connections", "max_packet_size",
        "max_prepared_statements", "max_user_connections", "min_pool_size", "pkt_buf", "reserve_pool_size", "sbuf_loopcnt",
        "tcp_keepcnt", "tcp_keepidle", "tcp_keepintvl", "tcp_socket_buffer", "verbose",
    ]

    /// The TLS modes PgBouncer knows for `client_tls_sslmode` and `server_tls_sslmode`.
    static let tlsModes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]

    static func check(_ context: inout ValidationContext) {
        let spec = context.spec
        guard let pooler = spec.pooler else { return }
        for key in pooler.parameters.keys.sorted() where !allowedParameters.contains(key) {
            context.error(.unknownPgBouncerParameter, "CloudNativePG does not accept the PgBouncer setting '\(key)'",
                          at: "pooler.parameters.\(key)",
                          hint: "the operator sets listen, auth and TLS settings itself; Docs/spec.md links the accepted list")
        }
        for (key, value) in pooler.parameters.sorted(by: { $0.key < $1.key }) {
            if integerParameters.contains(key) && (value.isEmpty || !value.utf8.allSatisfy(NameRules.isDigit)) {
                context.error(.invalidPgBouncerValue, "PgBouncer reads \(key) as a whole number, not '\(value)'", at: "pooler.parameters.\(key)",
                              hint: "write digits only, such as 100")
            } else if key.hasSuffix("_tls_sslmode") && !tlsModes.contains(value.lowercased()) {
                context.error(.invalidPgBouncerValue, "\(key) takes \(tlsModes.joined(separator: ", ")), not '\(value)'",
                              at: "pooler.parameters.\(key)", hint: "one of PgBouncer's TLS modes, as in libpq's sslmode")
            }
        }
        if pooler.poolMode == "session" {
            context.warning(.sessionPoolMode, "in session mode every client holds a PostgreSQL connection for its whole session",
                            at: "pooler.poolMode",
                            hint: "use 'transaction' unless the application keeps session state (SET, advisory locks, LISTEN, temporary tables)")
        }
        for (path, value) in [("pooler.resources.cpu", pooler.cpu), ("pooler.resources.memory", pooler.memory)]
        where Quantity(value) == nil || Quantity(value)?.value == 0 {
            context.error(.invalidQuantity, "'\(value)' is not a positive Kubernetes quantity", at: path,
                          hint: path.hasSuffix("cpu") ? "write cores as 1 or 500m" : "write sizes with binary units, such as 256Mi")
        }
        if let expose = pooler.expose { checkExposure(&context, spec, expose) }
    }

    /// The same CIDR rules as the database Services, and no wider than them when the database is exposed.
    private static func checkExposure(_ context: inout ValidationContext, _ spec: Spec, _ expose: Spec.Pooler.Exposure) {
        if expose.allowedSourceRanges.isEmpty {
            context.error(.invalidCIDR, "'pooler.expose.allowedSourceRanges' must list at least one CIDR",
                          at: "pooler.expose.allowedSourceRanges", hint: "such as 203.0.113.7/32")
        }
        let databaseRanges = spec.expose?.allowedSourceRanges.compactMap { CIDR($0) } ?? []
        for (index, range) in expose.allowedSourceRanges.enumerated() {
            let path = "pooler.expose.allowedSourceRanges[\(index)]"
            guard let cidr = CIDR(range) else {
                context.error(.invalidCIDR, "'\(range)' is not a CIDR block", at: path, hint: "write an address with its prefix length, such as 203.0.113.7/32")
                continue
            }
            if let database = spec.expose {
                if !databaseRanges.contains(where: { $0.contains(cidr) }) {
                    context.error(.poolerExposureWider, "'\(range)' is not within the database's own source ranges (\(database.allowedSourceRanges.joined(separator: ", ")))",
                                  at: path, hint: "narrow it to a range expose.allowedSourceRanges covers, or widen those on purpose")
                }
            } else if cidr.isEverything {
                context.error(.wholeInternet, "'\(range)' opens the pooler to the whole internet", at: path,
                              hint: "narrow the range")
            }
        }
        if let label = expose.dnsLabel, !AzureRules.isDNSLabel(label) || (spec.pooler?.readOnly == true && !AzureRules.isDNSLabel(label + "-ro")) {
            context.error(.invalidDNSLabel, "'\(label)' is not a valid DNS label", at: "pooler.expose.dnsLabel",
                          hint: "3 to 63 lowercase letters, digits and '-', starting with a letter (60 with a read-only pooler, which adds '-ro')")
        } else if let label = expose.dnsLabel, let databaseLabel = spec.expose?.dnsLabel {
            // Each pooler LoadBalancer gets a public IP of its own, and a DNS label names one IP in the region.
            let poolerLabels = [label] + (spec.pooler?.readOnly == true ? [PoolerTranslation.dnsLabel(label, type: "ro")] : [])
            if let taken = poolerLabels.first(where: { $0 == databaseLabel }) {
                context.error(.repeatedDNSLabel,
                              "the pooler's public IP would take the DNS label '\(taken)', which expose.dnsLabel gives the database's public IP: a label names one IP in the region, so one of the two would get no address",
                              at: "pooler.expose.dnsLabel", hint: "give the pooler a label of its own, such as \(databaseLabel)-pooler")
            }
        }
    }
}
