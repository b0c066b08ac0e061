/// Reads spec text into one YAML node tree (`YAMLComposer`), refusing what a spec never needs and what could hurt:
/// non-UTF-8 bytes, huge or deeply nested input, several documents, anchors and aliases (checked before
/// composing, so an alias bomb is never expanded).
enum YAMLDocument {
    /// The largest spec pgha reads.
    static let maximumBytes = 1 << 20
    /// The deepest nesting of collections pgha reads (a spec needs 4).
    static let maximumDepth = 32

    /// The root node of the single document in `bytes`, with the keys renamed to read past repeated keys, or the
    /// diagnostics that explain why there is none.
    static func read(_ bytes: [UInt8]) -> Result<(root: YAMLNode, duplicateKeys: DuplicateKeys), DiagnosticList> {
        guard bytes.count <= maximumBytes else {
            return .failure([Diagnostic(.error, .inputTooLarge,
                                        "the file is \(bytes.count) bytes; a spec may have at most \(maximumBytes)",
                                        path: "", at: .start, hint: "is this really a pgha spec?")])
        }
        guard let text = String(validating: bytes, as: UTF8.self), !bytes.withUnsafeBytes(ByteScan.containsZero) else {
            return .failure([Diagnostic(.error, .notUTF8, "the file is not UTF-8 text",
                                        path: "", at: location(ofFirstInvalidByteIn: bytes),
                                        hint: "save the spec as UTF-8")])
        }
        switch LexicalScan.firstProblem(in: text, maximumFlowDepth: maximumDepth) {
        case .tooDeep(let location, let limit):
            return .failure([Diagnostic(.error, .inputTooLarge,
                                        "collections are nested more than \(limit) levels deep",
                                        path: "", at: location, hint: "a spec nests at most a few levels")])
        case .anchorOrAlias(let token, let location):
            return .failure([Diagnostic(.error, .anchorsNotAllowed,
                                        "YAML anchors and aliases are not allowed in a spec (found '\(token)')",
                                        path: "", at: location, hint: "write the value out in full")])
        case nil:
            break
        }
        var duplicateKeys = DuplicateKeys()
        var current = text
        while true {
            switch compose(current) {
            case .success(let root):
                return .success((root, duplicateKeys))
            case .failure(let failure):
                guard let duplicate = failure.duplicate, let key = duplicate.keys.first,
                      let renamed = duplicateKeys.renaming(key, at: duplicate.location, in: current)
                else { return .failure(DiagnosticList(diagnostics: (duplicateKeys.unfinishedDiagnostics + failure.diagnostics.diagnostics).sortedByLocation())) }
                current = renamed
            }
        }
    }

    /// Why composing failed: the diagnostics, and the repeated keys when that was why (which `read` recovers from).
    private struct ComposeFailure: Error {
        let diagnostics: DiagnosticList
        var duplicate: (keys: [String], location: SourceLocation)?
    }

    private static func compose(_ text: String) -> Result<YAMLNode, ComposeFailure> {
        func fail(_ diagnostic: Diagnostic, _ duplicate: (keys: [String], location: SourceLocation)? = nil) -> Result<YAMLNode, ComposeFailure> {
            .failure(ComposeFailure(diagnostics: [diagnostic], duplicate: duplicate))
        }
        do throws(YAMLComposer.Failure) {
            let composer = try YAMLComposer(text)
            guard let root = try composer.nextRoot() else {
                return fail(Diagnostic(.error, .emptyDocument, "the file is empty", path: "", at: .start,
                                       hint: "start from `pgha init` or Examples/minimal.yaml"))
            }
            if let second = try composer.nextRoot(), !(second.scalar.map { $0.string.isEmpty && $0.style == .plain } ?? false) {
                return fail(Diagnostic(.error, .multipleDocuments,
                                       "the file holds more than one YAML document",
                                       path: "", at: second.location,
                                       hint: "put each spec in a file of its own"))
            }
            return .success(root)
        } catch {
            return fail(diagnostic(for: error), error.duplicateKeys)
        }
    }

    private static func diagnostic(for failure: YAMLComposer.Failure) -> Diagnostic {
        switch failure {
        case .syntax(let context, let contextLocation, let problem, let problemLocation):
            let message = [context, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            let hint = context == nil || contextLocation == problemLocation ? nil : "the construct it was reading starts at \(contextLocation)"
            return Diagnostic(.error, .yamlSyntax, "invalid YAML: \(message)", path: "", at: problemLocation,
                              hint: hint ?? "check the indentation and quoting around this point")
        case .reader(let problem):
            return Diagnostic(.error, .notUTF8, "the file cannot be read: \(problem)", path: "", at: .start)
        case .memory:
            return Diagnostic(.error, .yamlSyntax, "invalid YAML: Memory error", path: "", at: .start)
        case .duplicateKeys(let keys, let location):
            return Diagnostic(.error, .duplicateKey,
                              "the key " + keys.map { "'\($0)'" }.joined(separator: ", ") + " appears more than once in this mapping",
                              path: "", at: location, hint: "a key may appear once in a mapping; remove one of them")
        }
    }

    private static func location(ofFirstInvalidByteIn bytes: [UInt8]) -> SourceLocation {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0 { break }
            let end = min(bytes.count, index + 4)
            var decoder = UTF8()
            var iterator = bytes[index..<end].makeIterator()
            guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { break }
            if scalar == "\n" {
                line += 1
                lineStart = index + 1
            }
            index += scalar.utf8.count
        }
        let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1
        return SourceLocation(line: line, column: column)
    }
}

/// A list of diagnostics carried as a failure.
struct DiagnosticList: Error, ExpressibleByArrayLiteral {
    var diagnostics: [Diagnostic]

    init(arrayLiteral elements: Diagnostic...) { diagnostics = elements }

    init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
