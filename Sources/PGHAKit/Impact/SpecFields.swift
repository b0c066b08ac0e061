/// A spec record's fields flattened to their spec paths (`postgres.parameters.work_mem`, `zones`): maps are
/// flattened key by key, lists kept whole.
public struct SpecFields: Sendable, Equatable {
    /// One field's value.
    public enum Value: Sendable, Equatable, CustomStringConvertible {
        case scalar(String)
        case list([String])

        /// The value as impact lines quote it: a scalar as written, a list as `[a, b]`.
        public var description: String {
            switch self {
            case .scalar(let text): return text
            case .list(let items): return "[" + items.joined(separator: ", ") + "]"
            }
        }

        /// The items of a list, or the scalar as one item.
        var items: [String] {
            switch self {
            case .scalar(let text): return [text]
            case .list(let items): return items
            }
        }
    }

    /// Every field, by spec path.
    public var values: [String: Value]

    public init(values: [String: Value]) {
        self.values = values
    }

    public subscript(path: String) -> Value? { values[path] }

    /// The scalar at `path`, or nil.
    func scalar(_ path: String) -> String? {
        guard case .scalar(let text) = values[path] else { return nil }
        return text
    }

    /// Whether a field at `path` or below it is set (`backup` for any `backup.*`).
    func has(_ path: String) -> Bool {
        values.keys.contains { $0.isWithin(path) }
    }

    /// `namespace/name`, naming the cluster in impact lines.
    var cluster: String { "\(scalar("namespace") ?? "?")/\(scalar("name") ?? "?")" }

    /// Whether the fields name their cluster (namespace and name), as every spec record does: fields without them
    /// are not a record.
    var namesCluster: Bool { scalar("namespace") != nil && scalar("name") != nil }
}
