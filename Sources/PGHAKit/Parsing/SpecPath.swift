/// The spec paths of fields (`postgres.parameters.max_wal_size`) and list elements (`zones[0]`) that diagnostics
/// and the source map name. Each is built in one buffer of its final size: interpolating the pieces appended them
/// one by one, growing the string (about 800 instructions a path, for every field of every spec).
enum SpecPath {
    /// The path of field `key` of the object at `path`: `path.key`, or `key` at the root (`path` empty).
    static func field(_ key: String, in path: String) -> String {
        if path.isEmpty { return key }
        let count = path.utf8.count + 1 + key.utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            var offset = copy(path, into: buffer, at: 0)
            buffer[offset] = UInt8(ascii: ".")
            offset += 1
            return copy(key, into: buffer, at: offset)
        }
    }

    /// The path of element `index` (0 or more) of the list at `path`: `path[index]`.
    static func element(_ index: Int, in path: String) -> String {
        var digits = 1
        var rest = index / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let count = path.utf8.count + digits + 2
        return String(unsafeUninitializedCapacity: count) { buffer in
            var offset = copy(path, into: buffer, at: 0)
            buffer[offset] = UInt8(ascii: "[")
            var value = index
            for position in stride(from: offset + digits, to: offset, by: -1) {
                buffer[position] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
            offset += digits + 1
            buffer[offset] = UInt8(ascii: "]")
            return offset + 1
        }
    }

    /// Copies the UTF-8 of `text` into `buffer` from `offset`; the offset after it.
    private static func copy(_ text: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        let (_, end) = UnsafeMutableBufferPointer(rebasing: buffer[offset...]).initialize(from: text.utf8)
        return offset + end
    }
}
