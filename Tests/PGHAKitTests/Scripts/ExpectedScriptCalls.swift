import Foundation
import Testing

/// The exact commands the scripts run against the fakes, as the scripts quote them (`$OUT` is the output directory),
/// kept as golden files in `Golden/calls/` and rewritten by `PGHA_UPDATE_GOLDEN=1 swift test`. A change to any
/// script shows there first: review it against the guide's order.
enum ExpectedScriptCalls {
    /// Compares `lines` with `Golden/calls/<name>.txt`, or rewrites that file when updating golden files.
    static func check(_ lines: [String], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = TestSupport.repositoryRoot.appendingPathComponent("Tests/PGHAKitTests/Golden/calls/\(name).txt")
        let text = lines.map { $0 + "\n" }.joined()
        if TestSupport.updatingGoldenFiles {
            try Data(text.utf8).write(to: file)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected, "calls differ from \(name).txt (PGHA_UPDATE_GOLDEN=1 swift test rewrites it):\n\(text)", sourceLocation: sourceLocation)
    }
}
