/// What CloudNativePG (v1.30) does with PostgreSQL parameters it manages: `pkg/postgres/configuration.go`.
enum OperatorParameters {
    /// Parameters the operator always rejects.
    static let blocked: Set<String> = [
        "allow_system_table_mods", "archive_cleanup_command", "bonjour", "bonjour_name", "config_file", "data_directory",
        "data_sync_retry", "event_source", "external_pid_file", "hba_file", "hot_standby", "ident_file", "jit_provider",
        "listen_addresses", "log_destination", "log_directory", "log_file_mode", "log_filename", "log_rotation_age",
        "log_rotation_size", "log_truncate_on_rotation", "logging_collector", "promote_trigger_file", "recovery_end_command",
        "recovery_min_apply_delay", "restart_after_crash", "stats_temp_directory", "syslog_facility", "syslog_ident",
        "syslog_sequence_numbers", "syslog_split_messages", "unix_socket_directories", "unix_socket_group",
        "unix_socket_permissions",
    ]

    /// Parameters the operator sets itself.
    static let fixed: Set<String> = [
        "archive_command", "archive_mode", "cluster_name", "pg_failover_slots.primary_dsn",
        "pg_failover_slots.standby_slot_names", "port", "primary_conninfo", "primary_slot_name", "recovery_target",
        "recovery_target_action", "recovery_target_inclusive", "recovery_target_lsn", "recovery_target_name",
        "recovery_target_time", "recovery_target_timeline", "recovery_target_xid", "restore_command",
        "shared_preload_libraries", "ssl", "ssl_ca_file", "ssl_cert_file", "ssl_crl_file", "ssl_dh_params_file",
        "ssl_ecdh_curve", "ssl_key_file", "ssl_passphrase_command", "ssl_passphrase_command_supports_reload",
        "ssl_prefer_server_ciphers", "synchronized_standby_slots", "synchronous_standby_names", "temp_tablespaces",
    ]

    /// The only values the operator lets through for some fixed or blocked parameters (its own).
    static let tolerated: [String: String] = [
        "logging_collector": "on", "log_destination": "csvlog", "log_directory": "/controller/log",
        "log_filename": "postgres", "log_rotation_age": "0", "log_rotation_size": "0",
        "log_truncate_on_rotation": "false", "shared_preload_libraries": "", "archive_mode": "on",
    ]

    /// Operator defaults that matter for cross-field checks.
    static let defaults: [String: String] = [
        "min_wal_size": "80MB", "max_wal_size": "1GB", "wal_keep_size": "512MB",
    ]

    /// Whether `name` matches CloudNativePG's GUC name pattern `^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$`.
    static func isValidName(_ name: String) -> Bool {
        var dots = 0
        var atPartStart = true
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                atPartStart = false
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "$"):
                guard !atPartStart else { return false }
            case UInt8(ascii: "."):
                dots += 1
                guard !atPartStart, dots == 1 else { return false }
                atPartStart = true
            default:
                return false
            }
        }
        return !atPartStart
    }

    /// A PostgreSQL boolean as CloudNativePG reads it (`parse_bool` without trimming), or nil.
    static func boolean(_ text: String) -> Bool? {
        let value = text.lowercased()
        guard !value.isEmpty else { return nil }
        for (word, meaning) in [("true", true), ("false", false), ("yes", true), ("no", false)] where word.hasPrefix(value) {
            return meaning
        }
        switch value {
        case "on": return true
        case "off", "of": return false
        case "1": return true
        case "0": return false
        default: return nil
        }
    }

    /// A size as CloudNativePG reads shared_buffers and the WAL sizes (`parsePostgresQuantityValue`): digits alone,
    /// in megabytes, or a number and kB, MB, GB or TB, spaces removed. Returns bytes, or nil.
    static func size(_ text: String) -> Double? {
        let value = String(text.filter { $0 != " " })
        let number = value.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard !number.isEmpty, let amount = Double(number) else { return nil }
        switch value.dropFirst(number.count) {
        case "":
            // Without a unit the operator takes only a whole number as written (Go's strconv.Atoi, before it removes
            // spaces), so "2048.5" and "2 048" are refused although PostgreSQL would read them.
            guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
            return amount * 1_048_576
        case "kB": return amount * 1024
        case "MB": return amount * 1_048_576
        case "GB": return amount * 1_073_741_824
        case "TB": return amount * 1_099_511_627_776
        default: return nil
        }
    }
}
