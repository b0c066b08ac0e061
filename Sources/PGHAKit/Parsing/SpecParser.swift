/// Reads spec bytes into a typed `Spec`: YAML, then structure, then defaults. Reports every structural problem at once.
public enum SpecParser {
    /// The spec in `bytes` with its structural diagnostics, or nil when the bytes are not one YAML document.
    /// Fields with structural errors take their defaults, so the rest of the spec can still be validated.
    public static func parse(_ bytes: [UInt8]) -> (spec: Spec?, diagnostics: [Diagnostic]) {
        let root: YAMLNode
        let duplicateKeys: DuplicateKeys
        switch YAMLDocument.read(bytes) {
        case .failure(let list): return (nil, list.diagnostics)
        case .success(let document): (root, duplicateKeys) = document
        }
        var checker = StructureChecker(duplicateKeys: duplicateKeys)
        checker.check(root: root)
        var spec = SpecBuilder.build(root, sourceMap: checker.sourceMap, skipping: duplicateKeys)
        spec.sourceDigest = SHA256.hex(bytes)
        return (spec, duplicateKeys.diagnostics(in: root) + checker.diagnostics)
    }
}
