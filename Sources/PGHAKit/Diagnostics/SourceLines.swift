/// The lines of a spec file as YAML counts them (a line ends at `\n`, `\r`, `\r\n`, U+0085, U+2028 or U+2029),
/// found by one scan of the bytes; only the lines asked for are decoded.
struct SourceLines {
    private let source: [UInt8]
    /// Where each line starts and ends (its break excluded), as byte offsets.
    private let ranges: [Range<Int>]

    init(_ source: [UInt8]) {
        self.source = source
        var ranges: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < source.count {
            let breakLength = Self.lineBreakLength(source, at: index)
            guard breakLength > 0 else {
                index += 1
                continue
            }
            ranges.append(start..<index)
            index += breakLength
            start = index
        }
        ranges.append(start..<source.count)
        self.ranges = ranges
    }

    /// The text of line `number` (1-based), malformed UTF-8 replaced, or nil when the file has no such line.
    func line(_ number: Int) -> String? {
        guard number >= 1, number <= ranges.count else { return nil }
        return String(decoding: source[ranges[number - 1]], as: UTF8.self)
    }

    /// The length in bytes of the line break at `index`, or 0.
    private static func lineBreakLength(_ bytes: [UInt8], at index: Int) -> Int {
        switch bytes[index] {
        case UInt8(ascii: "\n"):
            return 1
        case UInt8(ascii: "\r"):
            return index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") ? 2 : 1
        case 0xC2:
            return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE2:
            guard index + 2 < bytes.count, bytes[index + 1] == 0x80 else { return 0 }
            return bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 ? 3 : 0
        default:
            return 0
        }
    }
}
