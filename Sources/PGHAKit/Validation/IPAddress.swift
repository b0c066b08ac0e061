/// An IPv4 (4 bytes) or IPv6 (16 bytes) address, ordered as a number within its family.
struct IPAddress: Comparable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    init(zeroOfLength length: Int) { bytes = [UInt8](repeating: 0, count: length) }

    /// The next address, or nil after the last one of the family.
    var successor: IPAddress? {
        var result = bytes
        for index in result.indices.reversed() {
            if result[index] == 0xFF {
                result[index] = 0
            } else {
                result[index] += 1
                return IPAddress(result)
            }
        }
        return nil
    }

    static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        lhs.bytes.count != rhs.bytes.count ? lhs.bytes.count < rhs.bytes.count : lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }
}
