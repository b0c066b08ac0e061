/// Generates the field reference of `Docs/spec.md` from `SpecSchema`.
public enum SpecDocumentation {
    public static func markdown() -> String {
        var text = """
        # The pgha spec

        A spec describes one highly available PostgreSQL cluster on AKS. pgha reads it, checks it
        (see [diagnostics.md](diagnostics.md)), and renders the CloudNativePG manifests and the Azure deployment
        scripts. Only `apiVersion`, `kind`, `name` and `azure.location` are required; everything else has a
        default chosen for a production-grade HA cluster. Editors get completion and checking from
        [`Schemas/pgha.schema.json`](../Schemas/pgha.schema.json): start a spec with
        `# yaml-language-server: $schema=../Schemas/pgha.schema.json`.

        This reference is generated from the same table the parser uses (`SpecSchema.swift`); a test keeps it current.

        | Field | Type | Default | Becomes | Meaning |
        | --- | --- | --- | --- | --- |

        """
        for row in rows(SpecSchema.root, prefix: "") { text += row + "\n" }
        return text
    }

    private static func rows(_ fields: [FieldSchema], prefix: String) -> [String] {
        fields.flatMap { field -> [String] in
            let path = prefix + field.name
            let defaultText = field.isRequired ? "required" : field.defaultValue.map { "`\($0)`" } ?? "none"
            let row = "| `\(path)` | \(field.type.docName) | \(cell(defaultText)) | \(cell(field.becomes ?? "")) | \(cell(field.summary)) |"
            return [row] + rows(field.children, prefix: path + ".")
        }
    }

    private static func cell(_ text: String) -> String { text.replacingEvery("|", with: "\\|") }
}

private extension FieldSchema.ValueType {
    var docName: String {
        switch self {
        case .object: return "mapping"
        case .integer(let minimum, let maximum):
            return "integer" + (minimum != nil || maximum != nil ? " (\(minimum.map(String.init) ?? "")..\(maximum.map(String.init) ?? ""))" : "")
        default: return displayName
        }
    }
}
