/// Generates `Schemas/pgha.schema.json` (JSON Schema draft 2020-12) from `SpecSchema`, so the schema editors
/// use and the field set the parser accepts can never disagree.
public enum JSONSchemaGenerator {
    public static func schema() -> String {
        var root: [(String, JSON)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://pgha.dev/schemas/pgha.schema.json")),
            ("title", .string("pgha PostgresCluster spec")),
            ("description", .string("One highly available PostgreSQL on AKS with CloudNativePG, compiled by pgha.")),
        ]
        root += objectSchema(SpecSchema.root)
        return JSON.object(root).pretty(indent: 0) + "\n"
    }

    private static func objectSchema(_ fields: [FieldSchema]) -> [(String, JSON)] {
        var result: [(String, JSON)] = [
            ("type", .string("object")),
            ("additionalProperties", .bool(false)),
            ("properties", .object(fields.map { ($0.name, property($0)) })),
        ]
        let required = fields.filter(\.isRequired).map { JSON.string($0.name) }
        if !required.isEmpty { result.append(("required", .array(required))) }
        return result
    }

    private static func property(_ field: FieldSchema) -> JSON {
        var description = field.summary
        if let defaultValue = field.defaultValue { description += " Default: \(defaultValue)." }
        return .object([("description", .string(description))] + typeSchema(field.type))
    }

    private static func typeSchema(_ type: FieldSchema.ValueType) -> [(String, JSON)] {
        switch type {
        case .string: return [("type", .string("string"))]
        case .boolean: return [("type", .string("boolean"))]
        case .integer(let minimum, let maximum):
            var result: [(String, JSON)] = [("type", .string("integer"))]
            if let minimum { result.append(("minimum", .number(minimum))) }
            if let maximum { result.append(("maximum", .number(maximum))) }
            return result
        case .quantity:
            return [("type", .array([.string("string"), .string("number")]))]
        case .scalar:
            return [("type", .array([.string("string"), .string("number"), .string("boolean")]))]
        case .oneOf(let values):
            return [("type", .string("string")), ("enum", .array(values.map { .string($0) }))]
        case .object(let fields):
            return objectSchema(fields)
        case .list(let element):
            return [("type", .string("array")), ("items", .object(typeSchema(element)))]
        case .map(let value):
            return [("type", .string("object")), ("additionalProperties", .object(typeSchema(value)))]
        }
    }
}

/// A JSON value with ordered object keys, printed deterministically.
indirect enum JSON {
    case string(String)
    case number(Int)
    case bool(Bool)
    case array([JSON])
    case object([(String, JSON)])

    func pretty(indent: Int) -> String {
        let inner = String(repeating: "  ", count: indent + 1)
        let outer = String(repeating: "  ", count: indent)
        switch self {
        case .string(let text): return jsonString(text)
        case .number(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .array(let items):
            if items.allSatisfy({ if case .string = $0 { return true } else { return false } }) {
                return "[" + items.map { $0.pretty(indent: 0) }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { inner + $0.pretty(indent: indent + 1) }.joined(separator: ",\n") + "\n\(outer)]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { "\(inner)\(jsonString($0.0)): \($0.1.pretty(indent: indent + 1))" }
                .joined(separator: ",\n") + "\n\(outer)}"
        }
    }
}
