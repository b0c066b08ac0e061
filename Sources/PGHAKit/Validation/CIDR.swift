/// An IPv4 or IPv6 CIDR block, such as `203.0.113.7/32` or `2001:db8::/48`.
struct CIDR: Equatable {
    let isIPv6: Bool
    let prefixLength: Int
    /// The network address.
    let address: [UInt8]

    /// Whether the block is the whole address space (`0.0.0.0/0`, `::/0`).
    var isEverything: Bool { prefixLength == 0 }

    /// Parses `text`; nil when it is not a CIDR with an explicit prefix length, or has host bits set.
    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), parts[1].allSatisfy(\.isNumber) else { return nil }
        if let bytes = CIDR.ipv4(String(parts[0])) {
            guard (0...32).contains(prefix), CIDR.hostBitsClear(bytes, prefix) else { return nil }
            isIPv6 = false
            address = bytes
        } else if let bytes = CIDR.ipv6(String(parts[0])) {
            guard (0...128).contains(prefix), CIDR.hostBitsClear(bytes, prefix) else { return nil }
            isIPv6 = true
            address = bytes
        } else {
            return nil
        }
        prefixLength = prefix
    }

    /// Whether every address of `other` is in this block.
    func contains(_ other: CIDR) -> Bool {
        guard isIPv6 == other.isIPv6, other.prefixLength >= prefixLength else { return false }
        for (index, (mine, theirs)) in zip(address, other.address).enumerated() {
            let networkBits = max(0, min(8, prefixLength - index * 8))
            let mask: UInt8 = networkBits == 0 ? 0 : UInt8(0xFF) << (8 - networkBits)
            if mine & mask != theirs & mask { return false }
        }
        return true
    }

    private static func hostBitsClear(_ bytes: [UInt8], _ prefix: Int) -> Bool {
        for (index, byte) in bytes.enumerated() {
            let networkBits = max(0, min(8, prefix - index * 8))
            let hostMask: UInt8 = networkBits == 8 ? 0 : UInt8(0xFF) >> networkBits
            if byte & hostMask != 0 { return false }
        }
        return true
    }

    /// `text` split at each "::" (Foundation-free).
    private static func splitOnDoubleColon(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var previousWasColon = false
        for character in text {
            if character == ":" && previousWasColon {
                current.removeLast()
                parts.append(current)
                current = ""
                previousWasColon = false
                continue
            }
            current.append(character)
            previousWasColon = character == ":"
        }
        parts.append(current)
        return parts
    }

    static func ipv4(_ text: String) -> [UInt8]? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isNumber), let value = UInt8(octet),
                  octet.count == 1 || octet.first != "0" else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    static func ipv6(_ text: String) -> [UInt8]? {
        let halves = splitOnDoubleColon(text)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}
