#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Relative paths, each named once and sorted by their UTF-8 bytes, held in one byte buffer with an 8-byte entry a
/// path and looked up by binary search: the listing of a 10,000-spec tree (170,000 paths) costs its bytes, not a
/// string object and a set slot a path. All paths below a folder are neighbours, so whether a folder holds any is
/// one search too.
public struct SortedPaths: Sendable, RandomAccessCollection, Equatable, ExpressibleByArrayLiteral {
    /// Where a path is in `bytes`.
    struct Entry: Sendable {
        var start: UInt32
        var length: UInt32
    }

    /// The paths' UTF-8 bytes, each path followed by `\n`, in order (after whatever precedes the first entry).
    private let bytes: [UInt8]
    private let entries: [Entry]

    /// The paths of `entries` into `bytes`, which are sorted and repeat none.
    private init(sorted entries: [Entry], in bytes: [UInt8]) {
        self.bytes = bytes
        self.entries = entries
    }

    /// `paths` sorted, each kept once.
    public init(_ paths: some Sequence<String>) {
        var bytes: [UInt8] = []
        var entries: [Entry] = []
        for path in paths {
            let start = bytes.count
            bytes.append(contentsOf: path.utf8)
            entries.append(Entry(start: UInt32(start), length: UInt32(bytes.count - start)))
            bytes.append(UInt8(ascii: "\n"))
        }
        self = Self.sorting(entries, in: bytes).paths
    }

    public init(arrayLiteral paths: String...) {
        self.init(paths)
    }

    /// The paths `entries` point at in `bytes` (each followed there by `\n`), sorted and each kept once, and how
    /// many repeated an earlier one. When they already are in order (a listing pgha
    /// wrote) and next to each other, `bytes` is kept as it is; otherwise the paths are copied in order into a buffer of their own.
    static func sorting(_ entries: [Entry], in bytes: [UInt8]) -> (paths: SortedPaths, repeats: Int) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !entries.isEmpty else { return (SortedPaths(sorted: [], in: []), 0) }
            func order(_ first: Entry, _ second: Entry) -> Int32 {
                Self.order(base + Int(first.start), Int(first.length), base + Int(second.start), Int(second.length))
            }
            if zip(entries, entries.dropFirst()).allSatisfy({ $1.start == $0.start + $0.length + 1 && order($0, $1) < 0 }) {
                return (SortedPaths(sorted: entries, in: bytes), 0)
            }
            var sorted = entries.sorted { order($0, $1) < 0 }
            let repeats = sorted.removeRepeats { order($0, $1) == 0 }
            var copy: [UInt8] = []
            copy.reserveCapacity(sorted.reduce(0) { $0 + Int($1.length) + 1 })
            let entries = sorted.map { entry in
                let start = copy.count
                copy.append(contentsOf: buffer[Int(entry.start)..<Int(entry.start + entry.length) + 1])
                return Entry(start: UInt32(start), length: entry.length)
            }
            return (SortedPaths(sorted: entries, in: copy), repeats)
        }
    }

    /// The order of two byte strings: `memcmp`'s over their shared length, then the shorter first.
    private static func order(_ first: UnsafePointer<UInt8>, _ firstLength: Int, _ second: UnsafePointer<UInt8>, _ secondLength: Int) -> Int32 {
        let shared = memcmp(first, second, Swift.min(firstLength, secondLength))
        return shared != 0 ? shared : firstLength < secondLength ? -1 : firstLength == secondLength ? 0 : 1
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }

    public subscript(position: Int) -> String {
        let entry = entries[position]
        return String(decoding: bytes[Int(entry.start)..<Int(entry.start + entry.length)], as: UTF8.self)
    }

    /// Whether `path` is one of the paths.
    public func contains(_ path: String) -> Bool {
        index(of: path) != nil
    }

    /// The position of `path` among the paths, nil when it is not one of them.
    func index(of path: String) -> Int? {
        var path = path
        return path.withUTF8 { key in
            let index = firstIndex(notBefore: key)
            return index < entries.count && compare(index, with: key) == 0 && Int(entries[index].length) == key.count ? index : nil
        }
    }

    /// The positions of `paths` among these paths, in their order; nil when one is not among them.
    func positions(of paths: some Sequence<String>) -> [Int]? {
        var positions: [Int] = []
        positions.reserveCapacity(paths.underestimatedCount)
        for path in paths {
            guard let position = index(of: path) else { return nil }
            positions.append(position)
        }
        return positions
    }

    /// Which of a list's paths were named, by position (`positions(of:)`): the names cover the list exactly when
    /// each path was named once and nothing else was.
    struct Coverage {
        private var named: [Bool]
        private var namedTwice = false
        private var count = 0

        init(of paths: SortedPaths) {
            named = Array(repeating: false, count: paths.count)
        }

        /// Marks the paths at `positions` as named.
        mutating func mark(_ positions: [Int]) {
            for position in positions {
                if named[position] { namedTwice = true }
                named[position] = true
            }
            count += positions.count
        }

        /// Whether every path was named once.
        var isExact: Bool { !namedTwice && count == named.count }
    }

    /// Whether any path lies below `folder` (`""` for all of them, any other folder ending in `/`).
    public func containsPaths(below folder: String) -> Bool {
        guard !folder.isEmpty else { return !isEmpty }
        var folder = folder
        return folder.withUTF8 { prefix in
            let index = firstIndex(notBefore: prefix)
            return index < entries.count && compare(index, with: prefix, prefixOnly: true) == 0
        }
    }

    /// The paths' bytes in order, each followed by `\n`: the body of their listing (`OutputListing`).
    var listingBody: ArraySlice<UInt8> {
        guard let first = entries.first, let last = entries.last else { return [] }
        return bytes[Int(first.start)..<Int(last.start + last.length) + 1]
    }

    /// The index of the first path not ordered before `key`.
    private func firstIndex(notBefore key: UnsafeBufferPointer<UInt8>) -> Int {
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if compare(middle, with: key) < 0 { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// How the path at `index` orders against `key`; with `prefixOnly`, only its first `key.count` bytes count.
    private func compare(_ index: Int, with key: UnsafeBufferPointer<UInt8>, prefixOnly: Bool = false) -> Int32 {
        let entry = entries[index]
        return bytes.withUnsafeBufferPointer { buffer in
            let length = prefixOnly ? Swift.min(Int(entry.length), key.count) : Int(entry.length)
            guard let keyBase = key.baseAddress else { return length == 0 ? 0 : 1 }
            return Self.order(buffer.baseAddress! + Int(entry.start), length, keyBase, key.count)
        }
    }

    public static func == (first: SortedPaths, second: SortedPaths) -> Bool {
        first.count == second.count && first.listingBody.elementsEqual(second.listingBody)
    }
}

extension Array {
    /// In a sorted array, removes each element `isRepeat` finds equal to the one kept before it, keeping the order;
    /// returns how many it removed.
    mutating func removeRepeats(_ isRepeat: (Element, Element) -> Bool) -> Int {
        var kept = 0
        for index in indices {
            if kept > 0, isRepeat(self[kept - 1], self[index]) { continue }
            self[kept] = self[index]
            kept += 1
        }
        let repeats = count - kept
        removeLast(repeats)
        return repeats
    }
}
