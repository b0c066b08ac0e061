/// A string-to-string map (labels, annotations, parameters) that always renders its keys in sorted order,
/// so rendered files are byte-identical on every run. Values render as `YAMLString`s.
public struct SortedMap: ManifestValue, Equatable, ExpressibleByDictionaryLiteral {
    public private(set) var entries: [(key: String, value: String)]

    public init(_ dictionary: [String: String]) {
        entries = dictionary.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// The map, or nil when it is empty (so empty maps are left out of the output).
    public var nonEmpty: SortedMap? { isEmpty ? nil : self }

    public var manifestNode: ManifestNode {
        .mapping(entries.map { ManifestNode.Entry($0.key, YAMLString($0.value).manifestNode) })
    }

    public static func == (lhs: SortedMap, rhs: SortedMap) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.key == $1.key && $0.value == $1.value }
    }
}
