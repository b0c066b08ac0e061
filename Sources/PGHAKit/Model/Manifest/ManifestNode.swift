/// A value of a rendered manifest, as the YAML tree `ManifestYAML` writes. Models build it field by field (see
/// `ManifestValue`), so rendering needs no `Encoder` and none of the runtime type lookups that Codable makes.
public enum ManifestNode: Sendable, Equatable {
    /// A string, written plain unless a YAML reader would take the plain text for something else.
    case string(String)
    /// A string written plain only when it is an identifier-like word (see `YAMLString`).
    case word(String)
    case integer(Int)
    case boolean(Bool)
    /// A mapping, with its keys in the order given.
    case mapping([Entry])
    case sequence([ManifestNode])

    /// One key of a mapping and its value.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: ManifestNode

        public init(_ key: String, _ value: ManifestNode) {
            self.key = key
            self.value = value
        }
    }

    /// A mapping of the fields `build` adds, in the order added, leaving out those that are nil (as an object's
    /// optional fields): `.object { $0.field("name", name); $0.field("namespace", namespace) }`.
    public static func object(_ build: (inout Fields) -> Void) -> ManifestNode {
        var fields = Fields()
        build(&fields)
        return .mapping(fields.entries)
    }

    /// The fields of an object's mapping, as `object(_:)` gathers them. Each value's node is built through its own
    /// type, so no value is boxed as an existential, and the entries go into one array reserved for most objects.
    public struct Fields {
        fileprivate var entries: [Entry]

        fileprivate init() {
            entries = []
            entries.reserveCapacity(8)
        }

        /// Adds the field `key` with `value`'s node, unless `value` is nil.
        public mutating func field<Value: ManifestValue>(_ key: String, _ value: Value?) {
            guard let value else { return }
            entries.append(Entry(key, value.manifestNode))
        }
    }
}

/// A typed value that renders as a node of a manifest; an object's node lists its fields under the upstream
/// API's field names, in declaration order.
public protocol ManifestValue: Sendable {
    var manifestNode: ManifestNode { get }
}

extension String: ManifestValue {
    public var manifestNode: ManifestNode { .string(self) }
}

extension Int: ManifestValue {
    public var manifestNode: ManifestNode { .integer(self) }
}

extension Bool: ManifestValue {
    public var manifestNode: ManifestNode { .boolean(self) }
}

extension Array: ManifestValue where Element: ManifestValue {
    /// The elements' nodes, gathered by index: `map` here, in generic code, would look `Element` up at run time.
    public var manifestNode: ManifestNode {
        var nodes: [ManifestNode] = []
        nodes.reserveCapacity(count)
        for index in indices { nodes.append(self[index].manifestNode) }
        return .sequence(nodes)
    }
}
