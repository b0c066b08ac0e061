import Testing
import Yams
@testable import PGHAKit

/// `YAMLComposer` composes documents as Yams' `Parser` (with the basic resolver pgha used) does: the same nodes,
/// tags, styles and marks, and the same errors with the same messages and marks, on the example specs and on many
/// generated documents, valid and broken, seeded so that a failure reproduces.
@Suite struct YAMLComposerTests {
    @Test func composesTheSpecsAsYamsDoes() throws {
        for path in TestSupport.referenceSpecs {
            let text = String(decoding: try TestSupport.read(path), as: UTF8.self)
            #expect(Self.ours(text) == Self.yams(text), "\(path)")
            #expect(!Self.ours(text).isEmpty)
        }
    }

    @Test func composesGeneratedDocumentsAsYamsDoes() {
        var generator = TestSupport.SeededGenerator(state: 0xC0_4905E)
        var outcomes = Set<String>()
        for index in 0..<20_000 {
            var text = Self.document(using: &generator)
            if Bool.random(using: &generator) { Self.mutate(&text, using: &generator) }
            // Yams resolves a key's implicit tags in place, which also changes an anchored node an alias repeats
            // elsewhere; pgha refuses anchors before composing (`LexicalScan`), so their tags are not compared.
            let tags = LexicalScan.firstProblem(in: text, maximumFlowDepth: YAMLDocument.maximumDepth) == nil
            let ours = Self.ours(text, tags: tags), yams = Self.yams(text, tags: tags)
            #expect(ours == yams, "document \(index):\n\(text)")
            outcomes.insert(ours.last.map { String($0.prefix(while: { $0 != " " })) } ?? "none")
        }
        // The documents reach every outcome: trees, syntax errors and repeated keys.
        #expect(outcomes.isSuperset(of: ["M", "Q", "S", "syntax", "duplicates"]), "\(outcomes)")
    }

    @Test func reportsRepeatedKeysAsYamsDoes() {
        let repeated = ["a: 1\nb: 2\na: 3\n", "b: 1\na: 2\nb: 3\na: 4\n", "'a': 1\na: 2\n", "x:\n  k: 1\n  k: 2\n",
                        "[a, b]: 1\n[a, b]: 2\n", "{a: 1, a: 2}\n", "! a: 1\na: 2\n"]
        for text in repeated + ["!!int 1: a\n1: b\n", "[a]: 1\n[b]: 2\n", "!x a: 1\na: 2\n"] {
            let ours = Self.ours(text)
            #expect(ours == Self.yams(text), "\(text.debugDescription)")
            #expect(ours.last?.hasPrefix("duplicates") == repeated.contains(text), "\(text.debugDescription)")
        }
    }

    // MARK: Outcomes

    /// Each root `YAMLComposer` composes, then its error if any, in a common notation.
    static func ours(_ text: String, tags: Bool = true) -> [String] {
        var result: [String] = []
        do throws(YAMLComposer.Failure) {
            let composer = try YAMLComposer(text)
            while let root = try composer.nextRoot() { result.append(describe(root, tags: tags)) }
        } catch {
            switch error {
            case .syntax(let context, let contextLocation, let problem, let location):
                result.append("syntax \(context.map { "\($0) at \(contextLocation)" } ?? "-"): \(problem) at \(location)")
            case .reader(let problem): result.append("reader \(problem)")
            case .memory: result.append("memory")
            case .duplicateKeys(let keys, let location): result.append(duplicates(keys, at: location.description))
            }
        }
        return result
    }

    /// Each root Yams composes, then its error if any, in the same notation.
    static func yams(_ text: String, tags: Bool = true) -> [String] {
        var result: [String] = []
        do {
            let parser = try Parser(yaml: text, resolver: .basic, constructor: Constructor([:], [:], [:]), encoding: .utf8)
            while let root = try parser.nextRoot() { result.append(describe(root, tags: tags)) }
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                result.append("syntax \(context.map { "\($0.text) at \($0.mark.line):\($0.mark.column)" } ?? "-"): \(problem) at \(mark.line):\(mark.column)")
            case .reader(let problem, _, _, _): result.append("reader \(problem)")
            case .memory: result.append("memory")
            case .duplicatedKeysInMapping(let keys, let context):
                result.append(duplicates(keys, at: "\(context.mark.line):\(context.mark.column)"))
            default: result.append("other \(error)")
            }
        } catch {
            result.append("other \(error)")
        }
        return result
    }

    /// Repeated keys; where they are only when Yams orders them fully (several repeated keys of one text but
    /// different tags, or collections, come out of its hash table in any order).
    private static func duplicates(_ keys: [String], at location: String) -> String {
        let ordered = Set(keys).count == keys.count && !keys.contains("<uncovertable>")
        return "duplicates \(ordered ? keys : keys.sorted()) \(ordered ? location : "")"
    }

    /// A node in the notation, with its tags or not; `asKey` for a mapping key and what it holds, whose implicit
    /// tags Yams resolves in place while hashing keys for its duplicate check (pgha never reads a key's tag).
    private static func describe(_ node: YAMLNode, tags: Bool, asKey: Bool = false) -> String {
        func tag(_ written: String, _ standard: String) -> String {
            guard tags else { return "" }
            return asKey && (written.isEmpty || written == "!") ? "tag:yaml.org,2002:" + standard : written
        }
        switch node.content {
        case .scalar(let scalar):
            return "S \(tag(scalar.tag, "str")) \(scalar.style.rawValue) \(node.location) \(scalar.string.debugDescription)"
        case .mapping(let pairs):
            return "M \(tag(node.collectionTag, "map")) \(node.location) {"
                + pairs.map { describe($0.key, tags: tags, asKey: true) + ": " + describe($0.value, tags: tags, asKey: asKey) }.joined(separator: ", ") + "}"
        case .sequence(let nodes):
            return "Q \(tag(node.collectionTag, "seq")) \(node.location) [" + nodes.map { describe($0, tags: tags, asKey: asKey) }.joined(separator: ", ") + "]"
        }
    }

    private static func describe(_ node: Yams.Node, tags: Bool) -> String {
        let mark = node.mark.map { "\($0.line):\($0.column)" } ?? "?"
        switch node {
        case .scalar(let scalar):
            return "S \(tags ? scalar.tag.description : "") \(scalar.style.rawValue) \(mark) \(scalar.string.debugDescription)"
        case .mapping(let mapping):
            return "M \(tags ? mapping.tag.description : "") \(mark) {" + mapping.map { describe($0.key, tags: tags) + ": " + describe($0.value, tags: tags) }.joined(separator: ", ") + "}"
        case .sequence(let sequence):
            return "Q \(tags ? sequence.tag.description : "") \(mark) [" + sequence.map { describe($0, tags: tags) }.joined(separator: ", ") + "]"
        case .alias:
            return "alias"
        }
    }

    // MARK: Generated documents

    /// Few key texts, so that mappings repeat keys; texts that resolve to every kind, with quotes, breaks,
    /// non-ASCII and YAML indicators.
    private static let keys = ["a", "b", "name", "1", "'a'", "\"b\"", "!!int 1", "!!str a", "[a, b]", "{k: v}", "? c", "é"]
    private static let words = ["a", "word", "two words", "1", "017", "0x1F", "1.5", ".inf", "true", "yes", "~", "null",
                                "", "'quoted'", "'it''s'", "\"esc\\t\\u00e9\"", "\"\"", "日本", "a: b", "#", "- x", "@x",
                                "!!str 5", "!tag v", "! v", "&anchor v", "*anchor", "x # note", "%", "`"]

    static func document(using generator: inout TestSupport.SeededGenerator) -> String {
        var text = ["", "---\n", "%YAML 1.1\n---\n", "# comment\n"].randomElement(using: &generator)!
        text += block(depth: 0, indent: "", using: &generator)
        if Int.random(in: 0..<8, using: &generator) == 0 {
            text += ["---\n", "...\n", "---\nsecond: doc\n", "--- \n"].randomElement(using: &generator)!
        }
        return text
    }

    private static func block(depth: Int, indent: String, using generator: inout TestSupport.SeededGenerator) -> String {
        let choice = depth > 3 ? 2 : Int.random(in: 0..<4, using: &generator)
        switch choice {
        case 0:
            return (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                let key = keys.randomElement(using: &generator)!
                let value = value(depth: depth, indent: indent, using: &generator)
                return indent + key + ":" + value
            }.joined()
        case 1:
            return (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                indent + "-" + value(depth: depth, indent: indent, using: &generator)
            }.joined()
        case 2:
            return indent + scalar(using: &generator) + "\n"
        default:
            return indent + flow(depth: depth, using: &generator) + "\n"
        }
    }

    /// What follows a key's colon or a list's dash: a scalar, a flow collection, a block scalar or a nested block.
    private static func value(depth: Int, indent: String, using generator: inout TestSupport.SeededGenerator) -> String {
        switch Int.random(in: 0..<6, using: &generator) {
        case 0, 1: return " " + scalar(using: &generator) + "\n"
        case 2: return " " + flow(depth: depth + 1, using: &generator) + "\n"
        case 3: return [" |\n", " >-\n", " |+\n"].randomElement(using: &generator)! + indent + "  line one\n" + indent + "  line two\n"
        default:
            let nested = indent + ["  ", "    ", " "].randomElement(using: &generator)!
            return ["", " !!map", " &a", " !!seq"].randomElement(using: &generator)! + "\n" + block(depth: depth + 1, indent: nested, using: &generator)
        }
    }

    private static func scalar(using generator: inout TestSupport.SeededGenerator) -> String {
        words.randomElement(using: &generator)!
    }

    private static func flow(depth: Int, using generator: inout TestSupport.SeededGenerator) -> String {
        let count = Int.random(in: 0...3, using: &generator)
        if depth > 4 || Bool.random(using: &generator) {
            return "[" + (0..<count).map { _ in depth > 4 ? "x" : element(depth: depth, using: &generator) }.joined(separator: ", ") + "]"
        }
        return "{" + (0..<count).map { _ in
            keys.randomElement(using: &generator)! + ": " + element(depth: depth, using: &generator)
        }.joined(separator: ", ") + "}"
    }

    private static func element(depth: Int, using generator: inout TestSupport.SeededGenerator) -> String {
        Int.random(in: 0..<4, using: &generator) == 0 ? flow(depth: depth + 1, using: &generator) : scalar(using: &generator)
    }

    /// Breaks a document the way typing does: a character of YAML's syntax inserted, one removed, or a tab.
    static func mutate(_ text: inout String, using generator: inout TestSupport.SeededGenerator) {
        var scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return }
        let position = Int.random(in: 0..<scalars.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: scalars.insert(["\"", "'", ":", "-", "[", "{", "}", "]", ",", "\t", "\n", " ", "?", "|", "!", "&", "*", "%", "@", "\\"]
            .randomElement(using: &generator)!, at: position)
        case 1: scalars.remove(at: position)
        default: scalars[position] = " "
        }
        text = String(String.UnicodeScalarView(scalars))
    }
}
