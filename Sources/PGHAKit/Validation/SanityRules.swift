/// Cross-field checks that neither the operator nor Azure makes but that users get wrong.
enum SanityRules {
    static func check(_ context: inout ValidationContext) {
        let spec = context.spec
        checkPlacement(&context, spec)
        checkWalVolume(&context, spec)
        checkMemory(&context, spec)
        if spec.expose != nil && spec.instances == 1 {
            context.warning(.readOnlyServiceWithoutStandbys,
                            "with 1 instance there is no standby: the public read-only Service \(spec.name)-public-ro never has an endpoint",
                            at: spec.sourceMap.contains("instances") ? "instances" : "expose",
                            hint: "add instances for standbys, or connect to the read-write port only")
        }
    }

    private static func checkPlacement(_ context: inout ValidationContext, _ spec: Spec) {
        let pool = spec.azure.nodePool
        if spec.zones.count > 1 && pool.maxCount < spec.zones.count {
            context.error(.zonesVersusInstances,
                          "the node pool can grow to \(pool.maxCount) nodes, fewer than the \(spec.zones.count) zones the instances must spread across",
                          at: "azure.nodePool.maxCount",
                          hint: "the zone spread is DoNotSchedule: give the pool at least one node per zone")
        }
        if spec.instances > pool.maxCount {
            context.warning(.zonesVersusInstances,
                            "\(spec.instances) instances on a node pool of at most \(pool.maxCount) nodes put several instances on one node",
                            at: "instances", hint: "raise azure.nodePool.maxCount so a node failure takes down one instance only")
        }
        if spec.instances > 1 && spec.zones.count == 1 {
            context.warning(.zonesVersusInstances, "all instances run in a single zone: a zone outage stops the cluster",
                            at: "zones", hint: "list two or more zones, such as [\"1\", \"2\", \"3\"]")
        }
    }

    private static func checkWalVolume(_ context: inout ValidationContext, _ spec: Spec) {
        guard let wal = spec.storage.wal, let volume = Quantity(wal.size) else { return }
        let parameters = spec.postgres.parameters
        guard let maxWal = OperatorParameters.size(parameters["max_wal_size"] ?? OperatorParameters.defaults["max_wal_size"] ?? ""),
              let keep = OperatorParameters.size(parameters["wal_keep_size"] ?? OperatorParameters.defaults["wal_keep_size"] ?? "")
        else { return }
        if maxWal + keep > volume.value && !context.hasError(at: "postgres.parameters.max_wal_size")
            && !context.hasError(at: "storage.wal.size") {
            let sizes = ["max_wal_size", "wal_keep_size"].map { name in
                parameters[name] == nil ? "\(name) (default \(OperatorParameters.defaults[name] ?? ""))" : name
            }
            context.warning(.walVolumeTooSmall,
                            "the \(wal.size) WAL volume is smaller than \(sizes.joined(separator: " plus ")) (\(formatBytes(maxWal + keep)))",
                            at: "storage.wal.size",
                            hint: "a full WAL volume stops PostgreSQL; size it above \(formatBytes(maxWal + keep)) plus room for archiving delays")
        }
    }

    private static func checkMemory(_ context: inout ValidationContext, _ spec: Spec) {
        guard let limit = Quantity(spec.resources.memoryLimit)?.value,
              !context.hasError(at: "resources.memory"), !context.hasError(at: "resources.limits.memory") else { return }
        let parameters = spec.postgres.parameters
        for name in ["shared_buffers", "effective_cache_size"] {
            guard let value = parameters[name], !context.hasError(at: "postgres.parameters.\(name)"),
                  let bytes = memoryBytes(value, of: name, spec), bytes > limit else { continue }
            context.warning(.memoryOvercommit, "\(name) \(value) is larger than the memory limit \(spec.resources.memoryLimit)\(context.defaultMarker(unlessWritten: "resources.limits.memory", "resources.memory"))",
                            at: "postgres.parameters.\(name)",
                            hint: name == "shared_buffers" ? "the instance would be killed for running out of memory; about 25% of the limit is usual"
                                                           : "the planner assumes cache that does not exist; about 75% of the limit is usual")
        }
        let connections = Double(parameters["max_connections"] ?? "100") ?? 100
        if let workMem = memoryBytes(parameters["work_mem"] ?? "4MB", of: "work_mem", spec), connections * workMem > limit {
            let factors = [("max_connections", "100"), ("work_mem", "4MB")].map { name, fallback in
                parameters[name] == nil ? "\(name) (default \(fallback))" : name
            }
            let limitPath = spec.sourceMap.contains("resources.limits.memory") ? "resources.limits.memory" : "resources.memory"
            let blamed = ["postgres.parameters.work_mem", "postgres.parameters.max_connections", limitPath]
                .first(where: spec.sourceMap.contains) ?? limitPath
            context.warning(.connectionMemory,
                            "\(factors.joined(separator: " × ")) (\(formatBytes(connections * workMem))) exceeds the memory limit \(spec.resources.memoryLimit)"
                                + context.defaultMarker(unlessWritten: "resources.limits.memory", "resources.memory"),
                            at: blamed,
                            hint: "each sort or hash may use work_mem; lower it, lower max_connections, or pool connections")
        }
    }

    /// A memory setting in bytes, read as the server reads it. These settings have the same units in every
    /// PostgreSQL pgha targets, so majors without a catalog (13 to 15) use the oldest catalog's.
    static func memoryBytes(_ value: String, of name: String, _ spec: Spec) -> Double? {
        let major = spec.postgres.majorVersion.flatMap { GUCCatalog.supportedMajors.contains($0) ? $0 : nil }
            ?? GUCCatalog.supportedMajors[0]
        return GUCCatalog.setting(named: name, forMajor: major).flatMap { GUCValueChecker.bytes(of: value, for: $0) }
    }
}
