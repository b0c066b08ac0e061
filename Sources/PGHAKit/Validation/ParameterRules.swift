/// Checks `postgres.parameters`: what CloudNativePG refuses, what PostgreSQL refuses, and sizes that cannot fit.
enum ParameterRules {
    static func check(_ context: inout ValidationContext) {
        let spec = context.spec
        let parameters = spec.postgres.parameters
        for name in parameters.keys.sorted() {
            let value = parameters[name] ?? ""
            if let control = value.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
                context.error(.controlCharacterInParameter,
                              "the value of '\(name)' contains \(control == "\n" ? "a newline" : "the control character U+\(String(control.value, radix: 16, uppercase: true))")",
                              at: path(name),
                              hint: "PostgreSQL reads one line per setting: write the value on one line (a YAML block scalar such as '|' adds a final newline)")
                continue
            }
            checkOperatorRules(&context, name: name, value: value)
        }
        checkReplicationSettings(&context, spec)
        checkSizes(&context, spec)
        checkAgainstCatalog(&context, spec)
    }

    /// Extensions whose settings the catalog knows; other dotted names are custom settings PostgreSQL accepts.
    private static let catalogedPrefixes: Set<String> = ["pg_stat_statements", "auto_explain", "pgaudit", "pg_failover_slots"]

    /// Checks names and values against the settings of the target PostgreSQL major version (16 to 18).
    private static func checkAgainstCatalog(_ context: inout ValidationContext, _ spec: Spec) {
        guard let major = spec.postgres.majorVersion, GUCCatalog.supportedMajors.contains(major) else { return }
        for (name, value) in spec.postgres.parameters.sorted(by: { $0.key < $1.key }) where !context.hasError(at: path(name)) {
            guard let setting = GUCCatalog.setting(named: name, forMajor: major) else {
                if let prefix = name.split(separator: ".").first, name.contains("."), !catalogedPrefixes.contains(String(prefix)) {
                    continue
                }
                let suggestion = context.spendSuggestion(on: name) ? GUCCatalog.names(forMajor: major).flatMap { Suggestion.closest(to: name, in: $0) } : nil
                context.error(.unknownParameter, "PostgreSQL \(major) has no parameter '\(name)'", at: path(name), onKey: true,
                              hint: suggestion.map { "did you mean '\($0)'?" } ?? "check the spelling against the PostgreSQL \(major) documentation")
                continue
            }
            if setting.context == .internal {
                context.error(.invalidParameterValue, "'\(name)' is fixed when PostgreSQL is built and cannot be set", at: path(name),
                              hint: "remove it")
                continue
            }
            if let problem = GUCValueChecker.check(value, for: setting) {
                let (message, hint) = describe(problem, value: value, setting: setting)
                context.error(.invalidParameterValue, message, at: path(name), hint: hint)
            } else if setting.context == .postmaster {
                context.report(.note, .restartingParameter, "changing '\(name)' restarts the PostgreSQL instances", at: path(name),
                               hint: "CloudNativePG restarts the standbys first, then switches over or restarts the primary")
            }
        }
    }

    private static func describe(_ problem: GUCValueProblem, value: String, setting: GUC) -> (String, String?) {
        let name = setting.name
        switch problem {
        case .notABoolean:
            return ("'\(value)' is not a boolean for \(name)", "write on or off")
        case .notAnInteger:
            return ("'\(value)' is not an integer for \(name)", setting.unit.map { "a whole number, optionally with a unit (default \($0))" })
        case .notANumber:
            return ("'\(value)' is not a number for \(name)", nil)
        case .invalidUnit(let allowed):
            return ("'\(value)' has a unit \(name) does not take", "valid units: " + allowed.joined(separator: ", ") + " (case-sensitive)")
        case .outOfRange(let minimum, let maximum):
            return ("'\(value)' is outside the range of \(name) (\(minimum) to \(maximum))", nil)
        case .notInEnum(let allowed):
            let suggestion = value.count <= 64 ? Suggestion.closest(to: value, in: allowed) : nil
            return ("'\(value)' is not a valid value for \(name)",
                    suggestion.map { "did you mean '\($0)'?" } ?? "one of: " + allowed.map { "'\($0)'" }.joined(separator: ", "))
        }
    }

    private static func path(_ name: String) -> String { "postgres.parameters.\(name)" }

    private static func checkOperatorRules(_ context: inout ValidationContext, name: String, value: String) {
        if OperatorParameters.isValidName(name) && name.utf8.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) {
            return context.error(.invalidParameterName, "'\(name)' is not lower-case", at: path(name), onKey: true,
                                 hint: "PostgreSQL ignores the case of parameter names but CloudNativePG checks them as written: write '\(name.lowercased())'")
        }
        if !OperatorParameters.isValidName(name) {
            return context.error(.invalidParameterName, "'\(name)' is not a valid parameter name", at: path(name), onKey: true,
                                 hint: "letters, digits, '_' and '$', with at most one '.' (extension.setting)")
        }
        if name == "shared_preload_libraries" {
            return context.error(.preloadInParameters, "shared_preload_libraries cannot be set as a parameter", at: path(name), onKey: true,
                                 hint: "list the libraries in 'postgres.sharedPreloadLibraries'; the operator merges its own")
        }
        if name == "archive_library" && !value.isEmpty {
            return context.error(.fixedParameter,
                                 "'archive_library' cannot be set: CloudNativePG archives WAL with archive_command, and PostgreSQL archives nothing while both are set",
                                 at: path(name), onKey: true, hint: fixedHint("archive_command"))
        }
        let isBlocked = OperatorParameters.blocked.contains(name)
        guard isBlocked || OperatorParameters.fixed.contains(name) else { return }
        if let tolerated = OperatorParameters.tolerated[name], tolerated == value { return }
        if isBlocked {
            context.error(.blockedParameter, "CloudNativePG does not allow '\(name)' to be set", at: path(name), onKey: true,
                          hint: "remove it; the operator controls it")
        } else {
            context.error(.fixedParameter, "'\(name)' is managed by the CloudNativePG operator", at: path(name), onKey: true,
                          hint: fixedHint(name))
        }
    }

    private static func fixedHint(_ name: String) -> String {
        switch name {
        case "synchronous_standby_names": return "set 'replication.syncReplicas' instead"
        case "archive_mode", "archive_command", "restore_command": return "WAL archiving follows the 'backup' section"
        case let recovery where recovery.hasPrefix("recovery_target"): return "point-in-time targets belong to the recovery bootstrap"
        case let tls where tls.hasPrefix("ssl"): return "the operator manages TLS certificates"
        default: return "remove it; the operator sets it"
        }
    }

    private static func checkReplicationSettings(_ context: inout ValidationContext, _ spec: Spec) {
        let parameters = spec.postgres.parameters
        if let level = parameters["wal_level"], !context.hasError(at: path("wal_level")) {
            if !["logical", "replica", "minimal"].contains(level) {
                context.error(.invalidWalLevel, "wal_level must be logical, replica or minimal, not '\(level)'", at: path("wal_level"))
            } else if level == "minimal" {
                context.error(.invalidWalLevel, "wal_level 'minimal' cannot feed standbys or WAL archiving, which CloudNativePG always enables",
                              at: path("wal_level"), hint: "use 'replica' or 'logical' (the default)")
            }
        }
        for name in ["hot_standby_feedback", "sync_replication_slots", "wal_log_hints"] {
            guard let value = parameters[name], !context.hasError(at: path(name)) else { continue }
            guard let flag = OperatorParameters.boolean(value) else {
                context.error(.invalidBoolean, "'\(value)' is not a PostgreSQL boolean", at: path(name), hint: "write on or off")
                continue
            }
            if name == "wal_log_hints" && !flag && spec.instances > 1 {
                context.error(.walLogHintsOff, "wal_log_hints cannot be off with standbys: pg_rewind needs it after a failover",
                              at: path(name), hint: "remove the parameter (the operator turns it on)")
            }
        }
        // A standby streams through one WAL sender, and one that joins copies the primary with pg_basebackup, which
        // takes two while it runs; with high-availability slots every instance keeps a slot for each other one.
        let needs = [("max_wal_senders", spec.instances > 1 ? spec.instances : 0, "one for each standby and two for a standby that joins"),
                     ("max_replication_slots", spec.replication.highAvailabilitySlots ? spec.instances - 1 : 0,
                      "one high-availability slot for each other instance")]
        for (name, minimum, why) in needs where minimum > 0 {
            guard let value = parameters[name], !context.hasError(at: path(name)), let number = Int(value), number < minimum else { continue }
            context.error(.replicationLimitTooLow, "\(name) \(number) is below the \(minimum) that the \(spec.instances) instances need: \(why)",
                          at: path(name), hint: "raise it to at least \(minimum), or remove it (CloudNativePG's default is enough)")
        }
        // The instances request no huge pages (pgha renders no hugepages-2Mi resources), so PostgreSQL cannot map its
        // shared memory with them and stops at start ("could not map anonymous shared memory").
        if let hugePages = parameters["huge_pages"], !context.hasError(at: path("huge_pages")), OperatorParameters.boolean(hugePages) == true {
            context.error(.invalidParameterValue, "huge_pages '\(hugePages)' needs huge pages, which the instances do not request: PostgreSQL would not start",
                          at: path("huge_pages"), hint: "use try (the default), which uses huge pages when there are any, or off")
        }
        // Passwords stored as MD5 hashes cannot answer scram-sha-256, the method of pgha's default rules and of the
        // rule CloudNativePG ends pg_hba with; only md5 and password rules accept them.
        if let encryption = parameters["password_encryption"], encryption.lowercased() == "md5", !context.hasError(at: path("password_encryption")),
           !spec.postgres.pgHBA.contains(where: { (try? HBALine.parse($0, major: spec.postgres.majorVersion)).map { ["md5", "password"].contains($0.method) } ?? false }) {
            context.error(.md5PasswordsUnusable,
                          "password_encryption md5 stores passwords that no pg_hba rule of this cluster accepts: scram-sha-256 rules cannot check an MD5 hash, so every password login fails",
                          at: path("password_encryption"), hint: "remove it (scram-sha-256 is the default), or add md5 rules to postgres.pgHBA for the clients that need them")
        }
        if let failoverSlots = parameters.keys.sorted().first(where: { $0.hasPrefix("pg_failover_slots.") }) {
            let feedback = parameters["hot_standby_feedback"].flatMap(OperatorParameters.boolean) ?? false
            if !feedback || !spec.replication.highAvailabilitySlots {
                context.error(.failoverSlotsPrerequisites,
                              "pg_failover_slots needs hot_standby_feedback on and high-availability replication slots",
                              at: path(failoverSlots),
                              hint: "set hot_standby_feedback: \"on\" and keep replication.highAvailabilitySlots true")
            }
        }
    }

    /// Below this a memory request is a slip (`512m` is half a byte), not a small instance.
    static let minimumMemory = 1_048_576.0

    private static func checkSizes(_ context: inout ValidationContext, _ spec: Spec) {
        let parameters = spec.postgres.parameters
        var sizes: [String: Double] = [:]
        var unitHint: String?
        for name in ["shared_buffers", "min_wal_size", "max_wal_size"] {
            guard let value = parameters[name], !context.hasError(at: path(name)) else { continue }
            guard let bytes = OperatorParameters.size(value) else {
                context.error(.invalidSize, "'\(value)' is not a size CloudNativePG can read for \(name)", at: path(name),
                              hint: "write a whole number with kB, MB, GB or TB (capital B), such as 256MB")
                continue
            }
            sizes[name] = bytes
            if name == "shared_buffers" && value.allSatisfy({ $0.isNumber || $0 == "." || $0 == " " }) {
                let bytes = SanityRules.memoryBytes(value, of: name, spec)
                unitHint = bytes.map { "write the unit: \(value) pages of 8kB are \(formatBytes($0, units: .postgres)); or \(value)MB if you meant megabytes" }
                    ?? "write the unit, such as 256MB"
            }
        }
        if let sharedBuffers = sizes["shared_buffers"], let memory = Quantity(spec.resources.memory), sharedBuffers > memory.value,
           !context.hasError(at: "resources.memory") {
            context.error(.sharedBuffersAboveMemory,
                          "shared_buffers \(parameters["shared_buffers"] ?? "")\(unitHint == nil ? "" : " (megabytes, as CloudNativePG reads a bare number)") is larger than the memory request \(spec.resources.memory)\(context.defaultMarker(unlessWritten: "resources.memory"))",
                          at: path("shared_buffers"), hint: unitHint ?? "CloudNativePG rejects this; about a quarter of the memory is usual")
        } else if parameters["shared_buffers"] == nil, let memory = Quantity(spec.resources.memory), memory.value < minimumMemory,
                  !context.hasError(at: "resources.memory") {
            let milli = spec.resources.memory.hasSuffix("m")
            context.error(.sharedBuffersAboveMemory,
                          "the memory request \(spec.resources.memory) is less than 1MiB: no PostgreSQL instance runs in it",
                          at: "resources.memory",
                          hint: milli ? "'m' means thousandths: \(spec.resources.memory) is less than a byte; write Mi, such as \(spec.resources.memory.dropLast())Mi"
                                      : "give the instances memory in Mi or Gi, such as 512Mi")
        } else if let unitHint {
            context.warning(.sizeWithoutUnit, "shared_buffers '\(parameters["shared_buffers"] ?? "")' has no unit: PostgreSQL reads 8kB pages, CloudNativePG reads megabytes",
                            at: path("shared_buffers"), hint: unitHint)
        }
        let minimum = sizes["min_wal_size"] ?? OperatorParameters.size(OperatorParameters.defaults["min_wal_size"] ?? "") ?? 0
        let maximum = sizes["max_wal_size"] ?? OperatorParameters.size(OperatorParameters.defaults["max_wal_size"] ?? "") ?? 0
        if (sizes["min_wal_size"] != nil || sizes["max_wal_size"] != nil) && minimum >= maximum {
            context.error(.walSizesInverted, "min_wal_size must be smaller than max_wal_size",
                          at: path(sizes["min_wal_size"] != nil ? "min_wal_size" : "max_wal_size"),
                          hint: "the defaults are 80MB and 1GB")
        }
        if let wal = spec.storage.wal, let volume = Quantity(wal.size) {
            for name in ["min_wal_size", "max_wal_size"] {
                if let bytes = sizes[name], bytes >= volume.value {
                    context.error(.walSizeAboveVolume, "\(name) \(parameters[name] ?? "") does not fit the \(wal.size) WAL volume",
                                  at: path(name), hint: "grow storage.wal.size or lower \(name)")
                }
            }
        }
    }
}
