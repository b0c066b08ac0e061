/// A Prometheus operator `PrometheusRule` (`monitoring.coreos.com/v1`) with alerting rules.
public struct PrometheusRule: ObjectWithSpec, Equatable {
    public var apiVersion = "monitoring.coreos.com/v1"
    public var kind = "PrometheusRule"
    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: ManifestValue, Equatable {
        public var groups: [RuleGroup]

        public var manifestNode: ManifestNode {
            .object([
                "groups": groups,
            ])
        }
    }

    public struct RuleGroup: ManifestValue, Equatable {
        public var name: String
        public var rules: [Rule]

        public var manifestNode: ManifestNode {
            .object([
                "name": name,
                "rules": rules,
            ])
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
            .object([
                "alert": alert,
                "expr": expr,
                "for": `for`,
                "labels": labels,
                "annotations": annotations,
            ])
        }
    }
}
