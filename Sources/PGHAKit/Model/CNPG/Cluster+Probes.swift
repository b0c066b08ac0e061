extension Cluster {
    /// `spec.probes`: the startup and readiness probes pgha configures (CloudNativePG 1.26+ for the strategy fields).
    public struct Probes: ManifestValue, Equatable {
        public var startup: ProbeWithStrategy?
        public var readiness: ProbeWithStrategy?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("startup", startup)
                $0.field("readiness", readiness)
            }
        }
    }

    /// A probe with a strategy (`type`: pg_isready, query or streaming) and, for streaming, a lag bound in bytes.
    public struct ProbeWithStrategy: ManifestValue, Equatable {
        public var type: String
        public var maximumLag: String?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("type", type)
                $0.field("maximumLag", maximumLag)
            }
        }
    }
}
