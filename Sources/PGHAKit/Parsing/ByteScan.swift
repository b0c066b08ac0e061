/// Scans of bytes eight at a time, for the checks every spec goes through before it is composed and every scalar
/// `ManifestYAML` writes: a byte-by-byte loop costs about five instructions a byte, a few kilobytes for every spec.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether `bytes` holds a 0 byte.
    static func containsZero(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            // Nonzero exactly when one of the eight bytes is 0.
            if (word &- ones) & ~word & highBits != 0 { return true }
            offset += 8
        }
        return bytes[offset...].contains(0)
    }

    /// Whether every byte of `bytes` is ASCII (below 0x80).
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset + 8 <= bytes.count {
            if bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & highBits != 0 { return false }
            offset += 8
        }
        return bytes[offset...].allSatisfy { $0 < 0x80 }
    }

    /// Whether every byte of `bytes` is printable ASCII (0x20 through 0x7E).
    static func isPrintableASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let spaces: UInt64 = 0x2020_2020_2020_2020
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            // Nonzero exactly when a byte is below 0x20, or above 0x7E (0x7F plus one, or the high bit, sets it).
            if (word &- spaces) & ~word & highBits != 0 || ((word &+ ones) | word) & highBits != 0 { return false }
            offset += 8
        }
        return bytes[offset...].allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
    }
}
