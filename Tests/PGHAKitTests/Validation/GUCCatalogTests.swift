import Testing
@testable import PGHAKit

/// The generated PostgreSQL GUC catalog and the value checker that parses values the way the server does.
@Suite struct GUCCatalogTests {
    static let memoryUnits = ["B", "kB", "MB", "GB", "TB"]
    static let timeUnits = ["us", "ms", "s", "min", "h", "d"]

    static func setting(_ name: String, major: Int = 16) throws -> GUC {
        try #require(GUCCatalog.setting(named: name, forMajor: major), "\(name) is missing from PostgreSQL \(major)")
    }

    @Test func supportsPostgres16To18Only() {
        #expect(GUCCatalog.supportedMajors == [16, 17, 18])
        #expect(GUCCatalog.names(forMajor: 15) == nil)
        #expect(GUCCatalog.names(forMajor: 19) == nil)
    }

    @Test func eachVersionHasAFullCatalogThatGrows() throws {
        let counts = try GUCCatalog.supportedMajors.map { try #require(GUCCatalog.names(forMajor: $0)).count }
        #expect(counts.allSatisfy { $0 >= 390 }, "\(counts)")
        #expect(counts == counts.sorted() && Set(counts).count == counts.count, "\(counts)")
        for major in GUCCatalog.supportedMajors {
            for name in try #require(GUCCatalog.names(forMajor: major)) {
                let setting = try #require(GUCCatalog.setting(named: name, forMajor: major))
                #expect(setting.name == name)
                #expect((setting.type == .enumeration) == !setting.enumValues.isEmpty, "\(name)")
                #expect((setting.type == .integer || setting.type == .real) == (setting.minimum != nil), "\(name)")
                if let unit = setting.unit {
                    #expect(GUCUnit(unit) != nil, "\(name) has unit \(unit)")
                }
            }
        }
    }

    /// Settings are parsed once and kept: every lookup, the first and a later one, gives the line's setting.
    @Test func aSettingLookedUpAgainIsTheSettingOfItsLine() throws {
        for major in GUCCatalog.supportedMajors {
            let table = try #require(GUCCatalog.table(forMajor: major))
            for index in table.lines.indices {
                let parsed = table.parseSetting(at: index)
                #expect(table.setting(at: index) == parsed, "\(parsed.name)")
                #expect(table.setting(at: index) == parsed, "\(parsed.name)")
                #expect(GUCCatalog.setting(named: parsed.name, forMajor: major) == parsed, "\(parsed.name)")
            }
        }
    }

    /// A name's line is remembered after its first lookup: a later lookup, exact or in another ASCII case, finds the
    /// line the search finds, and an unknown name stays unknown.
    @Test func aNameLookedUpAgainFindsTheLineTheSearchFinds() throws {
        for major in GUCCatalog.supportedMajors {
            let table = try #require(GUCCatalog.table(forMajor: major))
            for index in table.lines.indices {
                let name = String(decoding: table.name(at: index), as: UTF8.self)
                for spelling in [name, name.uppercased()] {
                    let searched = table.index(of: Array(spelling.utf8)) ?? table.index(ofFolded: Array(spelling.gucFolded.utf8))
                    #expect(searched == index, "\(spelling)")
                    #expect(table.index(lookingUp: spelling) == index, "\(spelling)")
                    #expect(table.index(lookingUp: spelling) == index, "\(spelling)")
                }
            }
            #expect(table.index(lookingUp: "no_such_setting") == nil)
            #expect(table.index(lookingUp: "no_such_setting") == nil)
            // "wor\u{212A}_mem" (a Kelvin sign) folds to nothing the search finds, though `String` equality takes it
            // for "worK_mem", which the case-folded search finds: either order of lookups gives each its own answer.
            #expect(table.index(lookingUp: "worK_mem") != nil)
            #expect(table.index(lookingUp: "wor\u{212A}_mem") == nil)
            #expect(table.index(lookingUp: "wor\u{212A}_mem") == nil)
            #expect(table.index(lookingUp: "worK_mem") == table.index(lookingUp: "work_mem"))
        }
    }

    @Test func knownFacts() throws {
        let sharedBuffers = try Self.setting("shared_buffers")
        #expect(sharedBuffers.context == .postmaster)
        #expect(sharedBuffers.type == .integer)
        #expect(sharedBuffers.unit == "8kB")
        #expect(sharedBuffers.minimum == 16)
        #expect(try Self.setting("work_mem").unit == "kB")
        #expect(try Self.setting("checkpoint_timeout").unit == "s")
        #expect(try Self.setting("max_connections").unit == nil)
        #expect(try Self.setting("random_page_cost").type == .real)
        #expect(try Self.setting("log_line_prefix").type == .string)
        #expect(try Self.setting("hot_standby").context == .postmaster)
        #expect(try Self.setting("max_wal_size").context == .sighup)
        #expect(try Self.setting("log_connections", major: 17).context == .superuserBackend)
        for major in GUCCatalog.supportedMajors {
            let walLevel = try Self.setting("wal_level", major: major)
            #expect(walLevel.type == .enumeration)
            #expect(Set(["minimal", "replica", "logical"]).isSubset(of: walLevel.enumValues))
            #expect(walLevel.hiddenEnumValues == ["archive", "hot_standby"])
        }
        #expect(GUCCatalog.setting(named: "io_method", forMajor: 16) == nil)
        #expect(GUCCatalog.setting(named: "io_method", forMajor: 17) == nil)
        #expect(try Self.setting("io_method", major: 18).enumValues == ["sync", "worker", "io_uring"])
        #expect(try Self.setting("wal_compression", major: 16).enumValues == ["pglz", "lz4", "zstd", "on", "off"])
        #expect(GUCCatalog.setting(named: "old_snapshot_threshold", forMajor: 17) == nil)
        #expect(GUCCatalog.setting(named: "old_snapshot_threshold", forMajor: 16) != nil)
    }

    @Test(arguments: [16, 17, 18])
    func extensionSettingsAreIncluded(major: Int) throws {
        let max = try Self.setting("pg_stat_statements.max", major: major)
        #expect(max.context == .postmaster && max.type == .integer && max.minimum == 100)
        #expect(try Self.setting("pg_stat_statements.track", major: major).enumValues == ["none", "top", "all"])
        #expect(try Self.setting("auto_explain.log_min_duration", major: major).unit == "ms")
        #expect(try Self.setting("auto_explain.log_level", major: major).hiddenEnumValues == ["debug"])
        #expect(try Self.setting("pgaudit.log", major: major).type == .string)
        #expect(try Self.setting("pgaudit.log_parameter_max_size", major: major).maximum == 1_073_741_823)
        let napTime = try Self.setting("pg_failover_slots.worker_nap_time", major: major)
        #expect(napTime.context == .sighup && napTime.unit == "ms" && napTime.minimum == 1000)
    }

    /// Lookups binary-search the table, so its names must be unique and in byte order; every one is found.
    @Test(arguments: [16, 17, 18])
    func everyNameIsFoundInTheSortedTable(major: Int) throws {
        let names = try #require(GUCCatalog.names(forMajor: major))
        #expect(zip(names, names.dropFirst()).allSatisfy { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        for name in names {
            #expect(GUCCatalog.setting(named: name, forMajor: major)?.name == name)
            #expect(GUCCatalog.setting(named: name.uppercased(), forMajor: major)?.name == name)
        }
    }

    @Test func lookupByNameIgnoresCaseLikeTheServer() {
        #expect(GUCCatalog.setting(named: "datestyle", forMajor: 17)?.name == "DateStyle")
        #expect(GUCCatalog.setting(named: "WORK_MEM", forMajor: 17)?.name == "work_mem")
        #expect(GUCCatalog.setting(named: "TimeZone", forMajor: 18)?.name == "TimeZone")
        #expect(GUCCatalog.setting(named: "no_such_setting", forMajor: 17) == nil)
        #expect(GUCCatalog.setting(named: "work_mem", forMajor: 14) == nil)
    }

    /// (setting, value, expected problem) on PostgreSQL 16; each outcome was confirmed against a real 16.2 server.
    static let valueCases: [(String, String, GUCValueProblem?)] = [
        ("hot_standby", "on", nil),
        ("hot_standby", "OFF", nil),
        ("hot_standby", "of", nil),
        ("hot_standby", "True", nil),
        ("hot_standby", "t", nil),
        ("hot_standby", "yes", nil),
        ("hot_standby", "n", nil),
        ("hot_standby", "1", nil),
        ("hot_standby", "0", nil),
        ("hot_standby", "o", .notABoolean),
        ("hot_standby", "onn", .notABoolean),
        ("hot_standby", "truee", .notABoolean),
        ("hot_standby", "10", .notABoolean),
        ("hot_standby", "enabled", .notABoolean),
        ("hot_standby", " on", .notABoolean),
        ("hot_standby", "", .notABoolean),
        ("max_connections", "400", nil),
        ("max_connections", "0x10", nil),
        ("max_connections", "010", nil),
        ("max_connections", " 100 ", nil),
        ("max_connections", "100.4", nil),
        ("max_connections", "1e2", nil),
        ("max_connections", "abc", .notAnInteger),
        ("max_connections", "", .notAnInteger),
        ("max_connections", "08", .notAnInteger),
        ("max_connections", "100 connections", .notAnInteger),
        ("max_connections", "10ms", .notAnInteger),
        ("max_connections", "0", .outOfRange(minimum: "1", maximum: "262143")),
        ("max_connections", "0.4", .outOfRange(minimum: "1", maximum: "262143")),
        ("max_connections", "9999999999", .outOfRange(minimum: "1", maximum: "262143")),
        ("work_mem", "64MB", nil),
        ("work_mem", "64 MB", nil),
        ("work_mem", "1.5GB", nil),
        ("work_mem", "65536", nil),
        ("work_mem", "65536B", nil),
        ("work_mem", "64mb", .invalidUnit(allowed: memoryUnits)),
        ("work_mem", "64KB", .invalidUnit(allowed: memoryUnits)),
        ("work_mem", "64M", .invalidUnit(allowed: memoryUnits)),
        ("work_mem", "64MB x", .invalidUnit(allowed: memoryUnits)),
        ("work_mem", "64s", .invalidUnit(allowed: memoryUnits)),
        ("work_mem", "MB", .notAnInteger),
        ("work_mem", "63kB", .outOfRange(minimum: "64kB", maximum: "2147483647kB")),
        ("work_mem", "2TB", .outOfRange(minimum: "64kB", maximum: "2147483647kB")),
        ("shared_buffers", "128MB", nil),
        ("shared_buffers", "16", nil),
        ("shared_buffers", "128kB", nil),
        ("shared_buffers", "1kB", .outOfRange(minimum: "128kB", maximum: "8589934584kB")),
        ("shared_buffers", "15", .outOfRange(minimum: "128kB", maximum: "8589934584kB")),
        ("wal_buffers", "-1", nil),
        ("wal_buffers", "-2", .outOfRange(minimum: "-1", maximum: "2097144kB")),
        ("checkpoint_timeout", "5min", nil),
        ("checkpoint_timeout", "300", nil),
        ("checkpoint_timeout", "1h", nil),
        ("checkpoint_timeout", "29500ms", nil),
        ("checkpoint_timeout", "28500ms", .outOfRange(minimum: "30s", maximum: "86400s")),
        ("checkpoint_timeout", "2d", .outOfRange(minimum: "30s", maximum: "86400s")),
        ("checkpoint_timeout", "5m", .invalidUnit(allowed: timeUnits)),
        ("checkpoint_timeout", "5MB", .invalidUnit(allowed: timeUnits)),
        ("checkpoint_timeout", "5 minutes", .invalidUnit(allowed: timeUnits)),
        ("log_min_duration_statement", "-1", nil),
        ("log_min_duration_statement", "250ms", nil),
        ("log_min_duration_statement", "1500us", nil),
        ("log_min_duration_statement", "-2", .outOfRange(minimum: "-1", maximum: "2147483647ms")),
        ("vacuum_cost_delay", "2ms", nil),
        ("vacuum_cost_delay", "0.5", nil),
        ("vacuum_cost_delay", "500us", nil),
        ("vacuum_cost_delay", "1e2", nil),
        ("vacuum_cost_delay", "101", .outOfRange(minimum: "0ms", maximum: "100ms")),
        ("vacuum_cost_delay", "1s", .outOfRange(minimum: "0ms", maximum: "100ms")),
        ("vacuum_cost_delay", "fast", .notANumber),
        ("vacuum_cost_delay", "nan", .notANumber),
        ("vacuum_cost_delay", "2mb", .invalidUnit(allowed: timeUnits)),
        ("random_page_cost", "1.1", nil),
        ("random_page_cost", "4", nil),
        ("random_page_cost", "-1", .outOfRange(minimum: "0", maximum: "1.79769e+308")),
        ("random_page_cost", "1.1kB", .notANumber),
        ("wal_level", "logical", nil),
        ("wal_level", "LOGICAL", nil),
        ("wal_level", "Replica", nil),
        ("wal_level", "archive", nil),
        ("wal_level", "hot_standby", nil),
        ("wal_level", "full", .notInEnum(allowed: ["minimal", "replica", "logical"])),
        ("wal_level", "logical ", .notInEnum(allowed: ["minimal", "replica", "logical"])),
        ("synchronous_commit", "remote_apply", nil),
        ("synchronous_commit", "yes", nil),
        ("synchronous_commit", "y", .notInEnum(allowed: ["local", "remote_write", "remote_apply", "on", "off"])),
        ("password_encryption", "on", .notInEnum(allowed: ["md5", "scram-sha-256"])),
        ("ssl_max_protocol_version", "", nil),
        ("ssl_max_protocol_version", "tlsv1.3", nil),
        ("ssl_min_protocol_version", "", .notInEnum(allowed: ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"])),
        ("log_line_prefix", "%m [%p] ", nil),
        ("pg_stat_statements.max", "10000", nil),
        ("pg_stat_statements.max", "99", .outOfRange(minimum: "100", maximum: "1073741823")),
        ("pg_stat_statements.track", "ALL", nil),
        ("auto_explain.log_min_duration", "1s", nil),
    ]

    @Test(arguments: valueCases)
    func checksValuesLikePostgres16(name: String, value: String, expected: GUCValueProblem?) throws {
        #expect(GUCValueChecker.check(value, for: try Self.setting(name)) == expected)
    }

    @Test func rangesFollowEachVersion() throws {
        #expect(GUCValueChecker.check("0", for: try Self.setting("vacuum_buffer_usage_limit", major: 16)) == nil)
        #expect(GUCValueChecker.check("16GB", for: try Self.setting("vacuum_buffer_usage_limit", major: 16)) == nil)
        #expect(GUCValueChecker.check("32GB", for: try Self.setting("vacuum_buffer_usage_limit", major: 16))
            == .outOfRange(minimum: "0kB", maximum: "16777216kB"))
        #expect(GUCValueChecker.check("worker", for: try Self.setting("io_method", major: 18)) == nil)
    }

    @Test func convertsMemoryToBytes() throws {
        let sharedBuffers = try Self.setting("shared_buffers")
        #expect(GUCValueChecker.bytes(of: "256MB", for: sharedBuffers) == 268_435_456)
        #expect(GUCValueChecker.bytes(of: "16384", for: sharedBuffers) == 134_217_728)
        #expect(GUCValueChecker.bytes(of: "1GB", for: sharedBuffers) == 1_073_741_824)
        #expect(GUCValueChecker.bytes(of: "12kB", for: sharedBuffers) == 16384)
        let workMem = try Self.setting("work_mem")
        #expect(GUCValueChecker.bytes(of: "64MB", for: workMem) == 67_108_864)
        #expect(GUCValueChecker.bytes(of: "4096", for: workMem) == 4_194_304)
        #expect(GUCValueChecker.bytes(of: "1.5kB", for: workMem) == 2048)
        #expect(GUCValueChecker.bytes(of: "1GB", for: try Self.setting("max_wal_size")) == 1_073_741_824)
        #expect(GUCValueChecker.bytes(of: "64mb", for: workMem) == nil)
        #expect(GUCValueChecker.bytes(of: "100", for: try Self.setting("max_connections")) == nil)
        #expect(GUCValueChecker.bytes(of: "5min", for: try Self.setting("checkpoint_timeout")) == nil)
    }
}
