/// A JSON string literal for `text`. Works on UTF-8 bytes: every byte of a multi-byte scalar is 0x80 or more, so
/// only ASCII bytes are ever escaped and the others are copied as they are.
public func jsonString(_ text: String) -> String {
    var result: [UInt8] = [UInt8(ascii: "\"")]
    result.reserveCapacity(text.utf8.count + 2)
    for byte in text.utf8 {
        let escaped: UInt8
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): escaped = byte
        case UInt8(ascii: "\n"): escaped = UInt8(ascii: "n")
        case UInt8(ascii: "\r"): escaped = UInt8(ascii: "r")
        case UInt8(ascii: "\t"): escaped = UInt8(ascii: "t")
        case 0..<0x20:
            let hex: StaticString = "0123456789abcdef"
            result.append(contentsOf: "\\u00".utf8)
            result.append(hex.utf8Start[Int(byte >> 4)])
            result.append(hex.utf8Start[Int(byte & 0xF)])
            continue
        default:
            result.append(byte)
            continue
        }
        result.append(UInt8(ascii: "\\"))
        result.append(escaped)
    }
    result.append(UInt8(ascii: "\""))
    return String(decoding: result, as: UTF8.self)
}

extension String {
    /// The string with every `target` replaced (Foundation-free).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
