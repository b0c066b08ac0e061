/// The UTF-8 bytes of a README being written, in one buffer sized for the whole text: each piece is copied in
/// from its own UTF-8 buffer, instead of a `String` built per line and the lines joined at the end. Only whole
/// `String`s and ASCII are appended, so the bytes are valid UTF-8.
struct MarkdownText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// `pieces`, one after another. Inlined, so that the array of pieces stays on the stack.
    @inline(__always)
    mutating func add(_ pieces: String...) {
        for index in pieces.indices { append(pieces[index]) }
    }

    /// `pieces`, one after another, and a newline.
    @inline(__always)
    mutating func line(_ pieces: String...) {
        for index in pieces.indices { append(pieces[index]) }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// `items`, `separator` between each two, each in backticks when `code`.
    mutating func add(_ items: [String], separator: String, code: Bool) {
        for index in items.indices {
            if index > 0 { append(separator) }
            if code { bytes.append(UInt8(ascii: "`")) }
            append(items[index])
            if code { bytes.append(UInt8(ascii: "`")) }
        }
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }
}
