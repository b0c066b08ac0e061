import ArgumentParser
import Foundation
import PGHAKit
import Testing
@testable import pgha

/// `PlainCommandLine` reads a command line without argument-parser only where it reads it exactly as argument-parser
/// does: every line it takes gives the options that `PGHA.parseAsRoot` (what `PGHA.main` runs otherwise) gives, and
/// it leaves every other line to argument-parser.
struct PlainCommandLineTests {
    /// The options of one of the four commands `PlainCommandLine` reads, comparable whichever it is.
    enum Parsed: Equatable {
        case render(Render.Options)
        case check(Check.Options)
        case diff(Diff.Options)
        case validate(Validate.Options)

        /// What `PlainCommandLine` reads from `line`; nil when it leaves the line to argument-parser.
        static func plain(_ line: [String]) -> Parsed? {
            switch PlainCommandLine.command(line) {
            case let options as Render.Options: .render(options)
            case let options as Check.Options: .check(options)
            case let options as Diff.Options: .diff(options)
            case let options as Validate.Options: .validate(options)
            default: nil
            }
        }

        /// What argument-parser reads from `line` as `PGHA.main` gives it; nil when it refuses the line or reads
        /// another command (help, version, init, schema).
        static func argumentParser(_ line: [String]) -> Parsed? {
            switch try? PGHA.parseAsRoot(PGHA.splittingAttachedContext(line)) {
            case let command as Render: .render(command.options)
            case let command as Check: .check(command.options)
            case let command as Diff: .diff(command.options)
            case let command as Validate: .validate(command.options)
            default: nil
            }
        }
    }

    @Test func theCommonLinesAreReadWithArgumentParsersValues() {
        let lines: [([String], Parsed)] = [
            (["render", "Examples/aks-ha.yaml", "-o", "out"],
             .render(.init(specs: ["Examples/aks-ha.yaml"], identityClientID: nil, format: .human, strict: false, output: "out",
                           include: nil, adopt: false, verbose: false))),
            (["render", "a.yaml", "--output=out", "b.yaml", "--strict", "--format", "json", "--adopt", "--verbose",
              "--identity-client-id", "id"],
             .render(.init(specs: ["a.yaml", "b.yaml"], identityClientID: "id", format: .json, strict: true, output: "out",
                           include: nil, adopt: true, verbose: true))),
            (["render", "-", "--include=oneoff,operator", "help"],
             .render(.init(specs: ["-", "help"], identityClientID: nil, format: .human, strict: false, output: nil,
                           include: "oneoff,operator", adopt: false, verbose: false))),
            (["render", "a.yaml", "--identity-client-id", "", "--output", "-"],
             .render(.init(specs: ["a.yaml"], identityClientID: "", format: .human, strict: false, output: "-",
                           include: nil, adopt: false, verbose: false))),
            (["check", "specs", "-o", "out", "--fail-on", "restart, scale", "--format=github"],
             .check(.init(specs: ["specs"], identityClientID: nil, format: .github, strict: false, failOn: "restart, scale",
                          output: "out"))),
            (["check", "--output", "out", "a.yaml", "b.yaml", "--fail-on", ""],
             .check(.init(specs: ["a.yaml", "b.yaml"], identityClientID: nil, format: .human, strict: false, failOn: "",
                          output: "out"))),
            (["diff", "a.yaml", "-o", "out"],
             .diff(.init(specs: ["a.yaml"], identityClientID: nil, format: .human, strict: false, failOn: nil, output: "out",
                         context: 3))),
            (["diff", "a.yaml", "-U", "0", "--output=out", "--strict", "--fail-on", "restart"],
             .diff(.init(specs: ["a.yaml"], identityClientID: nil, format: .human, strict: true, failOn: "restart", output: "out",
                         context: 0))),
            (["diff", "a.yaml", "--context=+12", "-o", "out"],
             .diff(.init(specs: ["a.yaml"], identityClientID: nil, format: .human, strict: false, failOn: nil, output: "out",
                         context: 12))),
            (["validate", "Examples/aks-ha.yaml"],
             .validate(.init(specs: ["Examples/aks-ha.yaml"], identityClientID: nil, format: .human, strict: false))),
            (["validate", "a.yaml", "", "--strict", "--format", "json", "--identity-client-id", "id"],
             .validate(.init(specs: ["a.yaml", ""], identityClientID: "id", format: .json, strict: true))),
        ]
        for (line, expected) in lines {
            #expect(Parsed.plain(line) == expected, "\(line)")
            #expect(Parsed.argumentParser(line) == expected, "\(line)")
        }
    }

    @Test func everyOtherLineIsLeftToArgumentParser() {
        let lines: [[String]] = [
            [], ["--help"], ["-h"], ["help"], ["help", "render"], ["--version"], ["init"], ["schema"], ["Render", "a.yaml"],
            ["render"], ["render", "-o", "out"], ["check", "a.yaml"], ["diff", "a.yaml"],
            ["render", "a.yaml", "--help"], ["render", "a.yaml", "-h"], ["render", "a.yaml", "-help"],
            ["render", "a.yaml", "--version"], ["render", "a.yaml", "--experimental-dump-help"],
            ["render", "a.yaml", "--generate-completion-script", "bash"], ["---completion", "render", "--", "a"],
            ["render", "a.yaml", "--", "b.yaml"], ["render", "--", "-a.yaml"], ["render", "-a.yaml"], ["render", "a.yaml", "---o"],
            ["render", "a.yaml", "--no-such-flag"], ["render", "a.yaml", "-x"], ["render", "a.yaml", "--fail-on", "restart"],
            ["render", "a.yaml", "-o", "x", "-o", "y"], ["render", "a.yaml", "-o", "x", "--output=y"],
            ["render", "a.yaml", "--strict", "--strict"], ["render", "a.yaml", "--strict=true"],
            ["render", "a.yaml", "-o"], ["render", "a.yaml", "-o", "--strict"], ["render", "a.yaml", "-o=out"], ["render", "a.yaml", "-oout"],
            ["render", "a.yaml", "--format"], ["render", "a.yaml", "--format", "yaml"], ["render", "a.yaml", "--format="],
            ["render", "a.yaml", "-o", ""], ["render", "a.yaml", "--output="], ["render", "a.yaml", "-o", "out", "--include", "oneoff"],
            ["render", "a.yaml", "--include", "all"], ["render", "a.yaml", "--include="],
            ["validate", "a.yaml", "--identity-client-id="], ["check", "a.yaml", "-o", "out", "--fail-on=", "restart"],
            ["check", "a.yaml", "-o", "out", "--fail-on", "bogus"], ["check", "a.yaml", "-o", "out", "-U", "3"],
            ["diff", "a.yaml", "-o", "out", "-U3"], ["diff", "a.yaml", "-o", "out", "-U", "-1"], ["diff", "a.yaml", "-o", "out", "-U", "x"],
            ["diff", "a.yaml", "-o", "out", "--context=-1"], ["validate", "a.yaml", "-o", "out"],
            ["render", "-\u{301}", "-o", "out"],
        ]
        for line in lines {
            #expect(Parsed.plain(line) == nil, "\(line)")
        }
    }

    /// Seeded random lines of each command's options (long, short and `=` spellings), values (right, wrong, empty,
    /// dashed) and positional words, with words of the other commands and argument-parser's own mixed in.
    @Test func randomLinesAreReadAsArgumentParserReadsThemOrLeftToIt() {
        var generator = TestSupport.SeededGenerator(state: 0x9_1A1D)
        let positionals = ["a.yaml", "b.yaml", "specs", "-", "", "help", "render", "check", "x=y", "dir/c.yml"]
        let noise = ["--", "-", "-x", "--no-such", "-h", "--help", "-help", "--version", "-U3", "-o=out", "-oout", "---o",
                     "--strict=true", "--adopt=false", "--experimental-dump-help", "--generate-completion-script", "-\u{301}"]
        let values: [String: [String]] = [
            "--identity-client-id": ["id", "", "00000000-0000-0000-0000-000000000000", "-"],
            "--format": ["human", "json", "github", "yaml", "", "JSON"],
            "--output": ["out", "dir/out", ".", "", "-"],
            "--include": ["oneoff", "operator", "oneoff,operator", "all", "", "oneoff,"],
            "--fail-on": ["restart", "restart,scale", " reload , online", "", "bogus", ","],
            "--context": ["0", "3", "10", "+2", "-1", "x", "", "03"],
        ]
        let commands: [(name: String, options: [PlainWords.Option])] = [
            ("render", Render.Options.plainOptions), ("check", Check.Options.plainOptions),
            ("diff", Diff.Options.plainOptions), ("validate", Validate.Options.plainOptions),
        ]
        let everyOption = commands.flatMap(\.options)

        /// An option as a command line gives it: one of its spellings, and a value when it takes one (mostly one of
        /// its own, sometimes any word).
        func words(_ option: PlainWords.Option) -> [String] {
            let spelling = Bool.random(using: &generator) ? option.short ?? option.long : option.long
            guard option.takesValue else { return [spelling] }
            guard let optionValues = values[option.long] else {
                Issue.record("no values to try for \(option.long)")
                return []
            }
            let value = Int.random(in: 0..<8, using: &generator) > 0
                ? optionValues.randomElement(using: &generator)! : (positionals + noise).randomElement(using: &generator)!
            return spelling == option.long && Bool.random(using: &generator) ? ["\(spelling)=\(value)"] : [spelling, value]
        }

        for (name, options) in commands {
            // check and diff need --output, given once below; render may have it anywhere.
            let needsOutput = name == "check" || name == "diff"
            let picked = needsOutput ? options.filter { $0.long != "--output" } : options
            let output = options.first { $0.long == "--output" }
            var accepted = 0
            var mismatches: [[String]] = []
            for _ in 0..<800 {
                var items: [[String]] = []
                for _ in 0..<Int.random(in: 0...6, using: &generator) {
                    switch Int.random(in: 0..<20, using: &generator) {
                    case 0..<7: items.append([positionals.randomElement(using: &generator)!])
                    case 7..<19:
                        // Mostly this command's options, sometimes another command's.
                        let own = Int.random(in: 0..<10, using: &generator) < 9
                        items.append(words((own ? picked : everyOption).randomElement(using: &generator)!))
                    default: items.append([noise.randomElement(using: &generator)!])
                    }
                }
                if needsOutput, let output, Int.random(in: 0..<5, using: &generator) > 0 {
                    items.insert(words(output), at: Int.random(in: 0...items.count, using: &generator))
                }
                let line = [name] + items.joined()
                guard let plain = Parsed.plain(line) else { continue }
                accepted += 1
                if plain != Parsed.argumentParser(line) { mismatches.append(line) }
            }
            #expect(mismatches.isEmpty, "\(name): read otherwise than argument-parser: \(mismatches.prefix(5))")
            // The lines taken exercise the comparison: a tenth of them at least.
            #expect(accepted >= 800 / 10, "\(name): \(accepted) lines read")
        }
    }

    /// Each command's plain options are its options as argument-parser declares them (help and version aside), so
    /// the random lines above try every option, and a new one is not forgotten.
    @Test func thePlainOptionsAreTheOptionsArgumentParserDeclares() throws {
        let commands: [(command: ParsableCommand.Type, options: [PlainWords.Option])] = [
            (Render.self, Render.Options.plainOptions), (Check.self, Check.Options.plainOptions),
            (Diff.self, Diff.Options.plainOptions), (Validate.self, Validate.Options.plainOptions),
        ]
        for (command, options) in commands {
            let dump = try #require(try JSONSerialization.jsonObject(with: Data(command._dumpHelp().utf8)) as? [String: Any])
            let arguments = try #require((dump["command"] as? [String: Any])?["arguments"] as? [[String: Any]])
            var declared: Set<String> = []
            for argument in arguments where argument["kind"] as? String != "positional" {
                let names = (argument["names"] as? [[String: String]] ?? []).map { ($0["kind"] == "long" ? "--" : "-") + ($0["name"] ?? "") }
                guard !names.contains("--help"), !names.contains("--version") else { continue }
                declared.insert(names.sorted().joined(separator: " ") + (argument["kind"] as? String == "option" ? " VALUE" : ""))
            }
            let plain = Set(options.map { ([$0.long] + [$0.short].compactMap { $0 }).sorted().joined(separator: " ") + ($0.takesValue ? " VALUE" : "") })
            #expect(plain == declared, "\(command)")
        }
    }
}
