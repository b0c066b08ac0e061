#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders a `Script` as bash. Spec values appear only in the variables block, single-quoted; commands read them as
/// `"$NAME"`, so no value, whatever characters it holds, can become shell syntax. Words, quotes, indents and prefixes
/// are appended as UTF-8 bytes into one buffer, building no `String` on the way: cheap, and byte-identical for the
/// same script.
public enum BashRenderer {
    /// Commands longer than this are wrapped, one option per line.
    static let lineWidth = 100

    /// The script as the text of an executable bash file.
    public static func render(_ script: Script) -> String {
        String(decoding: bytes(script, cache: nil), as: UTF8.self)
    }

    /// The UTF-8 bytes of the script as `render(_:)` writes it, its body taken from `cache` when an equal one was
    /// rendered there. Valid UTF-8: texts are copied whole or split at ASCII bytes (quotes, escapes, spaces).
    static func bytes(_ script: Script, cache: ScriptBodyCache?) -> [UInt8] {
        let body = cache?.body(of: script) ?? Body(script)
        var writer = Writer(capacity: body.text.count + 16_384)
        writeHeader(script, into: &writer)
        writeVariables(script, read: body.readVariables, into: &writer)
        writeSettings(script, read: body.readVariables, into: &writer)
        writeUsage(script, into: &writer)
        writer.append(body.text)
        return writer.bytes
    }

    /// What follows a script's usage text: its helpers, option parser and `main` with the steps. Spec values never
    /// appear in it (the steps read them from the variables block), so scripts with equal steps, options, tools,
    /// functions and failure note have equal bodies, and the text of a top-level step depends on that step alone
    /// (`ScriptBodyCache`).
    struct Body: Sendable {
        /// The variables the steps and the tool check read: the variables block keeps these.
        let readVariables: Set<String>
        /// The body's UTF-8 bytes.
        let text: [UInt8]
        /// Where each top-level step's text starts in `text`, then where the last one ends: step `i` is
        /// `stepBounds[i]..<stepBounds[i + 1]`. What comes before the first (the helpers, the option parser and the
        /// start of `main`) depends on the script's options, tools, functions and failure note and on `used`.
        private let stepBounds: [Int]
        /// The helpers the steps use.
        private let used: Features

        init(_ script: Script) {
            self.init(script, kept: nil)
        }

        /// The body of `script` made from `kept`, the body of a script with the same options, tools, functions and
        /// failure note whose steps were `keptSteps`: `kept` itself when the steps are equal (`whole`), otherwise
        /// rendered, the text of each top-level step equal to the kept one at its position (and of the helpers, when
        /// the steps use the same ones) copied from `kept`. Each line a step writes is laid out and wrapped on its
        /// own, so the bytes are those `init(_:)` renders.
        static func reusing(_ kept: Body, renderedFrom keptSteps: [Step], for script: Script) -> (body: Body, whole: Bool) {
            let steps = script.steps
            // Scripts built once for specs of equal inputs (`BuiltScripts`) share their steps' storage: equal without
            // comparing a step.
            if steps.withUnsafeBufferPointer({ steps in keptSteps.withUnsafeBufferPointer { $0.baseAddress == steps.baseAddress && $0.count == steps.count } }) {
                return (kept, true)
            }
            let shared = min(steps.count, keptSteps.count)
            var equal = 0
            while equal < shared && steps[equal] == keptSteps[equal] { equal += 1 }
            if equal == steps.count && equal == keptSteps.count { return (kept, true) }
            return (Body(script, kept: (kept, keptSteps, equalBefore: equal)), false)
        }

        /// Renders the body, copying from `kept` the text of the steps equal to `keptSteps`', of which the first
        /// `equalBefore` are known to be equal. Its variables are `kept`'s when every step that differs reads the
        /// same ones as the kept step at its position.
        private init(_ script: Script, kept: (body: Body, steps: [Step], equalBefore: Int)?) {
            used = BashRenderer.usedFeatures(script)
            let keptText = kept?.body.text ?? []
            let keptBounds = kept?.body.stepBounds ?? []
            let keptSteps = kept?.steps ?? []
            let equalBefore = kept?.equalBefore ?? 0
            var writer = Writer(capacity: kept == nil ? 32_768 : keptText.count + 4_096)
            if let kept, kept.body.used == used {
                writer.append(keptText[..<keptBounds[0]])
            } else {
                BashRenderer.writeMainStart(script, used, into: &writer)
            }
            var sameVariables = kept != nil && script.steps.count == keptSteps.count
            var bounds = [writer.bytes.count]
            bounds.reserveCapacity(script.steps.count + 1)
            for (index, step) in script.steps.enumerated() {
                if index < keptSteps.count && (index < equalBefore || step == keptSteps[index]) {
                    writer.append(keptText[keptBounds[index]..<keptBounds[index + 1]])
                } else {
                    BashRenderer.writeStep(step, indent: 2, into: &writer)
                    sameVariables = sameVariables && index < keptSteps.count
                        && BashRenderer.variableNames(step) == BashRenderer.variableNames(keptSteps[index])
                }
                bounds.append(writer.bytes.count)
            }
            BashRenderer.writeMainEnd(into: &writer)
            text = writer.bytes
            stepBounds = bounds
            readVariables = if let kept, sameVariables { kept.body.readVariables } else { BashRenderer.readVariables(script) }
        }
    }

    /// The helpers, the option parser and `main` up to its steps.
    private static func writeMainStart(_ script: Script, _ used: Features, into writer: inout Writer) {
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
            writer.append("    require_tools")
            for tool in script.tools {
                writer.append(" ")
                writer.word(tool)
            }
            writer.newline()
            writer.line("  fi")
        }
    }

    /// The end of `main` after its steps, and its call.
    private static func writeMainEnd(into writer: inout Writer) {
        writer.line("  if [ \"$DRY_RUN\" = 1 ]; then")
        writer.line("    log 'End of the plan: nothing was changed.'")
        writer.line("  fi")
        writer.line("}")
        writer.line("")
        writer.line("main \"$@\"")
    }

    // MARK: Quoting

    /// `text` as one shell word: bare when every character is inert in bash, single-quoted otherwise
    /// (a single quote inside becomes `'\''`).
    public static func quote(_ text: String) -> String {
        var writer = Writer(capacity: text.utf8.count + 2)
        writer.quoted(text)
        return writer.text
    }

    /// The word as bash source: a literal alone is quoted; a word that reads variables becomes one double-quoted
    /// string whose literal text has `\`, `$`, `` ` `` and `"` escaped.
    public static func word(_ word: ShellWord) -> String {
        var writer = Writer(capacity: 64)
        writer.word(word)
        return writer.text
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

    private static func isSpecialInDoubleQuotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "\"")
    }

    /// Whether the text after part `index` would extend a `$NAME` written without braces.
    private static func continuesName(_ parts: [ShellWord.Part], after index: Int) -> Bool {
        guard index + 1 < parts.count, case .literal(let next) = parts[index + 1], let first = next.utf8.first else {
            return false
        }
        return first == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
    }

    /// Whether the word is an option (its text starts with `-`), before which a long command is wrapped.
    private static func startsOption(_ word: ShellWord) -> Bool {
        if case .literal(let text) = word.parts.first { text.utf8.first == UInt8(ascii: "-") } else { false }
    }

    // MARK: Layout

    /// `prefix`, the command and `suffix` on one line indented by `indent` spaces, or wrapped before each option
    /// when too long.
    static func layout(_ command: Command, prefix: String = "", suffix: String = "", indent: Int) -> String {
        var writer = Writer(capacity: 256)
        let start = writer.startLine(indent: indent)
        writer.append(prefix)
        writer.arguments(command)
        writer.append(suffix)
        writer.wrapLine(from: start, indent: indent)
        return writer.text
    }

    // MARK: Sections

    private static func writeHeader(_ script: Script, into writer: inout Writer) {
        writer.line("#!/usr/bin/env bash")
        writer.append("# ")
        writer.append(script.fileName)
        writer.append(": ")
        writer.line(commentSafe(script.purpose))
        writer.append("# Rendered by pgha ")
        writer.append(PGHAVersion.current)
        if let specFileName = script.specFileName {
            writer.append(" from ")
            writer.append(commentSafe(specFileName))
        }
        writer.line(". Do not edit: change the spec and render again.")
        writer.append("# Usage: ")
        writeUsageLine(script, into: &writer)
        writer.line(" (--help for details)")
        writer.line(#"if [ -z "${BASH_VERSION:-}" ]; then echo "run it with bash: bash $0" >&2; exit 2; fi"#)
        writer.line("set -euo pipefail")
        writer.line("")
    }

    /// Text fit for a comment line: control characters (newlines included) become `?`.
    static func commentSafe(_ text: String) -> String {
        // Control characters are below 0x20, 0x7F, or U+0080...U+009F (0xC2 0x80...0x9F in UTF-8), looked for in
        // the UTF-8 buffer (iterating the UTF-8 view costs several times as much a byte).
        var utf8 = text
        guard utf8.withUTF8({ $0.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 } }) else { return text }
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

    /// The variables one step reads.
    private static func variableNames(_ step: Step) -> Set<String> {
        var names = Set<String>()
        step.collectVariableNames(into: &names)
        return names
    }

    private static func writeVariables(_ script: Script, read: Set<String>, into writer: inout Writer) {
        var group: String?
        var wroteAny = false
        for variable in script.variables where read.contains(variable.name) {
            if !wroteAny {
                writer.line("# Values from the spec, checked by pgha and single-quoted: none of them can run a command.")
                wroteAny = true
            }
            if let next = variable.group, next != group {
                writer.append("# ")
                writer.line(commentSafe(next))
                group = next
            }
            let expands = switch variable.value {
            case .scalar(let value): expandsUnquoted(value)
            case .array(let values): values.contains(where: expandsUnquoted)
            }
            if expands {
                writer.append("# shellcheck disable=SC2016 # ")
                writer.append(variable.name)
                writer.line(" holds a literal $ or `, which single quotes keep")
            }
            writer.append(variable.name)
            switch variable.value {
            case .scalar(let value):
                writer.append("=")
                writer.singleQuoted(value)
            case .array(let values):
                writer.append("=(")
                for (index, value) in values.enumerated() {
                    if index > 0 { writer.append(" ") }
                    writer.singleQuoted(value)
                }
                writer.append(")")
            }
            writer.newline()
        }
        if wroteAny { writer.line("") }
    }

    /// Whether `value` holds a `$` or `` ` ``, which bash would expand outside single quotes (shellcheck's SC2016).
    private static func expandsUnquoted(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { firstIndex(of: UInt8(ascii: "$"), in: $0, from: 0) != nil || firstIndex(of: UInt8(ascii: "`"), in: $0, from: 0) != nil }
    }

    /// The index of the first `byte` in `text` at or after `start` (`memchr`: values such as the Azure alert rules'
    /// JSON run to kilobytes).
    private static func firstIndex(of byte: UInt8, in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < text.count, let base = text.baseAddress, let found = memchr(base + start, Int32(byte), text.count - start) else {
            return nil
        }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private static func writeSettings(_ script: Script, read: Set<String>, into writer: inout Writer) {
        if read.contains("OUT_DIR") {
            writer.line("OUT_DIR=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")/..\" && pwd)\"")
        }
        writer.line("DRY_RUN=0")
        for setting in script.environment {
            writer.append(setting.name)
            writer.append("=\"${")
            writer.append(setting.name)
            writer.append(":-")
            writer.append(setting.defaultValue)
            writer.line("}\"")
            if let exported = setting.exportedAs {
                writer.append("export ")
                writer.append(exported)
                writer.append("=\"$")
                writer.append(setting.name)
                writer.line("\"")
            }
        }
        for option in script.options {
            writer.append(option.variable)
            writer.append("=")
            writer.line(option.initialValue)
        }
        writer.line("")
    }

    /// `scripts/<file> [--dry-run] [--option ARGUMENT]...`, without a line break.
    private static func writeUsageLine(_ script: Script, into writer: inout Writer) {
        writer.append("scripts/")
        writer.append(script.fileName)
        writer.append(" [--dry-run]")
        for option in script.options {
            writer.append(" [")
            writer.append(option.flag)
            if let argument = option.argument {
                writer.append(" ")
                writer.append(argument)
            }
            writer.append("]")
        }
    }

    private static func writeUsage(_ script: Script, into writer: inout Writer) {
        let options: [(String, String)] = [("--dry-run", "Print the plan: run only read-only probes, and print what would be created, updated or deleted.")]
            + script.options.map { ($0.flag + ($0.argument.map { " \($0)" } ?? ""), $0.help) }
            + [("-h, --help", "Show this help.")]
        let width = options.map(\.0.count).max() ?? 0
        writer.line("usage() {")
        writer.line("  cat <<'USAGE'")
        writer.append("Usage: ")
        writeUsageLine(script, into: &writer)
        writer.newline()
        writer.line("")
        writer.line(commentSafe(script.purpose))
        writer.line("")
        writer.line("Options:")
        for (flag, help) in options {
            writer.append("  ")
            writer.append(flag)
            writer.indent(width - flag.count + 2)
            writer.line(commentSafe(help))
        }
        if !script.environment.isEmpty {
            writer.line("")
            writer.line("Environment:")
            for setting in script.environment {
                writer.append("  ")
                writer.append(setting.name)
                writer.append("  ")
                writer.line(commentSafe(setting.help))
            }
        }
        writer.line("USAGE")
        writer.line("}")
        writer.line("")
    }

    /// Which helpers the steps need.
    private struct Features: Equatable {
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
                    visit(then)
                    visit(otherwise)
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
            writer.line("on_exit() {")
            writer.line("  if [ \"$1\" != 0 ]; then")
            writer.append("    printf '\\n%s\\n' ")
            writer.singleQuoted(note)
            writer.line(" >&2")
            writer.line("  fi")
            writer.lines("}")
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
                writer.append("        [ \"$#\" -ge 2 ] || fail ")
                writer.singleQuoted(option.flag + " needs a value")
                writer.newline()
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

    private static func writeStep(_ step: Step, indent: Int, into writer: inout Writer) {
        switch step {
        case .heading(let text):
            writer.indent(indent)
            writer.append("heading ")
            writer.word(text)
            writer.newline()
        case .note(let text):
            writer.indent(indent)
            writer.append("log ")
            writer.word(text)
            writer.newline()
        case .run(let command):
            writer.layoutLine(command, prefix: "run ", indent: indent)
        case .capture(let variable, let command):
            let start = writer.startLine(indent: indent)
            writer.append(variable)
            writer.append(command.isReadOnly ? "=\"$(look_up " : "=\"$(read_value ")
            writer.append(variable)
            writer.append(" ")
            writer.arguments(command)
            writer.append(")\"")
            writer.wrapLine(from: start, indent: indent)
            writer.newline()
        case .when(let probe, let then, let otherwise):
            let start = writer.startLine(indent: indent)
            switch probe {
            case .succeeds, .printsSomething, .prints: writer.append("if probe 1 ")
            case .stillExists: writer.append("if probe 0 ")
            }
            writer.arguments(probe.command)
            switch probe {
            case .succeeds, .stillExists: break
            case .printsSomething: writer.append(" && [ -n \"$PROBE_OUTPUT\" ]")
            case .prints(_, let expected):
                writer.append(" && [ \"$PROBE_OUTPUT\" = ")
                writer.word(expected)
                writer.append(" ]")
            }
            writer.append("; then")
            writer.wrapLine(from: start, indent: indent)
            writer.newline()
            for inner in then { writeStep(inner, indent: indent + 2, into: &writer) }
            if !otherwise.isEmpty {
                writer.line("else", indent: indent)
                for inner in otherwise { writeStep(inner, indent: indent + 2, into: &writer) }
            }
            writer.line("fi", indent: indent)
        case .code(let description, let body):
            writer.line("if [ \"$DRY_RUN\" = 1 ]; then", indent: indent)
            writer.indent(indent + 2)
            writer.append("log ")
            writer.word(ShellWord("# ") + description)
            writer.newline()
            writer.line("else", indent: indent)
            writer.code(body, indent: indent + 2)
            writer.line("fi", indent: indent)
        case .check(let body):
            writer.code(body, indent: indent)
        case .pipeSecret(let generator, let command):
            let quotedGenerator = layout(generator, prefix: "$(quote_args ", suffix: ")", indent: 0)
            writer.layoutLine(command, prefix: "log \"+ \(quotedGenerator) | $(quote_args ", suffix: ")\"", indent: indent)
            writer.line("if [ \"$DRY_RUN\" = 0 ]; then", indent: indent)
            writer.line("  local secret", indent: indent)
            writer.layoutLine(generator, prefix: "secret=\"$(", suffix: ")\"", indent: indent + 2)
            writer.line("  [ -n \"$secret\" ] || fail 'the secret generator printed nothing'", indent: indent)
            writer.layoutLine(command, prefix: "printf '%s' \"$secret\" | ", indent: indent + 2)
            writer.line("  unset secret", indent: indent)
            writer.line("fi", indent: indent)
        }
    }

    /// Accumulates the script's UTF-8 bytes: every word, quote, indent and prefix is appended in place, each text
    /// scanned and copied through its UTF-8 buffer.
    private struct Writer {
        private(set) var bytes: [UInt8] = []
        /// Where the line being laid out may wrap: the offsets of the spaces before its options.
        private var breaks: [Int] = []

        init(capacity: Int = 32_768) { bytes.reserveCapacity(capacity) }

        var text: String { String(decoding: bytes, as: UTF8.self) }

        mutating func append(_ text: String) {
            var text = text
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }

        mutating func append(_ other: [UInt8]) {
            bytes.append(contentsOf: other)
        }

        mutating func append(_ other: ArraySlice<UInt8>) {
            bytes.append(contentsOf: other)
        }

        mutating func newline() {
            bytes.append(UInt8(ascii: "\n"))
        }

        /// `width` spaces.
        mutating func indent(_ width: Int) {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width))
        }

        mutating func line(_ line: String) {
            append(line)
            newline()
        }

        /// A line indented by `indent` spaces.
        mutating func line(_ line: String, indent: Int) {
            self.indent(indent)
            append(line)
            newline()
        }

        /// A block of helper source followed by a blank line.
        mutating func lines(_ block: String) {
            line(block)
            newline()
        }

        // MARK: Words

        /// `text` as one shell word: bare when every byte is inert, single-quoted otherwise.
        mutating func quoted(_ text: String) {
            var text = text
            text.withUTF8 { text in
                if !text.isEmpty && text.allSatisfy(BashRenderer.isInert) {
                    bytes.append(contentsOf: text)
                } else {
                    bytes.append(UInt8(ascii: "'"))
                    singleQuotedContent(text)
                    bytes.append(UInt8(ascii: "'"))
                }
            }
        }

        /// `text` in single quotes, always (a single quote inside becomes `'\''`).
        mutating func singleQuoted(_ text: String) {
            var text = text
            bytes.append(UInt8(ascii: "'"))
            text.withUTF8 { singleQuotedContent($0) }
            bytes.append(UInt8(ascii: "'"))
        }

        private mutating func singleQuotedContent(_ text: UnsafeBufferPointer<UInt8>) {
            var start = 0
            while let index = BashRenderer.firstIndex(of: UInt8(ascii: "'"), in: text, from: start) {
                bytes.append(contentsOf: text[start..<index])
                append("'\\''")
                start = index + 1
            }
            bytes.append(contentsOf: text[start...])
        }

        /// The word as bash source (`BashRenderer.word`).
        mutating func word(_ word: ShellWord) {
            if word.parts.count == 1 {
                switch word.parts[0] {
                case .literal(let text):
                    quoted(text)
                case .arrayElements(let name):
                    append("\"${")
                    append(name)
                    append("[@]}\"")
                case .variable(let name):
                    bytes.append(UInt8(ascii: "\""))
                    bytes.append(UInt8(ascii: "$"))
                    append(name)
                    bytes.append(UInt8(ascii: "\""))
                }
            } else if word.readsVariables {
                bytes.append(UInt8(ascii: "\""))
                doubleQuotedContent(word, closed: true)
                bytes.append(UInt8(ascii: "\""))
            } else {
                literals(word.parts)
            }
        }

        /// Literal parts quoted as the one word they join into.
        private mutating func literals(_ parts: [ShellWord.Part]) {
            var empty = true
            var inert = true
            for case .literal(var text) in parts {
                empty = empty && text.isEmpty
                inert = inert && text.withUTF8 { $0.allSatisfy(BashRenderer.isInert) }
            }
            if !empty && inert {
                for case .literal(let text) in parts { append(text) }
            } else {
                bytes.append(UInt8(ascii: "'"))
                for case .literal(var text) in parts { text.withUTF8 { singleQuotedContent($0) } }
                bytes.append(UInt8(ascii: "'"))
            }
        }

        /// The word as it reads between double quotes: `\`, `$`, `` ` `` and `"` escaped, variables expanded. Inside
        /// longer code (`closed: false`) a variable at the end is braced, as the code's next character is unknown.
        mutating func doubleQuotedContent(_ word: ShellWord, closed: Bool) {
            for (index, part) in word.parts.enumerated() {
                switch part {
                case .literal(var text):
                    text.withUTF8 { text in
                        var start = 0
                        for index in text.indices where BashRenderer.isSpecialInDoubleQuotes(text[index]) {
                            bytes.append(contentsOf: text[start..<index])
                            bytes.append(UInt8(ascii: "\\"))
                            start = index
                        }
                        bytes.append(contentsOf: text[start...])
                    }
                case .variable(let name):
                    let last = index == word.parts.count - 1
                    let braced = BashRenderer.continuesName(word.parts, after: index) || (last && !closed)
                    bytes.append(UInt8(ascii: "$"))
                    if braced { bytes.append(UInt8(ascii: "{")) }
                    append(name)
                    if braced { bytes.append(UInt8(ascii: "}")) }
                case .arrayElements(let name):
                    append("${")
                    append(name)
                    append("[*]}")
                }
            }
        }

        // MARK: Layout

        /// Starts a line `wrapLine` may wrap: writes its indent and returns where the line starts.
        mutating func startLine(indent: Int) -> Int {
            let start = bytes.count
            self.indent(indent)
            breaks.removeAll(keepingCapacity: true)
            return start
        }

        /// The command's arguments separated by spaces; the space before each option is a place to wrap.
        mutating func arguments(_ command: Command) {
            for (index, argument) in command.arguments.enumerated() {
                if index > 0 {
                    if BashRenderer.startsOption(argument) { breaks.append(bytes.count) }
                    bytes.append(UInt8(ascii: " "))
                }
                word(argument)
            }
        }

        /// When the line from `start` is longer than `lineWidth`, replaces the space before each option with a line
        /// continuation and the option's indent (`indent` plus four spaces), moving the rest of the line in place.
        mutating func wrapLine(from start: Int, indent: Int) {
            guard bytes.count - start > lineWidth, !breaks.isEmpty else { return }
            let continuation = 3 + indent + 4
            var end = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: breaks.count * (continuation - 1)))
            let breaks = breaks
            bytes.withUnsafeMutableBufferPointer { buffer in
                let base = buffer.baseAddress!
                var destination = buffer.count
                for position in breaks.reversed() {
                    let run = end - (position + 1)
                    destination -= run
                    (base + destination).update(from: base + position + 1, count: run)
                    destination -= continuation
                    base[destination] = UInt8(ascii: " ")
                    base[destination + 1] = UInt8(ascii: "\\")
                    base[destination + 2] = UInt8(ascii: "\n")
                    (base + destination + 3).update(repeating: UInt8(ascii: " "), count: indent + 4)
                    end = position
                }
            }
        }

        /// `prefix`, the command and `suffix` as a line of its own, wrapped when too long.
        mutating func layoutLine(_ command: Command, prefix: String, suffix: String = "", indent: Int) {
            let start = startLine(indent: indent)
            append(prefix)
            arguments(command)
            append(suffix)
            wrapLine(from: start, indent: indent)
            newline()
        }

        /// `body` as source with `indent` spaces before every line of pgha's own text (quoted words are left exactly
        /// as they are), then a line break; the code is copied in runs between its line breaks.
        mutating func code(_ body: ShellCode, indent: Int) {
            self.indent(indent)
            for segment in body.segments {
                switch segment {
                case .code(var text):
                    text.withUTF8 { code in
                        var start = 0
                        for index in code.indices where code[index] == UInt8(ascii: "\n") {
                            bytes.append(contentsOf: code[start...index])
                            self.indent(indent)
                            start = index + 1
                        }
                        bytes.append(contentsOf: code[start...])
                    }
                case .word(let value):
                    word(value)
                case .inString(let value):
                    doubleQuotedContent(value, closed: false)
                }
            }
            newline()
        }
    }
}
