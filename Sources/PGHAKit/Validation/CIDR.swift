/// An IPv4 or IPv6 CIDR block, such as `203.0.113.7/32` or `2001:db8::/48`.
struct CIDR: Equatable {
    let isIPv6: Bool
    let prefixLength: Int
    /// The network address, 4 or 16 bytes.
    let bytes: [UInt8]

    /// Whether the block is the whole address space (`0.0.0.0/0`, `::/0`).
    var isEverything: Bool { prefixLength == 0 }

    /// Parses `text`; nil when it is not a CIDR with an explicit prefix length, or has host bits set
    /// (unless `allowingHostBits`, as PostgreSQL's pg_hba does).
    init?(_ text: String, allowingHostBits: Bool = false) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), parts[1].allSatisfy(\.isNumber) else { return nil }
        if let bytes = CIDR.ipv4(String(parts[0])) {
            guard (0...32).contains(prefix), allowingHostBits || CIDR.hostBitsClear(bytes, prefix) else { return nil }
            self.init(bytes: bytes, prefixLength: prefix)
        } else if let bytes = CIDR.ipv6(String(parts[0])) {
            guard (0...128).contains(prefix), allowingHostBits || CIDR.hostBitsClear(bytes, prefix) else { return nil }
            self.init(bytes: bytes, prefixLength: prefix)
        } else {
            return nil
        }
    }

    /// The block of `prefixLength` bits around the 4- or 16-byte address `bytes` (host bits are cleared).
    init(bytes: [UInt8], prefixLength: Int) {
        isIPv6 = bytes.count == 16
        self.prefixLength = prefixLength
        self.bytes = bytes.enumerated().map { index, byte in
            let networkBits = max(0, min(8, prefixLength - index * 8))
            return networkBits == 0 ? 0 : byte & (UInt8(0xFF) << (8 - networkBits))
        }
    }

    /// The first and last addresses of the block.
    var range: ClosedRange<IPAddress> {
        let last = bytes.enumerated().map { index, byte in
            let networkBits = max(0, min(8, prefixLength - index * 8))
            return networkBits == 8 ? byte : byte | (UInt8(0xFF) >> networkBits)
        }
        return IPAddress(bytes)...IPAddress(last)
    }

    /// Whether the two blocks share an address.
    func overlaps(_ other: CIDR) -> Bool {
        isIPv6 == other.isIPv6 && range.overlaps(other.range)
    }

    /// Whether every address of `other` is in this block.
    func contains(_ other: CIDR) -> Bool {
        isIPv6 == other.isIPv6 && prefixLength <= other.prefixLength
            && range.lowerBound <= other.range.lowerBound && other.range.upperBound <= range.upperBound
    }

    /// Whether the blocks together hold every address of their family (IPv4 or IPv6), such as 0.0.0.0/1 and
    /// 128.0.0.0/1.
    static func coverEverything(_ blocks: [CIDR], ipv6: Bool) -> Bool {
        let ranges = blocks.filter { $0.isIPv6 == ipv6 }.map(\.range).sorted { $0.lowerBound < $1.lowerBound }
        var next = IPAddress(zeroOfLength: ipv6 ? 16 : 4)
        for range in ranges where range.lowerBound <= next {
            guard range.upperBound >= next else { continue }
            guard let following = range.upperBound.successor else { return true }
            next = following
        }
        return false
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
