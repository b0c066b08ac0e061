/// Checks a YAML node tree against `SpecSchema`: unknown and duplicate keys, wrong types, missing required
/// fields and numbers out of range, all reported at once. Records where every field was written.
struct StructureChecker {
    private(set) var diagnostics: [Diagnostic] = []
    /// Room for a guide-sized spec's fields (about 100), so the map does not grow field by field.
    private(set) var sourceMap = SourceMap(capacity: 128)
    /// The keys renamed to read past repeated keys, which are skipped (the repeat is reported instead).
    let duplicateKeys: DuplicateKeys

    init(duplicateKeys: DuplicateKeys = DuplicateKeys()) {
        self.duplicateKeys = duplicateKeys
    }

    mutating func check(root: YAMLNode) {
        sourceMap.record("", at: root.location)
        check(root, as: .object(SpecSchema.root), path: "", depth: 0)
    }

    private mutating func check(_ node: YAMLNode, as type: FieldSchema.ValueType, path: String, depth: Int) {
        let location = node.location
        if let tag = explicitTag(of: node) {
            report(.anchorsNotAllowed, "YAML tags are not allowed in a spec (found '\(tag)')", path, location,
                   hint: "remove the tag; quote the value if it must be a string")
            return
        }
        guard depth <= YAMLDocument.maximumDepth else {
            report(.inputTooLarge, "the value is nested too deeply", path, location)
            return
        }
        switch type {
        case .object(let fields):
            guard let mapping = node.mapping else { return mismatch(node, type, path) }
            checkObject(mapping, fields: fields, path: path, depth: depth, at: location)
        case .map(let valueType):
            guard let mapping = node.mapping else { return mismatch(node, type, path) }
            reportNonStringKeys(mapping, path: path)
            for (key, value) in mapping {
                guard let name = keyText(key) else { continue }
                let childPath = SpecPath.field(name, in: path)
                sourceMap.record(childPath, at: value.isCollection ? key.location : value.location, key: key.location)
                check(value, as: valueType, path: childPath, depth: depth + 1)
            }
        case .list(let elementType):
            guard let sequence = node.sequence else { return mismatch(node, type, path) }
            for index in sequence.indices {
                let childPath = SpecPath.element(index, in: path)
                sourceMap.record(childPath, at: sequence[index].location)
                check(sequence[index], as: elementType, path: childPath, depth: depth + 1)
            }
        case .string:
            guard node.scalar != nil, node.resolvedKind == .string else { return mismatch(node, type, path) }
        case .scalar, .quantity:
            guard node.scalar != nil else { return mismatch(node, type, path) }
            let kind = node.resolvedKind
            if kind == .null || (type.isQuantity && kind == .boolean) { return mismatch(node, type, path) }
        case .boolean:
            guard node.scalar != nil, node.resolvedKind == .boolean else { return mismatch(node, type, path) }
        case .integer(let minimum, let maximum):
            guard let scalar = node.scalar, node.resolvedKind == .integer else { return mismatch(node, type, path) }
            // Int(_:) reads only ASCII signs and digits, so the bytes tell what the characters would.
            let text = scalar.string.utf8
            let digits = text.first == UInt8(ascii: "-") ? text.dropFirst() : text[...]
            guard let value = Int(scalar.string), text.first != UInt8(ascii: "+"),
                  digits.count == 1 || digits.first != UInt8(ascii: "0") else {
                return report(.wrongType, "'\(path)' must be a plain decimal integer, not '\(scalar.string)'", path, location,
                              hint: "write it in decimal digits only, without '+', '_', a leading 0 (YAML 1.1 reads 017 as octal) or a 0x/0o/0b prefix")
            }
            if let minimum, value < minimum {
                report(.outOfRange, "'\(path)' must be at least \(minimum), not \(value)", path, location)
            } else if let maximum, value > maximum {
                report(.outOfRange, "'\(path)' must be at most \(maximum), not \(value)", path, location)
            }
        case .oneOf(let values):
            guard let scalar = node.scalar, node.resolvedKind == .string else { return mismatch(node, type, path) }
            if !values.contains(scalar.string) {
                let suggestion = Suggestion.closest(to: scalar.string, in: values)
                let code: DiagnosticCode = path == "apiVersion" || path == "kind" ? .unsupportedAPIVersion : .invalidEnumValue
                report(code, "'\(path)' must be \(type.displayName), not '\(scalar.string)'", path, location,
                       hint: suggestion.map { "did you mean '\($0)'?" })
            }
        }
    }

    private mutating func checkObject(_ mapping: [(key: YAMLNode, value: YAMLNode)], fields: [FieldSchema], path: String, depth: Int,
                                      at mappingLocation: SourceLocation) {
        reportNonStringKeys(mapping, path: path)
        for (key, value) in mapping {
            guard let name = keyText(key) else { continue }
            let childPath = SpecPath.field(name, in: path)
            guard let fieldIndex = fields.firstIndex(where: { $0.name == name }) else {
                let suggestion = Suggestion.closest(to: name, in: fields.map(\.name))
                let known = fields.map(\.name).joined(separator: ", ")
                report(.unknownKey, "unknown key '\(name)'" + (path.isEmpty ? "" : " in '\(path)'"), childPath,
                       key.location,
                       hint: suggestion.map { "did you mean '\($0)'?" } ?? "the keys here are: \(known)")
                continue
            }
            sourceMap.record(childPath, at: value.isCollection ? key.location : value.location, key: key.location)
            check(value, as: fields[fieldIndex].type, path: childPath, depth: depth + 1)
        }
        for field in fields where field.isRequired && !mapping.contains(where: { keyText($0.key) == field.name }) {
            let where_ = path.isEmpty ? "the spec" : "'\(path)'"
            report(.missingField, "\(where_) is missing the required field '\(field.name)'", SpecPath.field(field.name, in: path),
                   mappingLocation, hint: field.summary)
        }
    }

    /// Reports each key of a mapping that is not a scalar, before its fields are checked.
    private mutating func reportNonStringKeys(_ mapping: [(key: YAMLNode, value: YAMLNode)], path: String) {
        for (key, _) in mapping where !key.isScalar {
            report(.wrongType, "keys must be plain strings", path, key.location)
        }
    }

    /// The text of a scalar key, or nil for a key reported by `reportNonStringKeys` and for the placeholder of an
    /// earlier occurrence of a repeated key, which is skipped.
    private func keyText(_ key: YAMLNode) -> String? {
        guard case .scalar(let scalar) = key.content, !duplicateKeys.isPlaceholder(scalar.string) else { return nil }
        return scalar.string
    }

    private mutating func mismatch(_ node: YAMLNode, _ expected: FieldSchema.ValueType, _ path: String) {
        let found: String
        var hint: String?
        switch node.content {
        case .mapping: found = "a mapping"
        case .sequence: found = "a list"
        case .scalar(let scalar):
            switch node.resolvedKind {
            case .null: found = "nothing (null)"
            case .boolean: found = "the boolean '\(scalar.string)'"
            case .integer, .float: found = "the number '\(scalar.string)'"
            case .string, .other: found = "the string '\(scalar.string)'"
            }
            if expected.isText { hint = "quote it: '\(scalar.string)' is read as \(found.hasPrefix("the bool") ? "a boolean" : "a number") otherwise" }
            if case .integer = expected { hint = "write a whole number without quotes" }
            if case .boolean = expected { hint = "write true or false" }
        }
        if hint == nil, case .object(let fields) = expected {
            hint = "expected keys such as " + fields.prefix(4).map(\.name).joined(separator: ", ")
        }
        report(.wrongType, "'\(path.isEmpty ? "spec" : path)' must be \(article(expected)), not \(found)", path,
               node.location, hint: hint)
    }

    private func article(_ type: FieldSchema.ValueType) -> String {
        switch type {
        case .oneOf: return type.displayName
        case .integer, .object(_), .list(_), .map(_): return "a" + (type.displayName.first.map { "aeiou".contains($0) } == true ? "n " : " ") + type.displayName
        default: return "a " + type.displayName
        }
    }

    /// A tag outside YAML's standard set (`!foo`), which a spec never needs.
    private func explicitTag(of node: YAMLNode) -> String? {
        let tag: String
        switch node.content {
        case .scalar(let scalar): tag = scalar.tag
        case .mapping, .sequence: tag = node.collectionTag
        }
        // The two tags nearly every node has, none and libyaml's for quoted scalars, are told before the prefix.
        let isStandard = tag.isEmpty || tag == "tag:yaml.org,2002:str" || tag == "!" || tag.hasPrefix("tag:yaml.org,2002:")
        return isStandard ? nil : tag
    }

    private mutating func report(_ code: DiagnosticCode, _ message: String, _ path: String,
                                 _ location: SourceLocation, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, code, message, path: path, at: location, hint: hint))
    }
}

private extension FieldSchema.ValueType {
    /// Whether the value is text, so a YAML number or boolean is refused (`version: 1.30` reads as 1.3).
    var isText: Bool {
        switch self {
        case .string, .oneOf: return true
        default: return false
        }
    }

    var isQuantity: Bool {
        if case .quantity = self { return true }
        return false
    }
}

extension YAMLNode {
    /// Whether the node is a mapping or a sequence (diagnostics about it point at its key).
    var isCollection: Bool { !isScalar }

    /// Whether the node is a scalar.
    var isScalar: Bool {
        if case .scalar = content { return true }
        return false
    }

    /// What a scalar means (see `ScalarKind`); `.other` for collections.
    var resolvedKind: ScalarKind {
        guard let scalar else { return .other }
        return ScalarKind.of(scalar)
    }
}
