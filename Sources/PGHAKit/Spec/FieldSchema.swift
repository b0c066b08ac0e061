/// The shape of one spec field: the single description of the spec from which the parser checks structure,
/// `Schemas/pgha.schema.json` is generated and `Docs/spec.md` is written.
public struct FieldSchema: Sendable {
    /// What a field's value may be.
    public indirect enum ValueType: Sendable {
        /// Text. A number or boolean written in YAML is refused, so that `version: 1.30` is not silently `1.3`.
        case string
        /// A whole number within optional bounds.
        case integer(min: Int?, max: Int?)
        case boolean
        /// A Kubernetes quantity (`2`, `500m`, `8Gi`): a YAML number or string.
        case quantity
        /// Any scalar, kept as the exact text written (PostgreSQL parameter values).
        case scalar
        /// One of a fixed set of strings.
        case oneOf([String])
        /// A mapping with the listed keys only.
        case object([FieldSchema])
        /// A sequence of values of one type.
        case list(ValueType)
        /// A mapping with free-form keys and values of one type.
        case map(ValueType)
    }

    public let name: String
    public let type: ValueType
    public let isRequired: Bool
    /// The default, as the user would write it, for documentation.
    public let defaultValue: String?
    /// What the field means, in one or two sentences.
    public let summary: String
    /// The field of the rendered object it becomes, such as `Cluster.spec.instances`.
    public let becomes: String?

    public init(
        _ name: String,
        _ type: ValueType,
        required: Bool = false,
        default defaultValue: String? = nil,
        becomes: String? = nil,
        _ summary: String
    ) {
        self.name = name
        self.type = type
        self.isRequired = required
        self.defaultValue = defaultValue
        self.summary = summary
        self.becomes = becomes
    }

    /// The fields of an object type, or none.
    public var children: [FieldSchema] {
        if case .object(let fields) = type { return fields }
        return []
    }
}

extension FieldSchema.ValueType {
    /// How the type is named in diagnostics and documentation.
    public var displayName: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .boolean: return "boolean"
        case .quantity: return "quantity"
        case .scalar: return "scalar"
        case .oneOf(let values): return "one of " + values.map { "'\($0)'" }.joined(separator: ", ")
        case .object: return "mapping"
        case .list(let element): return "list of \(element.displayName)"
        case .map(let value): return "map of \(value.displayName)"
        }
    }
}
