/// Label and annotation keys pgha writes or selects on.
enum Labels {
    static let cluster = "cnpg.io/cluster"
    static let instanceRole = "cnpg.io/instanceRole"
    static let podRole = "cnpg.io/podRole"
    static let poolerName = "cnpg.io/poolerName"
    static let workloadIdentityUse = "azure.workload.identity/use"
    static let workloadIdentityClientID = "azure.workload.identity/client-id"
    static let managedBy = "app.kubernetes.io/managed-by"
    static let partOf = "app.kubernetes.io/part-of"
    static let dnsLabelName = "service.beta.kubernetes.io/azure-dns-label-name"
    static let loadBalancerResourceGroup = "service.beta.kubernetes.io/azure-load-balancer-resource-group"
    static let publicIPName = "service.beta.kubernetes.io/azure-pip-name"
    /// The annotation restore-drill.sh puts on the recovery Cluster it creates (its value: the drill's target time).
    /// The drill and cleanup.sh delete a recovery Cluster only when it carries it: one without it may be a real recovery.
    static let restoreDrill = "pgha.io/restore-drill"

    /// The labels on every object pgha renders for a cluster.
    static func common(_ spec: Spec) -> SortedMap {
        [managedBy: "pgha", partOf: spec.name]
    }

    /// Selects the PostgreSQL instance pods of one cluster (never those of another cluster in the namespace).
    static func instances(of cluster: String) -> SortedMap {
        [Labels.cluster: cluster, podRole: "instance"]
    }
}
