/// The Azure names pgha derives from the cluster name when the spec leaves them out, and the longest cluster name
/// they leave room for.
enum DerivedNames {
    /// One derived name: the field it defaults, Azure's length limit, and its length for a cluster name of `n`
    /// characters.
    private struct Rule {
        let path: String
        let what: String
        let limit: Int
        let length: (Int) -> Int
    }

    /// The longest cluster name (at most 50, CloudNativePG's limit) whose derived names all fit, and the derived
    /// name that sets it when that is shorter than 50.
    static func clusterNameBound(_ spec: Spec) -> (length: Int, limitedBy: String?) {
        let rules = self.rules(spec)
        let bound = (0...50).last { n in rules.allSatisfy { $0.length(n) <= $0.limit } } ?? 0
        let limiting = bound == 50 ? nil : rules.first { $0.length(bound + 1) > $0.limit }
        return (bound, limiting.map { "the \($0.what) ('\($0.path)', at most \($0.limit) characters)" })
    }

    private static func rules(_ spec: Spec) -> [Rule] {
        let written = spec.sourceMap
        let azure = spec.azure
        var rules: [Rule] = []
        if !written.contains("azure.nodeResourceGroup") && AzureRegions.names.contains(azure.location) {
            let resourceGroup = written.contains("azure.resourceGroup") ? { (_: Int) in azure.resourceGroup.count } : { "rg-".count + $0 }
            let aksCluster = written.contains("azure.aksCluster") ? { (_: Int) in azure.aksCluster.count } : { "aks-".count + $0 }
            let fixed = "MC___".count + azure.location.count
            rules.append(Rule(path: "azure.nodeResourceGroup", what: "node resource group MC_<resourceGroup>_<aksCluster>_\(azure.location)",
                              limit: 80, length: { fixed + resourceGroup($0) + aksCluster($0) }))
        }
        if spec.monitoring.managedPrometheus {
            if !written.contains("azure.grafana") {
                rules.append(Rule(path: "azure.grafana", what: "Managed Grafana <name>-grafana", limit: 23, length: { $0 + "-grafana".count }))
            }
            if !written.contains("azure.monitorWorkspace") {
                rules.append(Rule(path: "azure.monitorWorkspace", what: "Azure Monitor workspace <name>-prometheus", limit: 44,
                                  length: { $0 + "-prometheus".count }))
            }
        }
        return rules
    }
}
