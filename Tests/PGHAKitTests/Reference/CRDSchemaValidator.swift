import Foundation
import Yams

/// A small OpenAPI v3 validator for the structural schemas of CustomResourceDefinitions: types, properties
/// (unknown fields are errors unless preserved), required, enum, pattern, bounds, int-or-string. CEL rules
/// (`x-kubernetes-validations`) are not evaluated; the API server's own ObjectMeta schema is not checked.
struct CRDSchemaValidator {
    let schema: [String: Any]

    init(schema: [String: Any]) {
        self.schema = schema
    }

    /// The validator for `kind` of `version` in the CRD file at `url`.
    init?(crd url: URL, version: String) throws {
        guard let crd = try Yams.load(yaml: String(contentsOf: url, encoding: .utf8)) as? [String: Any],
              let spec = crd["spec"] as? [String: Any],
              let versions = spec["versions"] as? [[String: Any]],
              let entry = versions.first(where: { $0["name"] as? String == version }),
              let schemaSection = entry["schema"] as? [String: Any],
              let schema = schemaSection["openAPIV3Schema"] as? [String: Any] else { return nil }
        self.schema = schema
    }

    /// Every violation in `object`, as `path: problem`.
    func violations(of object: Any) -> [String] {
        var problems: [String] = []
        validate(object, schema, path: "", into: &problems)
        return problems
    }

    private func validate(_ value: Any, _ schema: [String: Any], path: String, into problems: inout [String]) {
        if schema["x-kubernetes-int-or-string"] as? Bool == true {
            if !(value is Int || value is String) { problems.append("\(path): must be an integer or a string") }
            return
        }
        if let types = schema["type"] as? [String] {
            let matches = types.contains { type in
                switch type {
                case "string": return value is String
                case "number": return value is Int || value is Double
                case "boolean": return value is Bool
                default: return false
                }
            }
            if !matches { problems.append("\(path): must be one of \(types)") }
            return
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return problems.append("\(path): must be an object") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            if path == ".metadata" && properties.isEmpty { return }
            for required in schema["required"] as? [String] ?? [] where object[required] == nil {
                problems.append("\(path).\(required): is required")
            }
            let preserves = schema["x-kubernetes-preserve-unknown-fields"] as? Bool == true
            for (key, child) in object {
                if let childSchema = properties[key] as? [String: Any] {
                    validate(child, childSchema, path: "\(path).\(key)", into: &problems)
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    validate(child, additional, path: "\(path).\(key)", into: &problems)
                } else if !preserves && schema["additionalProperties"] as? Bool != true {
                    problems.append("\(path).\(key): unknown field")
                }
            }
        case "array":
            guard let array = value as? [Any] else { return problems.append("\(path): must be an array") }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() { validate(item, items, path: "\(path)[\(index)]", into: &problems) }
            }
        case "string":
            guard let string = value as? String else { return problems.append("\(path): must be a string, not \(value)") }
            if let values = schema["enum"] as? [Any], !values.contains(where: { ($0 as? String) == string }) {
                problems.append("\(path): '\(string)' is not one of \(values)")
            }
            if let pattern = schema["pattern"] as? String, let regex = try? Regex(pattern), (try? regex.firstMatch(in: string)) == nil {
                problems.append("\(path): '\(string)' does not match \(pattern)")
            }
            if let maxLength = schema["maxLength"] as? Int, string.count > maxLength {
                problems.append("\(path): longer than \(maxLength)")
            }
        case "integer":
            guard let number = value as? Int else { return problems.append("\(path): must be an integer, not \(value)") }
            if let minimum = schema["minimum"] as? Int, number < minimum { problems.append("\(path): below \(minimum)") }
            if let maximum = schema["maximum"] as? Int, number > maximum { problems.append("\(path): above \(maximum)") }
        case "boolean":
            if !(value is Bool) { problems.append("\(path): must be a boolean") }
        case "number":
            if !(value is Int || value is Double) { problems.append("\(path): must be a number") }
        default:
            break
        }
    }
}
