import Foundation
import Testing
@testable import PGHAKit

/// What diagnostics print.
@Suite struct DiagnosticFormatterTests {
    @Test func sourceLinesNeverCarryControlCharacters() {
        let source = Array("name: \u{1B}[31mred\u{1B}[0m\n".utf8)
        let diagnostic = Diagnostic(.error, .unknownKey, "bad \u{1B}[2J", path: "name", at: SourceLocation(line: 1, column: 1))
        let text = DiagnosticFormatter(format: .human).format([diagnostic], file: "s.yaml", source: source)
        #expect(!text.unicodeScalars.contains("\u{1B}"))
    }
}
