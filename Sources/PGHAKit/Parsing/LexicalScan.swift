/// A pass over spec text before YAML composition that finds what must never reach the composer: nesting
/// deep enough to exhaust its recursion (`[[[[…`, `- - - - …`, deep indentation), and anchors or aliases
/// (an alias bomb expands exponentially once walked). It tracks quotes and comments and treats `&`, `*`,
/// `[`, `{` and quotes as YAML does only where a node can start; it may over-estimate depth, never under.
enum LexicalScan {
    enum Problem: Equatable {
        /// Nesting past `limit` levels.
        case tooDeep(SourceLocation, limit: Int)
        case anchorOrAlias(String, SourceLocation)
    }

    /// The deepest block nesting (indentation plus compact `- ` entries on one line) pgha composes.
    static let maximumBlockDepth = 256

    static func firstProblem(in text: String, maximumFlowDepth: Int) -> Problem? {
        var flowDepth = 0
        var line = 1
        var column = 0
        var quote: Unicode.Scalar?
        var inComment = false
        var atLineStart = true
        var blockDepth = 0
        var lastToken: Unicode.Scalar = "\n"
        var afterSpace = true
        var pendingAnchor: (token: String, location: SourceLocation)?
        for scalar in text.unicodeScalars {
            column += 1
            if let anchor = pendingAnchor {
                if scalar == " " || scalar == "\n" || scalar == "\t" || ",]}".unicodeScalars.contains(scalar) {
                    return .anchorOrAlias(anchor.token, anchor.location)
                }
                pendingAnchor?.token.unicodeScalars.append(scalar)
                continue
            }
            if scalar == "\n" {
                line += 1
                column = 0
                inComment = false
                atLineStart = true
                blockDepth = 0
                lastToken = "\n"
                afterSpace = true
                continue
            }
            if inComment { continue }
            if let open = quote {
                if scalar == open { quote = nil }
                continue
            }
            if scalar == " " || scalar == "\t" {
                if atLineStart { blockDepth += 1 }
                afterSpace = true
                continue
            }
            let nodeCanStart = "[{,\n".unicodeScalars.contains(lastToken)
                || (":-?".unicodeScalars.contains(lastToken) && afterSpace)
            if atLineStart || lastToken == "-" || lastToken == "?" {
                if scalar == "-" || scalar == "?" {
                    blockDepth += 1
                } else {
                    atLineStart = false
                }
            }
            if blockDepth > maximumBlockDepth { return .tooDeep(SourceLocation(line: line, column: column), limit: maximumBlockDepth) }
            if (scalar == "\"" || scalar == "'") && nodeCanStart {
                quote = scalar
            } else if scalar == "#" && afterSpace {
                inComment = true
            } else if (scalar == "&" || scalar == "*") && nodeCanStart {
                pendingAnchor = (String(scalar), SourceLocation(line: line, column: column))
            } else if (scalar == "[" || scalar == "{") && (nodeCanStart || flowDepth > 0 && afterSpace) {
                flowDepth += 1
                if flowDepth > maximumFlowDepth { return .tooDeep(SourceLocation(line: line, column: column), limit: maximumFlowDepth) }
            } else if scalar == "]" || scalar == "}" {
                flowDepth = max(0, flowDepth - 1)
            }
            lastToken = scalar
            afterSpace = false
        }
        return pendingAnchor.map { .anchorOrAlias($0.token, $0.location) }
    }
}
