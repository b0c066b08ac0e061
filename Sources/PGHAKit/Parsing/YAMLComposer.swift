import CLibYAML

/// Composes YAML documents into `YAMLNode` trees from libyaml's event API, document by document, the way Yams'
/// `Parser` (which vendors the same libyaml) composes them with its basic resolver: the same nodes, marks, tags
/// and styles, the same errors at the same events, and an error for a mapping with a repeated key. Anchors are
/// resolved as Yams resolves them, although `LexicalScan` refuses them before a spec is composed.
final class YAMLComposer {
    /// Why composing stopped.
    enum Failure: Error {
        /// libyaml's scanner, parser or composer: what it was reading (with where that started) and the problem.
        case syntax(context: String?, contextLocation: SourceLocation, problem: String, location: SourceLocation)
        /// libyaml's reader (bad encoding).
        case reader(problem: String)
        /// libyaml could not allocate memory.
        case memory
        /// A mapping repeats keys: their texts, sorted, and where the first of them first appears.
        case duplicateKeys([String], location: SourceLocation)

        /// The repeated keys and where the first appears, when they were why.
        var duplicateKeys: (keys: [String], location: SourceLocation)? {
            if case .duplicateKeys(let keys, let location) = self { return (keys, location) }
            return nil
        }
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    /// The bytes libyaml reads from, owned here as libyaml keeps a pointer to them.
    private let input: UnsafeMutableBufferPointer<UInt8>
    private var anchors: [String: YAMLNode] = [:]

    /// Starts composing `text` (reads the stream's start).
    init(_ text: String) throws(Failure) {
        let utf8 = text.utf8
        input = .allocate(capacity: max(1, utf8.count))
        _ = input.initialize(from: utf8)
        parser = .allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            input.deallocate()
            throw .memory
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input.baseAddress, utf8.count)
        _ = try next()
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The next document's root node, or nil at the end of the stream.
    func nextRoot() throws(Failure) -> YAMLNode? {
        guard parser.pointee.stream_end_produced == 0 else { return nil }
        let start = try next()
        guard start.type != YAML_STREAM_END_EVENT else { return nil }
        let root = try node(from: try next())
        _ = try next()
        return root
    }

    /// One event's data, copied out of libyaml's event.
    private struct Event {
        var type: yaml_event_type_t
        var location: SourceLocation
        var anchor: String?
        var tag: String
        var scalar: YAMLNode.Scalar?
    }

    private func next() throws(Failure) -> Event {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw failure() }
        defer { yaml_event_delete(&event) }
        let location = SourceLocation(line: event.start_mark.line + 1, column: event.start_mark.column + 1)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            let tag = data.quoted_implicit == 1 ? "tag:yaml.org,2002:str" : Self.string(data.tag) ?? ""
            return Event(type: event.type, location: location, anchor: Self.string(data.anchor), tag: tag,
                         scalar: YAMLNode.Scalar(string: text, style: YAMLNode.ScalarStyle(rawValue: data.style.rawValue) ?? .any, tag: tag))
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return Event(type: event.type, location: location, anchor: Self.string(data.anchor),
                         tag: data.implicit != 0 ? "" : Self.string(data.tag) ?? "")
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return Event(type: event.type, location: location, anchor: Self.string(data.anchor),
                         tag: data.implicit != 0 ? "" : Self.string(data.tag) ?? "")
        case YAML_ALIAS_EVENT:
            return Event(type: event.type, location: location, anchor: Self.string(event.data.alias.anchor), tag: "")
        default:
            return Event(type: event.type, location: location, tag: "")
        }
    }

    private func node(from event: Event) throws(Failure) -> YAMLNode {
        let node: YAMLNode
        switch event.type {
        case YAML_ALIAS_EVENT:
            guard let anchor = event.anchor, let target = anchors[anchor] else {
                throw .syntax(context: nil, contextLocation: .start, problem: "found undefined alias", location: event.location)
            }
            return target
        case YAML_SCALAR_EVENT:
            node = YAMLNode(content: .scalar(event.scalar!), collectionTag: "", location: event.location)
        case YAML_SEQUENCE_START_EVENT:
            var nodes: [YAMLNode] = []
            nodes.reserveCapacity(Self.initialCapacity)
            var item = try next()
            while item.type != YAML_SEQUENCE_END_EVENT {
                nodes.append(try self.node(from: item))
                item = try next()
            }
            node = YAMLNode(content: .sequence(nodes), collectionTag: event.tag, location: event.location)
        default:
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            pairs.reserveCapacity(Self.initialCapacity)
            var item = try next()
            while item.type != YAML_MAPPING_END_EVENT {
                let key = try self.node(from: item)
                let value = try self.node(from: try next())
                pairs.append((key, value))
                item = try next()
            }
            try Self.checkDuplicates(pairs.map { $0.key })
            node = YAMLNode(content: .mapping(pairs), collectionTag: event.tag, location: event.location)
        }
        if let anchor = event.anchor { anchors[anchor] = node }
        return node
    }

    /// Room for the entries of most of a spec's collections, reserved up front: growing an array from empty
    /// reallocates it at 1, 2, 4 and 8 entries.
    private static let initialCapacity = 8

    /// libyaml's error, as Yams reports it.
    private func failure() -> Failure {
        let state = parser.pointee
        let problem = Self.string(state.problem) ?? ""
        switch state.error {
        case YAML_MEMORY_ERROR:
            return .memory
        case YAML_READER_ERROR:
            return .reader(problem: problem)
        default:
            return .syntax(context: Self.string(state.context),
                           contextLocation: SourceLocation(line: state.context_mark.line + 1, column: state.context_mark.column + 1),
                           problem: problem,
                           location: SourceLocation(line: state.problem_mark.line + 1, column: state.problem_mark.column + 1))
        }
    }

    private static func string(_ pointer: UnsafePointer<UInt8>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// Refuses a mapping whose keys repeat, as Yams does: keys are equal when their texts (or, for collections,
    /// their contents) and their tags are, a plain or quoted key being a string.
    private static func checkDuplicates(_ keys: [YAMLNode]) throws(Failure) {
        guard keys.count > 1, !haveDistinctStringKeys(keys) else { return }
        var seen = Set<KeyIdentity>(minimumCapacity: keys.count)
        var repeated: [KeyIdentity] = []
        for key in keys {
            let identity = KeyIdentity(key)
            if !seen.insert(identity).inserted && !repeated.contains(identity) { repeated.append(identity) }
        }
        guard !repeated.isEmpty else { return }
        let firsts = repeated.map { identity in keys.first { KeyIdentity($0) == identity }! }
        let sorted = firsts.sorted(by: precedes)
        throw .duplicateKeys(sorted.map { $0.scalar?.string ?? "<uncovertable>" }, location: sorted[0].location)
    }

    /// Whether every key is a scalar whose tag resolves to `str` (none, `!` or `!!str`: a spec's keys) and no two
    /// texts are equal, so that no key repeats; false sends the mapping to the full check, which also finds which.
    private static func haveDistinctStringKeys(_ keys: [YAMLNode]) -> Bool {
        var texts: [String] = []
        texts.reserveCapacity(keys.count)
        for key in keys {
            guard let scalar = key.scalar, scalar.tag.isEmpty || scalar.tag == "!" || scalar.tag == "tag:yaml.org,2002:str"
            else { return false }
            texts.append(scalar.string)
        }
        if texts.count <= 8 {
            for index in texts.indices.dropFirst() where texts[..<index].contains(texts[index]) { return false }
            return true
        }
        var seen = Set<String>(minimumCapacity: texts.count)
        return texts.allSatisfy { seen.insert($0).inserted }
    }

    /// Yams' order of nodes: scalars by text, collections by their elements (a mapping's by its keys), nodes of
    /// different kinds unordered.
    private static func precedes(_ lhs: YAMLNode, _ rhs: YAMLNode) -> Bool {
        switch (lhs.content, rhs.content) {
        case (.scalar(let left), .scalar(let right)):
            return left.string < right.string
        case (.mapping(let left), .mapping(let right)):
            return lexicographicallyPrecedes(left.map(\.key), right.map(\.key))
        case (.sequence(let left), .sequence(let right)):
            return lexicographicallyPrecedes(left, right)
        default:
            return false
        }
    }

    private static func lexicographicallyPrecedes(_ lhs: [YAMLNode], _ rhs: [YAMLNode]) -> Bool {
        for (left, right) in zip(lhs, rhs) {
            if precedes(left, right) { return true }
            if precedes(right, left) { return false }
        }
        return lhs.count < rhs.count
    }

    /// What makes two keys the same key: the text or contents, and the tag as Yams' basic resolver resolves it.
    private indirect enum KeyIdentity: Hashable {
        case scalar(String, tag: String)
        case mapping([KeyIdentity], tag: String)
        case sequence([KeyIdentity], tag: String)

        init(_ node: YAMLNode) {
            func resolved(_ tag: String, _ standard: String) -> String {
                tag.isEmpty || tag == "!" ? "tag:yaml.org,2002:" + standard : tag
            }
            switch node.content {
            case .scalar(let scalar):
                self = .scalar(scalar.string, tag: resolved(scalar.tag, "str"))
            case .mapping(let pairs):
                self = .mapping(pairs.flatMap { [KeyIdentity($0.key), KeyIdentity($0.value)] }, tag: resolved(node.collectionTag, "map"))
            case .sequence(let nodes):
                self = .sequence(nodes.map(KeyIdentity.init), tag: resolved(node.collectionTag, "seq"))
            }
        }
    }
}
