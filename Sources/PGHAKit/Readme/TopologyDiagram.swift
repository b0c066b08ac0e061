/// The Mermaid flowchart of a cluster's topology in its README: the instances and the Services in front of them,
/// the public endpoints and who may reach them, the backup destination and the scrapers.
enum TopologyDiagram {
    /// More standbys than this are drawn as one node.
    static let drawnStandbys = 4

    static func lines(_ spec: Spec) -> [String] {
        let standbys = spec.instances - 1
        var standbyNodes: [String] = []
        var lines = ["flowchart LR"]
        let zones = spec.zones.isEmpty ? "" : ", zones \(spec.zones.joined(separator: ", "))"
        lines.append("  subgraph aks[\"AKS \(spec.azure.aksCluster) (\(spec.azure.location)\(zones))\"]")
        lines.append("    subgraph ns[\"namespace \(spec.namespace)\"]")
        lines.append("      rw[\"Service \(spec.name)-rw\"]")
        if standbys > 0 { lines.append("      ro[\"Service \(spec.name)-ro\"]") }
        lines.append("      primary[(\"primary\")]")
        if standbys > drawnStandbys {
            standbyNodes = ["standbys"]
            lines.append("      standbys[(\"\(standbys) standbys\")]")
        } else if standbys > 0 {
            standbyNodes = (1...standbys).map { "standby\($0)" }
            lines += (1...standbys).map { "      standby\($0)[(\"standby \($0)\")]" }
        }
        lines.append("    end")
        lines.append("  end")
        lines.append("  rw --> primary")
        let replication = spec.replication.syncReplicas > 0 ? "synchronous streaming" : "asynchronous streaming"
        for node in standbyNodes {
            lines.append("  ro --> \(node)")
            lines.append("  primary -- \"\(replication)\" --> \(node)")
        }
        if let expose = spec.expose {
            lines.append("  clients([\"clients in \(expose.allowedSourceRanges.joined(separator: ", "))\"])")
            lines.append("  publicrw[\"LoadBalancer \(spec.name)-public-rw\"]")
            lines.append("  clients -- \"\(ClusterReadme.publicHost(spec, expose)):\(expose.readWritePort)\" --> publicrw --> primary")
            if !standbyNodes.isEmpty {
                lines.append("  publicro[\"LoadBalancer \(spec.name)-public-ro\"]")
                lines.append("  clients -- \"\(ClusterReadme.publicHost(spec, expose)):\(expose.readOnlyPort)\" --> publicro")
                lines += standbyNodes.map { "  publicro --> \($0)" }
            }
        }
        if let backup = spec.backup {
            lines.append("  blob[(\"Azure Blob \(backup.storageAccount)/\(backup.container)\")]")
            lines.append("  primary -- \"WAL archive, base backups\" --> blob")
        }
        if spec.monitoring.prometheus || spec.monitoring.managedPrometheus {
            let scrapers = [spec.monitoring.prometheus ? "Prometheus" : nil, spec.monitoring.managedPrometheus ? "Azure Managed Prometheus" : nil]
            lines.append("  metrics[\"\(scrapers.compactMap { $0 }.joined(separator: ", "))\"]")
            lines.append("  metrics -. \"scrapes every instance\" .-> ns")
        }
        return lines
    }
}
