/// Synchronous replication, failover quorum, probes and shutdown timing, against what the target operator has.
enum ReplicationRules {
    static func check(_ context: inout ValidationContext) {
        let spec = context.spec
        checkSynchronous(&context, spec)
        checkShutdown(&context, spec)
        checkProbes(&context, spec)
    }

    private static func checkSynchronous(_ context: inout ValidationContext, _ spec: Spec) {
        let replication = spec.replication
        let written = spec.sourceMap
        let version = spec.operatorSettings.version
        if written.contains("replication.failoverQuorum") && replication.failoverQuorum {
            if version < Spec.Replication.failoverQuorumSince {
                context.error(.failoverQuorumUnavailable, "CloudNativePG \(version) has no failover quorum",
                              at: "replication.failoverQuorum",
                              hint: "target operator 1.27 or newer, or remove failoverQuorum")
            } else if replication.syncReplicas == 0 {
                context.error(.failoverQuorumWithoutSync, "failover quorum needs synchronous replication",
                              at: "replication.failoverQuorum",
                              hint: "set replication.syncReplicas to 1 or more, or remove failoverQuorum")
            }
        }
        guard replication.syncReplicas == 0 else { return }
        for field in ["syncMethod", "dataDurability"] where written.contains("replication.\(field)") {
            context.warning(.syncSettingWithoutSync, "'\(field)' does nothing with asynchronous replication (syncReplicas 0)",
                            at: "replication.\(field)", hint: "remove it, or set replication.syncReplicas")
        }
    }

    /// CloudNativePG's fast shutdown, after the smart one, needs at least 15 seconds of stopDelay.
    private static func checkShutdown(_ context: inout ValidationContext, _ spec: Spec) {
        let replication = spec.replication
        guard replication.stopDelay - replication.smartShutdownTimeout < 15 else { return }
        let path = spec.sourceMap.contains("replication.stopDelay") ? "replication.stopDelay" : "replication.smartShutdownTimeout"
        context.error(.stopDelayTooShort,
                      "stopDelay \(replication.stopDelay) leaves \(replication.stopDelay - replication.smartShutdownTimeout) seconds after the \(replication.smartShutdownTimeout)-second smart shutdown; the fast shutdown needs at least 15",
                      at: path, hint: "make stopDelay at least smartShutdownTimeout + 15 (\(replication.smartShutdownTimeout + 15))")
    }

    private static func checkProbes(_ context: inout ValidationContext, _ spec: Spec) {
        let version = spec.operatorSettings.version
        for field in ["startupMaximumLag", "readinessMaximumLag"] {
            let path = "replication.\(field)"
            guard spec.sourceMap.contains(path) else { continue }
            let value = field == "startupMaximumLag" ? spec.replication.startupMaximumLag : spec.replication.readinessMaximumLag ?? ""
            if version < Spec.Replication.streamingProbesSince {
                context.error(.probeStrategyUnavailable, "CloudNativePG \(version) has no streaming probes, so no lag bound",
                              at: path, hint: "target operator 1.26 or newer, or remove \(field)")
            } else if let quantity = Quantity(value), quantity.value == quantity.value.rounded() {
                continue
            } else {
                context.error(.invalidLag, "'\(value)' is not a number of bytes", at: path,
                              hint: "write bytes as a Kubernetes quantity, such as 32Mi or 0")
            }
        }
    }
}
