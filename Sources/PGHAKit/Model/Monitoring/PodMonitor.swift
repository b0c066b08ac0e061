/// A `PodMonitor`: the Prometheus operator's (`monitoring.coreos.com/v1`) or Azure Managed Prometheus's
/// (`azmonitoring.coreos.com/v1`), which share one schema under two API groups.
public struct PodMonitor: ObjectWithSpec, Equatable {
    /// Which scraper reads the PodMonitor.
    public enum Flavour: Sendable {
        case prometheusOperator
        case azureManagedPrometheus

        var apiVersion: String {
            switch self {
            case .prometheusOperator: return "monitoring.coreos.com/v1"
            case .azureManagedPrometheus: return "azmonitoring.coreos.com/v1"
            }
        }
    }

    public var apiVersion: String
    public var kind = "PodMonitor"
    public var metadata: ObjectMeta
    public var spec: Spec

    public init(_ flavour: Flavour, metadata: ObjectMeta, spec: Spec) {
        apiVersion = flavour.apiVersion
        self.metadata = metadata
        self.spec = spec
    }

    public struct Spec: ManifestValue, Equatable {
        public var selector: LabelSelector
        public var podMetricsEndpoints: [Endpoint]
        public var labelLimit: Int?
        public var labelNameLengthLimit: Int?
        public var labelValueLengthLimit: Int?

        public var manifestNode: ManifestNode {
            .object {
                $0.field("selector", selector)
                $0.field("podMetricsEndpoints", podMetricsEndpoints)
                $0.field("labelLimit", labelLimit)
                $0.field("labelNameLengthLimit", labelNameLengthLimit)
                $0.field("labelValueLengthLimit", labelValueLengthLimit)
            }
        }
    }

    public struct Endpoint: ManifestValue, Equatable {
        public var port: String

        public var manifestNode: ManifestNode {
            .object {
                $0.field("port", port)
            }
        }
    }
}
