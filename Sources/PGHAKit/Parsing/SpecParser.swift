/// Reads spec bytes into a typed `Spec`: YAML, then structure, then defaults. Reports every structural problem at once.
public enum SpecParser {
    /// The spec in `bytes`, or nil with the errors that prevent reading it.
    public static func parse(_ bytes: [UInt8]) -> (spec: Spec?, diagnostics: [Diagnostic]) {
        let root: Yams.Node
        switch YAMLDocument.read(bytes) {
        case .failure(let list): return (nil, list.diagnostics)
        case .success(let node): root = node
        }
        var checker = StructureChecker()
        checker.check(root: root)
        if checker.diagnostics.containsErrors { return (nil, checker.diagnostics.sortedByLocation()) }
        return (SpecBuilder.build(root, sourceMap: checker.sourceMap), checker.diagnostics)
    }
}

import Yams
