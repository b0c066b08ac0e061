/// One operational consequence of changing a cluster's spec, as `check` and `diff` print it above their output.
public struct Impact: Sendable, Equatable {
    public var category: ImpactCategory
    /// The cluster, as `namespace/name`.
    public var cluster: String
    /// The spec path of the change (empty for a whole cluster).
    public var field: String
    /// What CloudNativePG will do, in one sentence.
    public var message: String

    public init(_ category: ImpactCategory, cluster: String, field: String, _ message: String) {
        self.category = category
        self.cluster = cluster
        self.field = field
        self.message = message
    }

    /// The human line: `impact: restart: cnpg-database/pg: postgres.parameters.max_connections: ...`.
    public var line: String {
        let subject = field.isEmpty ? "" : "\(field): "
        return "impact: \(category.rawValue): \(cluster): \(subject)\(message)"
    }

    /// The JSON object `--format json` lists.
    public var json: String {
        "{\"category\": \(jsonString(category.rawValue)), \"cluster\": \(jsonString(cluster)), "
            + "\"field\": \(jsonString(field)), \"message\": \(jsonString(message))}"
    }

    /// Sorts impact lines by cluster, then category, then field.
    static func ordered(_ lhs: Impact, _ rhs: Impact) -> Bool {
        (lhs.cluster, lhs.category, lhs.field) < (rhs.cluster, rhs.category, rhs.field)
    }
}
