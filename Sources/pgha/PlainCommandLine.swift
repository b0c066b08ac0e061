import ArgumentParser

/// The common command lines of `render`, `check`, `diff` and `validate`, read without argument-parser.
///
/// argument-parser's start-up was about a quarter of a one-spec render's instructions: it tries every command line as
/// its completion-script commands and reflects each command it parses with `Mirror`, whose runtime type and
/// conformance lookups scan all of the binary's conformance records (Docs/performance.md). This reads only the
/// plain forms: the command's name, then positional words and the command's own options, each at most once, a value
/// as the next word or, for a long option, after `=` (not empty). Everything else is left to argument-parser, which
/// then parses, reports and runs the line as it always did: help, version, completions, `--`, an unknown or repeated
/// option, a value argument-parser would refuse or that starts with `-`, and values the command's `validate()`
/// refuses.
enum PlainCommandLine {
    /// The validated command that `arguments` (without the program's name) run, or nil when they are for
    /// argument-parser.
    static func command(_ arguments: [String]) -> (any CommandOptions)? {
        let words = arguments.dropFirst()
        switch arguments.first {
        case "render": return validated(Render.Options(plain: words))
        case "check": return validated(Check.Options(plain: words))
        case "diff": return validated(Diff.Options(plain: words))
        case "validate": return validated(Validate.Options(plain: words))
        default: return nil
        }
    }

    /// `options` if its command's `validate()` accepts them.
    private static func validated<Options: CommandOptions>(_ options: Options?) -> Options? {
        guard let options, (try? options.validate()) != nil else { return nil }
        return options
    }
}

/// The words of a plain command line after the command's name: its positional words, and the options given.
struct PlainWords {
    /// An option a command reads: its spellings, and whether it takes a value or is a flag.
    struct Option {
        var long: String
        var short: String?
        var takesValue: Bool

        static func value(_ long: String, short: String? = nil) -> Option { Option(long: long, short: short, takesValue: true) }
        static func flag(_ long: String) -> Option { Option(long: long, short: nil, takesValue: false) }
    }

    /// The words that are not options or their values, in order.
    private(set) var positionals: [String] = []
    /// Each option given, by its long spelling, with its value ("" for a flag), in order: a command has a few, and
    /// a dictionary's first use would cost a start more than the searches.
    private var given: [(long: String, value: String)] = []

    /// Nil unless each word is either positional (not starting with `-`, or `-` itself, as argument-parser reads
    /// them) or one of `options`, given once, with its value when it takes one.
    init?(_ words: ArraySlice<String>, options: [Option]) {
        var rest = words
        while let word = rest.popFirst() {
            guard Self.mayBeOption(word) else {
                positionals.append(word)
                continue
            }
            var spelling = word
            var attached: String?
            if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
                spelling = String(word[..<equals])
                attached = String(word[word.index(after: equals)...])
            }
            guard let option = options.first(where: { $0.long == spelling || $0.short == spelling }),
                  value(option.long) == nil else { return nil }
            guard option.takesValue else {
                guard attached == nil else { return nil }
                given.append((option.long, ""))
                continue
            }
            if let attached {
                // argument-parser reads `--name=` as `--name`, its value the next word: left to it.
                guard !attached.isEmpty else { return nil }
                given.append((option.long, attached))
            } else if let next = rest.first, !Self.mayBeOption(next) {
                given.append((option.long, rest.removeFirst()))
            } else {
                return nil
            }
        }
    }

    /// Whether `word` starts with the byte `-` and is not `-` itself. A word whose first character merely begins with
    /// `-` (such as `-` with a combining mark) counts too, though argument-parser reads it as a value: left to it.
    private static func mayBeOption(_ word: String) -> Bool {
        word.utf8.first == UInt8(ascii: "-") && word != "-"
    }

    /// The value given to the option of this long spelling, if any.
    func value(_ long: String) -> String? {
        given.first { $0.long == long }?.value
    }

    /// The value given to the option of this long spelling, as argument-parser converts it; `default` when not given,
    /// nil when argument-parser would refuse it.
    func value<Value: ExpressibleByArgument>(_ long: String, default: Value) -> Value? {
        guard let text = value(long) else { return `default` }
        return Value(argument: text)
    }

    /// Whether the flag of this long spelling was given.
    func flag(_ long: String) -> Bool {
        value(long) != nil
    }
}

extension PlainWords.Option {
    /// The options of every command that compiles specs (`SpecSetOptions`).
    static let specSet: [PlainWords.Option] = [.value("--identity-client-id"), .value("--format"), .flag("--strict")]
    /// `--fail-on` (`ImpactOptions`).
    static let failOn = PlainWords.Option.value("--fail-on")
}
