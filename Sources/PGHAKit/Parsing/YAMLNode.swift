/// One node of a composed YAML document, as `YAMLComposer` builds it from libyaml's events: a scalar with its
/// text and style, a mapping with its pairs in file order, or a sequence; each with its tag as written (empty when
/// implicit) and where it starts in the file. A class, so that walking the tree (the structure check, building the
/// `Spec`) copies a reference, not a node's strings and arrays one retain each.
final class YAMLNode {
    enum Content {
        case scalar(Scalar)
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    /// A scalar's text and how it was written.
    struct Scalar {
        var string: String
        var style: ScalarStyle
        /// The tag as libyaml resolved it (`tag:yaml.org,2002:str` for a quoted or block scalar without one);
        /// empty when a plain scalar has none.
        var tag: String
    }

    /// How a scalar was written: libyaml's `yaml_scalar_style_t`.
    enum ScalarStyle: UInt32 {
        case any = 0, plain, singleQuoted, doubleQuoted, literal, folded
    }

    let content: Content
    /// A collection's tag as written (empty when implicit); a scalar's is `Scalar.tag`.
    let collectionTag: String
    /// Where the node starts in the file.
    let location: SourceLocation

    init(content: Content, collectionTag: String, location: SourceLocation) {
        self.content = content
        self.collectionTag = collectionTag
        self.location = location
    }

    var scalar: Scalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    var mapping: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    var sequence: [YAMLNode]? {
        if case .sequence(let nodes) = content { return nodes }
        return nil
    }
}
