/// The public endpoints a spec's rendered objects create, as the cluster README and the fleet index name them: the
/// cluster's two LoadBalancer Services on its shared public IP (`expose`), and each pooler's LoadBalancer Service on a
/// public IP of its own (`pooler.expose`), named from the values those Services are rendered from.
struct PublicEndpoints {
    /// The LoadBalancer Service of an exposed pooler.
    struct Pooler {
        /// `rw` or `ro`, the pooler's type.
        var type: String
        /// The Service's name, the Pooler's.
        var service: String
        /// The host name of its public IP; nil without `pooler.expose.dnsLabel`, when Azure gives the IP no DNS name.
        var host: String?

        /// What the pooler connects to: the primary or the standbys.
        var target: String { type == "rw" ? "primary" : "standbys" }
    }

    /// The cluster's public host name, when the cluster is exposed.
    let host: String?
    /// The exposed poolers' Services, read-write first; empty when the poolers are internal or there are none.
    let poolers: [Pooler]
    /// The CIDRs allowed to reach the poolers' Services.
    let poolerSourceRanges: [String]

    init(_ spec: Spec) {
        host = spec.expose.map { Self.host(label: $0.dnsLabel, spec) }
        guard let pooler = spec.pooler, let expose = pooler.expose else {
            poolers = []
            poolerSourceRanges = []
            return
        }
        poolers = PoolerTranslation.types(pooler).map { type in
            Pooler(type: type, service: PoolerTranslation.name(spec, type: type),
                   host: expose.dnsLabel.map { Self.host(label: PoolerTranslation.dnsLabel($0, type: type), spec) })
        }
        poolerSourceRanges = expose.allowedSourceRanges
    }

    /// Whether nothing is reachable from outside the AKS cluster.
    var isEmpty: Bool { host == nil && poolers.isEmpty }

    /// The host name Azure gives a public IP of `spec`'s region whose DNS label is `label`.
    private static func host(label: String, _ spec: Spec) -> String {
        "\(label).\(spec.azure.location).cloudapp.azure.com"
    }
}
