/// Renders a `Script` as bash. Spec values appear only in the variables block, single-quoted; commands read them as
/// `"$NAME"`, so no value, whatever characters it holds, can become shell syntax. The output is plain string
/// building: cheap, and byte-identical for the same script.
public enum BashRenderer {
    /// Commands longer than this are wrapped, one option per line.
    static let lineWidth = 100

    /// The script as the text of an executable bash file.
    public static func render(_ script: Script) -> String {
        var writer = Writer()
        let used = usedFeatures(script)
        let read = readVariables(script)
        writeHeader(script, into: &writer)
        writeVariables(script, read: read, into: &writer)
        writeSettings(script, read: read, into: &writer)
        writeUsage(script, into: &writer)
        writeHelpers(script, used, into: &writer)
        writer.line("main() {")
        if used.captures { writer.line("  exec 3>&1") }
        writer.line("  parse_options \"$@\"")
        writer.line("  if [ \"$DRY_RUN\" = 1 ]; then")
        writer.line("    log 'PLAN (--dry-run): read-only probes run; \"plan:\" lines say what a run would create, update or delete; nothing is changed.'")
        writer.line("  fi")
        if script.failureNote != nil { writer.line("  trap 'on_exit \"$?\"' EXIT") }
        if !script.tools.isEmpty {
            writer.line("  if [ \"$DRY_RUN\" = 0 ]; then")
            writer.line("    require_tools " + script.tools.map(word).joined(separator: " "))
            writer.line("  fi")
        }
        for step in script.steps { writeStep(step, indent: "  ", into: &writer) }
        writer.line("  if [ \"$DRY_RUN\" = 1 ]; then")
        writer.line("    log 'End of the plan: nothing was changed.'")
        writer.line("  fi")
        writer.line("}")
        writer.line("")
        writer.line("main \"$@\"")
        return writer.text
    }

    // MARK: Quoting

    /// `text` as one shell word: bare when every character is inert in bash, single-quoted otherwise
    /// (a single quote inside becomes `'\''`).
    public static func quote(_ text: String) -> String {
        var text = text
        let inert = text.withUTF8 { bytes in !bytes.isEmpty && bytes.allSatisfy(isInert) }
        return inert ? text : singleQuoted(text)
    }

    /// `text` in single quotes, always.
    public static func singleQuoted(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "'")) else { return "'" + text + "'" }
        return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    /// Characters that mean nothing to bash inside a word (no expansion, globbing, splitting or quoting).
    private static func isInert(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"),
             UInt8(ascii: "@"), UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: ","):
            true
        default:
            false
        }
    }

    /// The word as bash source: a literal alone is quoted; a word that reads variables becomes one double-quoted
    /// string whose literal text has `\`, `$`, `` ` `` and `"` escaped.
    public static func word(_ word: ShellWord) -> String {
        if word.parts.count == 1 {
            switch word.parts[0] {
            case .literal(let text): return quote(text)
            case .arrayElements(let name): return "\"${\(name)[@]}\""
            case .variable(let name): return "\"$\(name)\""
            }
        }
        if !word.readsVariables {
            return quote(word.parts.map { if case .literal(let text) = $0 { text } else { "" } }.joined())
        }
        return "\"" + doubleQuotedContent(word) + "\""
    }

    /// The word as it reads between double quotes: `\`, `$`, `` ` `` and `"` escaped, variables expanded. Inside
    /// longer code (`closed: false`) a variable at the end is braced, as the code's next character is unknown.
    static func doubleQuotedContent(_ word: ShellWord, closed: Bool = true) -> String {
        var source = ""
        for (index, part) in word.parts.enumerated() {
            switch part {
            case .literal(let text) where !text.utf8.contains(where: isSpecialInDoubleQuotes):
                source += text
            case .literal(let text):
                for character in text {
                    if character == "\\" || character == "$" || character == "`" || character == "\"" { source.append("\\") }
                    source.append(character)
                }
            case .variable(let name):
                let last = index == word.parts.count - 1
                source += continuesName(word.parts, after: index) || (last && !closed) ? "${\(name)}" : "$\(name)"
            case .arrayElements(let name):
                source += "${\(name)[*]}"
            }
        }
        return source
    }

    private static func isSpecialInDoubleQuotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "\"")
    }

    /// Whether the text after part `index` would extend a `$NAME` written without braces.
    private static func continuesName(_ parts: [ShellWord.Part], after index: Int) -> Bool {
        guard index + 1 < parts.count, case .literal(let next) = parts[index + 1], let first = next.unicodeScalars.first else {
            return false
        }
        return first == "_" || (first.isASCII && first.properties.isAlphabetic) || ("0"..."9").contains(first)
    }

    // MARK: Layout

    /// `prefix`, the command and `suffix` on one line, or wrapped before each option when too long.
    static func layout(_ command: Command, prefix: String = "", suffix: String = "", indent: String) -> String {
        var writer = Writer()
        writer.layout(command, prefix: prefix, suffix: suffix, indent: indent)
        return writer.text
    }

    // MARK: Sections

    private static func writeHeader(_ script: Script, into writer: inout Writer) {
        writer.line("#!/usr/bin/env bash")
        writer.line("# \(script.fileName): \(commentSafe(script.purpose))")
        let source = script.specFileName.map { " from \(commentSafe($0))" } ?? ""
        writer.line("# Rendered by pgha \(PGHAVersion.current)\(source). Do not edit: change the spec and render again.")
        writer.line("# Usage: scripts/\(script.fileName) \(usageOptions(script)) (--help for details)")
        writer.line(#"if [ -z "${BASH_VERSION:-}" ]; then echo "run it with bash: bash $0" >&2; exit 2; fi"#)
        writer.line("set -euo pipefail")
        writer.line("")
    }

    /// Text fit for a comment line: control characters (newlines included) become `?`.
    static func commentSafe(_ text: String) -> String {
        // Control characters are below 0x20, 0x7F, or U+0080...U+009F (0xC2 0x80...0x9F in UTF-8).
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? "?" : $0 }))
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.generalCategory == .control }

    /// The variables the steps and the tool check read.
    private static func readVariables(_ script: Script) -> Set<String> {
        var names = Set<String>()
        for step in script.steps { step.collectVariableNames(into: &names) }
        for tool in script.tools { tool.collectVariableNames(into: &names) }
        return names
    }

    private static func writeVariables(_ script: Script, read: Set<String>, into writer: inout Writer) {
        let variables = script.variables.filter { read.contains($0.name) }
        guard !variables.isEmpty else { return }
        writer.line("# Values from the spec, checked by pgha and single-quoted: none of them can run a command.")
        var group: String?
        for variable in variables {
            if let next = variable.group, next != group {
                writer.line("# \(commentSafe(next))")
                group = next
            }
            let values = switch variable.value {
            case .scalar(let value): [value]
            case .array(let values): values
            }
            if values.contains(where: { $0.utf8.contains { $0 == UInt8(ascii: "$") || $0 == UInt8(ascii: "`") } }) {
                writer.line("# shellcheck disable=SC2016 # \(variable.name) holds a literal $ or `, which single quotes keep")
            }
            switch variable.value {
            case .scalar(let value):
                writer.line("\(variable.name)=\(singleQuoted(value))")
            case .array(let values):
                writer.line("\(variable.name)=(\(values.map(singleQuoted).joined(separator: " ")))")
            }
        }
        writer.line("")
    }

    private static func writeSettings(_ script: Script, read: Set<String>, into writer: inout Writer) {
        if read.contains("OUT_DIR") {
            writer.line("OUT_DIR=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")/..\" && pwd)\"")
        }
        writer.line("DRY_RUN=0")
        for setting in script.environment {
            writer.line("\(setting.name)=\"${\(setting.name):-\(setting.defaultValue)}\"")
            if let exported = setting.exportedAs { writer.line("export \(exported)=\"$\(setting.name)\"") }
        }
        for option in script.options { writer.line("\(option.variable)=\(option.initialValue)") }
        writer.line("")
    }

    private static func usageOptions(_ script: Script) -> String {
        (["[--dry-run]"] + script.options.map { "[\($0.flag)\($0.argument.map { " \($0)" } ?? "")]" }).joined(separator: " ")
    }

    private static func writeUsage(_ script: Script, into writer: inout Writer) {
        let options: [(String, String)] = [("--dry-run", "Print the plan: run only read-only probes, and print what would be created, updated or deleted.")]
            + script.options.map { ($0.flag + ($0.argument.map { " \($0)" } ?? ""), $0.help) }
            + [("-h, --help", "Show this help.")]
        let width = options.map(\.0.count).max() ?? 0
        writer.line("usage() {")
        writer.line("  cat <<'USAGE'")
        writer.line("Usage: scripts/\(script.fileName) \(usageOptions(script))")
        writer.line("")
        writer.line(commentSafe(script.purpose))
        writer.line("")
        writer.line("Options:")
        for (flag, help) in options {
            writer.line("  " + flag + String(repeating: " ", count: width - flag.count) + "  " + commentSafe(help))
        }
        if !script.environment.isEmpty {
            writer.line("")
            writer.line("Environment:")
            for setting in script.environment { writer.line("  \(setting.name)  \(commentSafe(setting.help))") }
        }
        writer.line("USAGE")
        writer.line("}")
        writer.line("")
    }

    /// Which helpers the steps need.
    private struct Features {
        var run = false
        var captures = false
    }

    private static func usedFeatures(_ script: Script) -> Features {
        var features = Features()
        func visit(_ steps: [Step]) {
            for step in steps {
                switch step {
                case .run, .pipeSecret: features.run = true
                case .capture: features.captures = true
                case .when(_, let then, let otherwise):
                    visit(then + otherwise)
                case .heading, .note, .code, .check: break
                }
            }
        }
        visit(script.steps)
        return features
    }

    private static func writeHelpers(_ script: Script, _ used: Features, into writer: inout Writer) {
        writer.lines("""
        log() { printf '%s\\n' "$*"; }
        heading() { printf '\\n==> %s\\n' "$*"; }
        fail() {
          printf 'error: %s\\n' "$*" >&2
          exit 1
        }
        quote_args() {
          local quoted
          printf -v quoted ' %q' "$@"
          printf '%s' "${quoted# }"
        }
        """)
        if used.run {
            writer.lines("""
            # Prints a command, then runs it. With --dry-run, prints it as a step of the plan instead, named by its
            # verb: create, update, delete or run.
            run() {
              if [ "$DRY_RUN" = 1 ]; then
                local action=run
                case " $* " in
                  *" delete "*) action=delete ;;
                  *" create "* | *" add "*) action=create ;;
                  *" update "* | *" upgrade "* | *" apply "*) action=update ;;
                esac
                log "plan: $action: $(quote_args "$@")"
                return 0
              fi
              log "+ $(quote_args "$@")"
              "$@"
            }
            """)
        }
        if used.captures || !script.functions.isEmpty {
            writer.lines("""
            # Whether an argument holds a --dry-run placeholder such as <CLIENT_ID>: has_placeholder ARGUMENT...
            has_placeholder() {
              local argument
              for argument in "$@"; do
                case "$argument" in *'<'[A-Z]*'>'*) return 0 ;; esac
              done
              return 1
            }
            """)
        }
        if used.captures {
            writer.lines("""
            # The output of a command, which must print something: read_value NAME COMMAND...
            # With --dry-run, prints the command and answers <NAME>.
            read_value() {
              local name=$1 value
              shift
              printf '+ %s=%s(%s)\\n' "$name" '$' "$(quote_args "$@")" >&3
              if [ "$DRY_RUN" = 1 ]; then
                printf '<%s>\\n' "$name"
                return 0
              fi
              value="$("$@")" || fail "$(quote_args "$@") failed"
              [ -n "$value" ] || fail "$(quote_args "$@") printed nothing"
              printf '%s\\n' "$value"
            }

            # The output of a read-only command: look_up NAME COMMAND... As read_value, but with --dry-run it reads
            # too, answering <NAME> when the command cannot answer yet (what it reads does not exist).
            look_up() {
              local name=$1 value
              if [ "$DRY_RUN" = 0 ]; then
                read_value "$@"
                return
              fi
              shift
              printf '+ %s=%s(%s)\\n' "$name" '$' "$(quote_args "$@")" >&3
              if ! has_placeholder "$@" && value="$("$@" 2>/dev/null)" && [ -n "$value" ]; then
                printf '%s\\n' "$value"
              else
                printf '<%s>\\n' "$name"
              fi
            }
            """)
        }
        for function in script.functions { writer.lines(function) }
        if !script.tools.isEmpty {
            writer.lines("""
            require_tools() {
              local tool missing=''
              for tool in "$@"; do
                command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
              done
              if [ -n "$missing" ]; then
                fail "missing on PATH:$missing (Docs/deploy.md, Prerequisites, says where to get each)"
              fi
            }
            """)
        }
        if let note = script.failureNote {
            writer.lines("""
            on_exit() {
              if [ "$1" != 0 ]; then
                printf '\\n%s\\n' \(singleQuoted(note)) >&2
              fi
            }
            """)
        }
        writeOptionParser(script, into: &writer)
    }

    private static func writeOptionParser(_ script: Script, into writer: inout Writer) {
        writer.line("parse_options() {")
        writer.line("  while [ \"$#\" -gt 0 ]; do")
        writer.line("    case \"$1\" in")
        writer.line("      --dry-run) DRY_RUN=1 ;;")
        for option in script.options {
            if option.argument == nil {
                writer.line("      \(option.flag)) \(option.variable)=1 ;;")
            } else {
                writer.line("      \(option.flag))")
                writer.line("        [ \"$#\" -ge 2 ] || fail \(singleQuoted("\(option.flag) needs a value"))")
                writer.line("        \(option.variable)=$2")
                writer.line("        shift")
                writer.line("        ;;")
            }
        }
        writer.line("      -h | --help)")
        writer.line("        usage")
        writer.line("        exit 0")
        writer.line("        ;;")
        writer.line("      *) fail \"unknown option $1 (see --help)\" ;;")
        writer.line("    esac")
        writer.line("    shift")
        writer.line("  done")
        writer.line("}")
        writer.line("")
    }

    private static func writeStep(_ step: Step, indent: String, into writer: inout Writer) {
        switch step {
        case .heading(let text):
            writer.line(indent + "heading " + word(text))
        case .note(let text):
            writer.line(indent + "log " + word(text))
        case .run(let command):
            writer.layoutLine(command, prefix: "run ", indent: indent)
        case .capture(let variable, let command):
            let reader = command.isReadOnly ? "look_up" : "read_value"
            writer.layoutLine(command, prefix: "\(variable)=\"$(\(reader) \(variable) ", suffix: ")\"", indent: indent)
        case .when(let probe, let then, let otherwise):
            let (prefix, suffix) = switch probe {
            case .succeeds: ("if probe 1 ", "; then")
            case .stillExists: ("if probe 0 ", "; then")
            case .printsSomething: ("if probe 1 ", " && [ -n \"$PROBE_OUTPUT\" ]; then")
            case .prints(_, let expected): ("if probe 1 ", " && [ \"$PROBE_OUTPUT\" = \(word(expected)) ]; then")
            }
            writer.layoutLine(probe.command, prefix: prefix, suffix: suffix, indent: indent)
            for inner in then { writeStep(inner, indent: indent + "  ", into: &writer) }
            if !otherwise.isEmpty {
                writer.line(indent + "else")
                for inner in otherwise { writeStep(inner, indent: indent + "  ", into: &writer) }
            }
            writer.line(indent + "fi")
        case .code(let description, let body):
            writer.line(indent + "if [ \"$DRY_RUN\" = 1 ]; then")
            writer.line(indent + "  log " + word(ShellWord("# ") + description))
            writer.line(indent + "else")
            writer.code(body, indent: indent + "  ")
            writer.line(indent + "fi")
        case .check(let body):
            writer.code(body, indent: indent)
        case .pipeSecret(let generator, let command):
            let quotedGenerator = layout(generator, prefix: "$(quote_args ", suffix: ")", indent: "")
            writer.layoutLine(command, prefix: "log \"+ \(quotedGenerator) | $(quote_args ", suffix: ")\"", indent: indent)
            writer.line(indent + "if [ \"$DRY_RUN\" = 0 ]; then")
            writer.line(indent + "  local secret")
            writer.layoutLine(generator, prefix: "secret=\"$(", suffix: ")\"", indent: indent + "  ")
            writer.line(indent + "  [ -n \"$secret\" ] || fail 'the secret generator printed nothing'")
            writer.layoutLine(command, prefix: "printf '%s' \"$secret\" | ", indent: indent + "  ")
            writer.line(indent + "  unset secret")
            writer.line(indent + "fi")
        }
    }

    /// Accumulates the script's UTF-8 bytes (appending bytes costs a fraction of appending `String`s).
    private struct Writer {
        private var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(24_000) }

        var text: String { String(decoding: bytes, as: UTF8.self) }

        mutating func append(_ text: String) {
            bytes.append(contentsOf: text.utf8)
        }

        mutating func line(_ line: String) {
            append(line)
            bytes.append(UInt8(ascii: "\n"))
        }

        /// `body` as source with `indent` before every line of pgha's own text (quoted words are left exactly as
        /// they are), then a line break; the code is copied in runs between its line breaks.
        mutating func code(_ body: ShellCode, indent: String) {
            append(indent)
            for segment in body.segments {
                switch segment {
                case .code(let text):
                    var text = text
                    text.withUTF8 { code in
                        var start = 0
                        while let newline = code[start...].firstIndex(of: UInt8(ascii: "\n")) {
                            bytes.append(contentsOf: code[start...newline])
                            append(indent)
                            start = newline + 1
                        }
                        bytes.append(contentsOf: code[start...])
                    }
                case .word(let value):
                    append(word(value))
                case .inString(let value):
                    append(doubleQuotedContent(value, closed: false))
                }
            }
            bytes.append(UInt8(ascii: "\n"))
        }

        /// A block of helper source followed by a blank line.
        mutating func lines(_ block: String) {
            line(block)
            line("")
        }

        /// `prefix`, the command and `suffix` on one line, or wrapped before each option when the line would be
        /// longer than `lineWidth`.
        mutating func layout(_ command: Command, prefix: String, suffix: String, indent: String) {
            let words = command.arguments.map(word)
            let length = words.reduce(indent.utf8.count + prefix.utf8.count + suffix.utf8.count + words.count - 1) { $0 + $1.utf8.count }
            append(indent)
            append(prefix)
            for (index, (argument, rendered)) in zip(command.arguments, words).enumerated() {
                if index > 0 {
                    let startsOption = if case .literal(let text) = argument.parts.first { text.utf8.first == UInt8(ascii: "-") } else { false }
                    if length > lineWidth && startsOption {
                        append(" \\\n")
                        append(indent)
                        append("    ")
                    } else {
                        bytes.append(UInt8(ascii: " "))
                    }
                }
                append(rendered)
            }
            append(suffix)
        }

        /// `layout` as a line of its own.
        mutating func layoutLine(_ command: Command, prefix: String = "", suffix: String = "", indent: String) {
            layout(command, prefix: prefix, suffix: suffix, indent: indent)
            bytes.append(UInt8(ascii: "\n"))
        }
    }
}
