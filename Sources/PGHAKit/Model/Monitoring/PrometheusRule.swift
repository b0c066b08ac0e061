/// A Prometheus operator `PrometheusRule` (`monitoring.coreos.com/v1`) with alerting rules.
public struct PrometheusRule: ObjectWithSpec, Equatable {
    public var apiVersion = "monitoring.coreos.com/v1"
    public var kind = "PrometheusRule"
    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: ManifestValue, Equatable {
        public var groups: [RuleGroup]

        public var manifestNode: ManifestNode {
            .object {
                $0.field("groups", groups)
            }
        }
    }

    public struct RuleGroup: ManifestValue, Equatable {
        public var name: String
        public var rules: [Rule]

        public var manifestNode: ManifestNode {
            .object {
                $0.field("name", name)
                $0.field("rules", rules)
            }
        }
    }

    /// An alerting rule.
    public struct Rule: ManifestValue, Equatable {
        public var alert: String
        public var expr: String
        public var `for`: String
        public var labels: SortedMap
        public var annotations: SortedMap

        public var manifestNode: ManifestNode {
            .object {
                $0.field("alert", alert)
                $0.field("expr", expr)
                $0.field("for", `for`)
                $0.field("labels", labels)
                $0.field("annotations", annotations)
            }
        }
    }
}
