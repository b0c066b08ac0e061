/// The Mermaid flowchart of a cluster's topology in its README: the instances, the Services and PgBouncer poolers
/// in front of them, the public endpoints and who may reach them, the backup destination and the scrapers.
enum TopologyDiagram {
    /// More standbys than this are drawn as one node.
    static let drawnStandbys = 4

    /// Writes the flowchart's lines.
    static func write(_ spec: Spec, endpoints: PublicEndpoints, into text: inout MarkdownText) {
        let standbys = spec.instances - 1
        let standbyNodes: [String]
        text.line("flowchart LR")
        text.add("  subgraph aks[\"AKS ", spec.azure.aksCluster, " (", spec.azure.location)
        if !spec.zones.isEmpty {
            text.add(", zones ")
            text.add(spec.zones, separator: ", ", code: false)
        }
        text.line(")\"]")
        text.line("    subgraph ns[\"namespace ", spec.namespace, "\"]")
        text.line("      rw[\"Service ", spec.name, "-rw\"]")
        // CloudNativePG makes the -ro Service (and pgha any read-only pooler or public endpoint) whatever the number of
        // instances: with one, nothing stands behind them yet.
        text.line("      ro[\"Service ", spec.name, standbys > 0 ? "-ro\"]" : "-ro, no standby\"]")
        let poolerTypes = spec.pooler.map(PoolerTranslation.types) ?? []
        let poolerKind = endpoints.poolers.isEmpty ? "\"]" : " (LoadBalancer)\"]"
        for type in poolerTypes { text.line("      pooler", type, "[\"PgBouncer ", PoolerTranslation.name(spec, type: type), poolerKind) }
        text.line("      primary[(\"primary\")]")
        if standbys > drawnStandbys {
            standbyNodes = ["standbys"]
            text.line("      standbys[(\"", String(standbys), " standbys\")]")
        } else if standbys > 0 {
            standbyNodes = (1...standbys).map { "standby\($0)" }
            for number in 1...standbys { text.line("      standby", String(number), "[(\"standby ", String(number), "\")]") }
        } else {
            standbyNodes = []
        }
        text.line("    end")
        text.line("  end")
        text.line("  rw --> primary")
        for type in poolerTypes { text.line("  pooler", type, " --> ", type) }
        let replication = spec.replication.syncReplicas > 0 ? "synchronous streaming" : "asynchronous streaming"
        for node in standbyNodes {
            text.line("  ro --> ", node)
            text.line("  primary -- \"", replication, "\" --> ", node)
        }
        if let expose = spec.expose, let host = endpoints.host {
            text.add("  clients([\"clients in ")
            text.add(expose.allowedSourceRanges, separator: ", ", code: false)
            text.line("\"])")
            text.line("  publicrw[\"LoadBalancer ", spec.name, "-public-rw\"]")
            text.line("  clients -- \"", host, ":", String(expose.readWritePort), "\" --> publicrw --> primary")
            text.line("  publicro[\"LoadBalancer ", spec.name, standbyNodes.isEmpty ? "-public-ro, no standby\"]" : "-public-ro\"]")
            text.line("  clients -- \"", host, ":", String(expose.readOnlyPort), "\" --> publicro")
            for node in standbyNodes { text.line("  publicro --> ", node) }
        }
        if !endpoints.poolers.isEmpty { poolerClients(spec, endpoints, into: &text) }
        if let backup = spec.backup {
            text.line("  blob[(\"Azure Blob ", backup.storageAccount, "/", backup.container, "\")]")
            text.line("  primary -- \"WAL archive, base backups\" --> blob")
        }
        switch (spec.monitoring.prometheus, spec.monitoring.managedPrometheus) {
        case (true, true): text.line("  metrics[\"Prometheus, Azure Managed Prometheus\"]")
        case (true, false): text.line("  metrics[\"Prometheus\"]")
        case (false, true): text.line("  metrics[\"Azure Managed Prometheus\"]")
        case (false, false): return
        }
        text.line("  metrics -. \"scrapes every instance\" .-> ns")
    }

    /// Who may reach the exposed poolers, and at which host and port: the cluster's `clients` node when the ranges
    /// are the same, in any order.
    private static func poolerClients(_ spec: Spec, _ endpoints: PublicEndpoints, into text: inout MarkdownText) {
        let clients: String
        if let expose = spec.expose, Set(expose.allowedSourceRanges) == Set(endpoints.poolerSourceRanges) {
            clients = "clients"
        } else {
            clients = "poolerclients"
            text.add("  poolerclients([\"clients in ")
            text.add(endpoints.poolerSourceRanges, separator: ", ", code: false)
            text.line("\"])")
        }
        let port = String(PoolerTranslation.servicePort)
        for pooler in endpoints.poolers {
            text.line("  ", clients, " -- \"", pooler.host ?? "public IP", ":", port, "\" --> pooler", pooler.type)
        }
    }
}
