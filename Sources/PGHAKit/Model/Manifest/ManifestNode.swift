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

    /// A mapping of `fields` in the order given, leaving out those that are nil (as an object's optional fields).
    public static func object(_ fields: KeyValuePairs<String, (any ManifestValue)?>) -> ManifestNode {
        .mapping(fields.compactMap { key, value in value.map { Entry(key, $0.manifestNode) } })
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
