/// A JSON string literal for `text`. Works on UTF-8 bytes: every byte of a multi-byte scalar is 0x80 or more, so
/// only ASCII bytes are ever escaped and the others are copied as they are, in runs between the bytes escaped,
/// into a string of exactly the length needed.
public func jsonString(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes in
        String(unsafeUninitializedCapacity: jsonStringLength(bytes)) { writeJSONString(bytes, to: $0) }
    }
}

/// Appends the JSON string literal for `text` (as `jsonString`) to `output`, in one pass: the runs between the bytes
/// escaped are appended as they are found.
func appendJSONString(_ text: String, to output: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes in
        output.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in bytes.indices where escapedLength(bytes[index]) > 1 {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 6) { escape in
                output.append(contentsOf: UnsafeBufferPointer(rebasing: escape[..<writeEscape(bytes[index], to: escape)]))
            }
            runStart = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        output.append(UInt8(ascii: "\""))
    }
}

private func jsonStringLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    bytes.reduce(2) { $0 + escapedLength($1) }
}

/// Writes the JSON string literal of `bytes` to `output`, which holds exactly `jsonStringLength(bytes)` bytes;
/// returns that length.
private func writeJSONString(_ bytes: UnsafeBufferPointer<UInt8>, to output: UnsafeMutableBufferPointer<UInt8>) -> Int {
    output[0] = UInt8(ascii: "\"")
    var written = 1
    var runStart = 0
    func copyRun(upTo end: Int) {
        guard end > runStart else { return }
        (output.baseAddress! + written).initialize(from: bytes.baseAddress! + runStart, count: end - runStart)
        written += end - runStart
    }
    for (index, byte) in bytes.enumerated() where escapedLength(byte) > 1 {
        copyRun(upTo: index)
        runStart = index + 1
        written += writeEscape(byte, to: UnsafeMutableBufferPointer(rebasing: output[written...]))
    }
    copyRun(upTo: bytes.count)
    output[written] = UInt8(ascii: "\"")
    return written + 1
}

/// Writes the escape sequence of `byte` (one `escapedLength` says is escaped) at the start of `output`; returns its
/// length.
private func writeEscape(_ byte: UInt8, to output: UnsafeMutableBufferPointer<UInt8>) -> Int {
    output[0] = UInt8(ascii: "\\")
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"): output[1] = byte
    case UInt8(ascii: "\n"): output[1] = UInt8(ascii: "n")
    case UInt8(ascii: "\r"): output[1] = UInt8(ascii: "r")
    case UInt8(ascii: "\t"): output[1] = UInt8(ascii: "t")
    default:
        let hex: StaticString = "0123456789abcdef"
        output[1] = UInt8(ascii: "u")
        output[2] = UInt8(ascii: "0")
        output[3] = UInt8(ascii: "0")
        output[4] = hex.utf8Start[Int(byte >> 4)]
        output[5] = hex.utf8Start[Int(byte & 0xF)]
    }
    return escapedLength(byte)
}

/// How many bytes `byte` takes in a JSON string: 2 for a quote, a backslash and the controls escaped with a letter,
/// 6 for the other controls (`\u00XX`), 1 otherwise.
private func escapedLength(_ byte: UInt8) -> Int {
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): 2
    case 0..<0x20: 6
    default: 1
    }
}

extension String {
    /// The string with every occurrence of `target` replaced, matched on UTF-8 bytes from the left: many times
    /// cheaper than the standard library's `replacing`, which compares `Character`s, and exact where a `Character`
    /// would join the target to its neighbour (`"\r\n"` is one `Character`, as is a letter and a combining mark).
    func replacingEvery(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.utf8)
        guard !pattern.isEmpty else { return self }
        var text = self
        return text.withUTF8 { text in
            var result: [UInt8] = []
            result.reserveCapacity(text.count)
            var runStart = 0
            while let found = firstOffset(of: pattern, in: text, from: runStart) {
                result.append(contentsOf: text[runStart..<found])
                result.append(contentsOf: replacement.utf8)
                runStart = found + pattern.count
            }
            result.append(contentsOf: text[runStart...])
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Whether `target` occurs in the string, matched on UTF-8 bytes: without the standard library's searcher, whose
    /// first use looks generic metadata up at run time, and exact where a `Character` would join the target to its
    /// neighbour.
    func containsBytes(_ target: String) -> Bool {
        let pattern = Array(target.utf8)
        guard !pattern.isEmpty else { return true }
        var text = self
        return text.withUTF8 { firstOffset(of: pattern, in: $0, from: 0) != nil }
    }
}

/// The offset of the first occurrence of `pattern` (not empty) in `text` at or after `start`.
private func firstOffset(of pattern: [UInt8], in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    var index = start
    while index + pattern.count <= text.count {
        if text[index] == pattern[0] && text[index..<index + pattern.count].elementsEqual(pattern) { return index }
        index += 1
    }
    return nil
}
