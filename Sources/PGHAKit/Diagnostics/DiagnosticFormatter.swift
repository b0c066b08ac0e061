/// Formats diagnostics for people (compiler style), for tools (JSON lines) and for GitHub Actions annotations.
public struct DiagnosticFormatter: Sendable {
    /// The output formats of `--format`.
    public enum Format: String, Sendable, CaseIterable {
        case human, json, github
    }

    public var format: Format
    /// Whether to colour human output (only on a terminal).
    public var colored: Bool

    public init(format: Format, colored: Bool = false) {
        self.format = format
        self.colored = colored
    }

    /// All diagnostics of one file, each ending in a newline.
    public func format(_ diagnostics: [Diagnostic], file: String, source: [UInt8]) -> String {
        let lines = format == .human ? SourceLines(source) : SourceLines([])
        return diagnostics.map { diagnostic in
            switch format {
            case .human: return human(diagnostic, file: file, lines: lines)
            case .json: return json(diagnostic, file: file) + "\n"
            case .github: return github(diagnostic, file: file) + "\n"
            }
        }.joined()
    }

    /// A message that is not about a spec's content (an I/O error, a summary), ending in a newline; `file` names
    /// the file it concerns, if any.
    public func message(_ severity: Diagnostic.Severity, _ text: String, file: String? = nil) -> String {
        switch format {
        case .human:
            return paint(severity.rawValue, severity == .error ? "31" : severity == .warning ? "33" : "36") + ": " + printable(text) + "\n"
        case .json:
            var fields = [("severity", jsonString(severity.rawValue)), ("message", jsonString(text))]
            if let file { fields.insert(("file", jsonString(file)), at: 0) }
            return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
        case .github:
            let properties = file.map { " file=\(escapeProperty($0))" } ?? ""
            return "::\(githubCommand(severity))\(properties)::\(escapeData(text))\n"
        }
    }

    /// One file that rendering would change (`pgha check`'s listing): `added: out/x.yaml` for people, an object with
    /// the change and the file for tools, an error annotation on the file for GitHub Actions.
    public func change(_ change: String, file: String) -> String {
        switch format {
        case .human: return "\(change): \(printable(file))\n"
        case .json: return "{\"change\":\(jsonString(change)),\"file\":\(jsonString(file))}\n"
        case .github: return "::error file=\(escapeProperty(file)),title=\(escapeProperty(change))::this file would be \(change) by pgha render; render and commit the result\n"
        }
    }

    private func githubCommand(_ severity: Diagnostic.Severity) -> String {
        severity == .error ? "error" : severity == .warning ? "warning" : "notice"
    }

    private func human(_ diagnostic: Diagnostic, file: String, lines: SourceLines) -> String {
        let location = diagnostic.location
        let severity = paint(diagnostic.severity.rawValue, diagnostic.severity == .error ? "31" : diagnostic.severity == .warning ? "33" : "36")
        var text = "\(file):\(location.line):\(location.column): \(severity)[\(diagnostic.code)]: \(bold(printable(diagnostic.message)))\n"
        if let line = lines.line(location.line).map(printable) {
            let gutter = String(location.line)
            let padding = String(repeating: " ", count: gutter.count)
            let caretOffset = line.unicodeScalars.prefix(max(0, location.column - 1))
                .map { $0 == "\t" ? "\t" : " " }.joined()
            text += " \(gutter) | \(line)\n \(padding) | \(caretOffset)\(paint("^", "32"))\n"
        }
        if !diagnostic.path.isEmpty { text += "  = spec path: \(printable(diagnostic.path))\n" }
        if let hint = diagnostic.hint { text += "  = hint: \(printable(hint))\n" }
        return text
    }

    private func json(_ diagnostic: Diagnostic, file: String) -> String {
        var fields = [
            ("file", jsonString(file)),
            ("line", String(diagnostic.location.line)),
            ("column", String(diagnostic.location.column)),
            ("severity", jsonString(diagnostic.severity.rawValue)),
            ("code", jsonString(diagnostic.code.rawValue)),
            ("message", jsonString(diagnostic.message)),
            ("path", jsonString(diagnostic.path)),
        ]
        if let hint = diagnostic.hint { fields.append(("hint", jsonString(hint))) }
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    private func github(_ diagnostic: Diagnostic, file: String) -> String {
        let command = githubCommand(diagnostic.severity)
        var message = diagnostic.message
        if !diagnostic.path.isEmpty { message += " (spec path: \(diagnostic.path))" }
        if let hint = diagnostic.hint { message += "\nhint: \(hint)" }
        let properties = "file=\(escapeProperty(file)),line=\(diagnostic.location.line),col=\(diagnostic.location.column),title=\(escapeProperty(diagnostic.code.rawValue))"
        return "::\(command) \(properties)::\(escapeData(message))"
    }

    /// `scalar`, or `?` for a control character other than a tab.
    private func printable(_ scalar: Unicode.Scalar) -> String.UnicodeScalarView {
        scalar != "\t" && scalar.properties.generalCategory == .control ? "?".unicodeScalars : String(scalar).unicodeScalars
    }

    /// `text` with its control characters shown as `?`.
    private func printable(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 && $0 != UInt8(ascii: "\t") || $0 >= 0x7F }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(contentsOf: printable(scalar)) }
        return String(result)
    }

    private func paint(_ text: String, _ color: String) -> String {
        colored ? "\u{1B}[1;\(color)m\(text)\u{1B}[0m" : text
    }

    private func bold(_ text: String) -> String {
        colored ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    private func escapeData(_ text: String) -> String {
        text.replacingEvery("%", with: "%25").replacingEvery("\r", with: "%0D").replacingEvery("\n", with: "%0A")
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingEvery(":", with: "%3A").replacingEvery(",", with: "%2C")
    }
}
