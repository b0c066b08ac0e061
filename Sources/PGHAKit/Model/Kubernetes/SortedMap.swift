/// A string-to-string map (labels, annotations, parameters) that always renders its keys in sorted order,
/// so rendered files are byte-identical on every run. Values render as `YAMLString`s.
public struct SortedMap: ManifestValue, Equatable, ExpressibleByDictionaryLiteral {
    public private(set) var entries: [(key: String, value: String)]

    public init(_ dictionary: [String: String]) {
        entries = []
        entries.reserveCapacity(dictionary.count)
        for (key, value) in dictionary { entries.append((key: key, value: value)) }
        sortEntries()
    }

    /// The pairs sorted by key; a key given twice keeps its last value. No `Dictionary` is built on the way
    /// (hashing every key of a literal cost more than sorting the few pairs).
    public init(dictionaryLiteral elements: (String, String)...) {
        entries = []
        entries.reserveCapacity(elements.count)
        for (key, value) in elements {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                entries[index].value = value
            } else {
                entries.append((key: key, value: value))
            }
        }
        sortEntries()
    }

    /// Sorts the entries, whose keys are distinct, in place (the array is this map's alone, so it is not copied).
    private mutating func sortEntries() {
        entries.sort { $0.key < $1.key }
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
