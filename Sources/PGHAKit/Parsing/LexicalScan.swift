/// A pass over spec text before YAML composition that finds what must never reach the composer: nesting deep
/// enough to exhaust its recursion (`[[[[…`, `- - - - …`, deep indentation), and anchors or aliases (an alias
/// bomb used as a mapping key makes the composer's duplicate-key check hash exponentially many nodes).
///
/// It follows YAML's own rules for where a node can start (line starts in block context, after `- `, `? `,
/// `: `, `[`, `{`, `,`, and after a tag), for quoted scalars (with `''` and `\` escapes), comments and every
/// YAML line break. Where it cannot be sure it errs towards finding an anchor: a quoted scalar is never taken
/// to continue past the end of its line, so text that YAML reads as quoted may be scanned as plain, never the
/// reverse.
enum LexicalScan {
    enum Problem: Equatable {
        /// Nesting past `limit` levels.
        case tooDeep(SourceLocation, limit: Int)
        case anchorOrAlias(String, SourceLocation)
    }

    /// The deepest block nesting (indentation plus compact `- ` entries on one line) pgha composes.
    static let maximumBlockDepth = 256

    private static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }

    private static func endsToken(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return true }
        return isBlank(scalar) || isBreak(scalar)
    }

    static func firstProblem(in text: String, maximumFlowDepth: Int) -> Problem? {
        // ASCII text (nearly every spec) is scanned in its UTF-8 buffer, each byte one scalar at the same index;
        // other text as an array of its scalars, which takes two decoding passes to build.
        var text = text
        let asASCII = text.withUTF8 { bytes -> Problem?? in
            guard ByteScan.isASCII(UnsafeRawBufferPointer(bytes)) else { return nil }
            return .some(firstProblem(in: ASCIIScalars(bytes: bytes), maximumFlowDepth: maximumFlowDepth))
        }
        if let problem = asASCII { return problem }
        return firstProblem(in: Array(text.unicodeScalars), maximumFlowDepth: maximumFlowDepth)
    }

    /// An ASCII buffer read as its Unicode scalars, one a byte.
    private struct ASCIIScalars: RandomAccessCollection {
        let bytes: UnsafeBufferPointer<UInt8>
        var startIndex: Int { 0 }
        var endIndex: Int { bytes.count }
        subscript(position: Int) -> Unicode.Scalar { Unicode.Scalar(bytes[position]) }
    }

    private static func firstProblem<Scalars: RandomAccessCollection<Unicode.Scalar>>(
        in scalars: Scalars, maximumFlowDepth: Int
    ) -> Problem? where Scalars.Index == Int {
        var index = 0
        var line = 1
        var lineStart = 0
        var flowDepth = 0
        /// Indentation plus compact `- `/`? ` indicators, while only those have been seen on the line.
        var blockDepth = 0
        var leadingIndentation = true
        var nodeStart = true
        var afterBlank = true

        func location(_ at: Int) -> SourceLocation { SourceLocation(line: line, column: at - lineStart + 1) }
        func next(_ at: Int) -> Unicode.Scalar? { at + 1 < scalars.count ? scalars[at + 1] : nil }

        while index < scalars.count {
            let scalar = scalars[index]
            if isBreak(scalar) {
                if scalar == "\r", next(index) == "\n" { index += 1 }
                index += 1
                line += 1
                lineStart = index
                blockDepth = 0
                leadingIndentation = true
                afterBlank = true
                if flowDepth == 0 { nodeStart = true }
                continue
            }
            if isBlank(scalar) {
                if leadingIndentation { blockDepth += 1 }
                afterBlank = true
                index += 1
                continue
            }
            if scalar == "#" && afterBlank {
                while index < scalars.count, !isBreak(scalars[index]) { index += 1 }
                continue
            }
            afterBlank = false
            let isIndicator = (scalar == "-" || scalar == "?" || scalar == ":") && endsToken(next(index))
            if nodeStart && isIndicator {
                if scalar != ":" && leadingIndentation {
                    blockDepth += 1
                    if blockDepth > maximumBlockDepth { return .tooDeep(location(index), limit: maximumBlockDepth) }
                } else {
                    leadingIndentation = false
                }
                index += 1
                continue
            }
            leadingIndentation = false
            if nodeStart && (scalar == "&" || scalar == "*") {
                var end = index + 1
                while end < scalars.count, !endsToken(scalars[end]), !",[]{}".unicodeScalars.contains(scalars[end]) { end += 1 }
                var token = ""
                token.unicodeScalars.append(contentsOf: scalars[index..<end])
                return .anchorOrAlias(token, location(index))
            }
            if nodeStart && (scalar == "'" || scalar == "\"") {
                index = endOfQuoted(scalars, from: index)
                nodeStart = false
                continue
            }
            if nodeStart && scalar == "!" {
                while index < scalars.count, !endsToken(scalars[index]) { index += 1 }
                continue
            }
            if scalar == "[" || scalar == "{" {
                if nodeStart || flowDepth > 0 {
                    flowDepth += 1
                    if flowDepth > maximumFlowDepth { return .tooDeep(location(index), limit: maximumFlowDepth) }
                    nodeStart = true
                }
            } else if scalar == "]" || scalar == "}" {
                if flowDepth > 0 {
                    flowDepth -= 1
                    nodeStart = false
                }
            } else if scalar == "," && flowDepth > 0 {
                nodeStart = true
            } else if scalar == ":" && (endsToken(next(index)) || flowDepth > 0) {
                nodeStart = true
            } else {
                nodeStart = false
            }
            index += 1
        }
        return nil
    }

    /// The index just past a quoted scalar starting at `start`, or the end of its line: `''` escapes a single
    /// quote, `\` the next character of a double-quoted scalar.
    private static func endOfQuoted<Scalars: RandomAccessCollection<Unicode.Scalar>>(_ scalars: Scalars, from start: Int) -> Int
    where Scalars.Index == Int {
        let quote = scalars[start]
        var index = start + 1
        while index < scalars.count, !isBreak(scalars[index]) {
            let scalar = scalars[index]
            if quote == "\"" && scalar == "\\" {
                index += 2
                continue
            }
            if scalar == quote {
                if quote == "'", index + 1 < scalars.count, scalars[index + 1] == "'" {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return index
    }
}
