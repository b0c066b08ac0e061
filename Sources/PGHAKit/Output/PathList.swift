#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Relative paths held in one byte buffer, each followed by a line break: the 170,000 paths of a 10,000-spec fleet
/// cost their bytes, not a string object each, until the staging directory's listing is written from them.
struct PathList: Sendable {
    /// Where a path is in `bytes`.
    private struct Entry: Sendable {
        var start: UInt32
        var length: UInt32
    }

    /// The paths' UTF-8 bytes, each path followed by `\n`.
    private var bytes: [UInt8] = []
    private var entries: [Entry] = []

    /// The number of paths appended.
    var count: Int { entries.count }

    /// Appends `path`, which holds no line break.
    mutating func append(_ path: String) {
        let start = bytes.count
        bytes.append(contentsOf: path.utf8)
        entries.append(Entry(start: UInt32(start), length: UInt32(bytes.count - start)))
        bytes.append(UInt8(ascii: "\n"))
    }

    /// The listing `OutputListing.contents` writes for these paths (sorted by their UTF-8 bytes), or how many paths
    /// repeat an earlier one (a listing names each file once).
    func listing() -> Result<String, Repeats> {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return .success(OutputListing.header) }
            func order(_ first: Entry, _ second: Entry) -> Int32 {
                let shared = memcmp(base + Int(first.start), base + Int(second.start), Int(min(first.length, second.length)))
                return shared != 0 ? shared : first.length < second.length ? -1 : first.length == second.length ? 0 : 1
            }
            let sorted = entries.sorted { order($0, $1) < 0 }
            let repeats = zip(sorted, sorted.dropFirst()).reduce(0) { $0 + (order($1.0, $1.1) == 0 ? 1 : 0) }
            guard repeats == 0 else { return .failure(Repeats(count: repeats)) }
            let header = Array(OutputListing.header.utf8)
            return .success(String(unsafeUninitializedCapacity: header.count + buffer.count) { output in
                var offset = output.initialize(from: header).1
                for entry in sorted {
                    let length = Int(entry.length) + 1
                    (output.baseAddress! + offset).initialize(from: base + Int(entry.start), count: length)
                    offset += length
                }
                return offset
            })
        }
    }

    /// How many paths of a list repeat an earlier one.
    struct Repeats: Error, Equatable {
        var count: Int
    }

    /// The paths, as strings.
    var strings: Set<String> {
        Set(entries.map { entry in String(decoding: bytes[Int(entry.start)..<Int(entry.start + entry.length)], as: UTF8.self) })
    }
}
