#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The relative paths a staging directory was given, a spec's files at a time from several threads: each batch's
/// folder is kept once, and each name below it once for the whole list, with the folder's own name in it written as
/// a 0 byte (which no path holds): `cluster-\0.yaml` in `ns/pg-1/` and in `ns/pg-2/` is one name. A fleet's specs
/// render the same names, so its 170,000 paths cost about 10 bytes each until the listing is written from them.
struct PathList: Sendable {
    /// Where a folder or a name is in its buffer.
    private struct Span: Sendable {
        var start: UInt32
        var length: UInt32
    }

    /// One path: its folder's and its name's number.
    private struct Entry: Sendable {
        var folder: UInt32
        var name: UInt32
    }

    /// The folders' UTF-8 bytes, each ending in `/` (or empty, for paths at the top).
    private var folderBytes: [UInt8] = []
    private var folders: [Span] = []
    /// The names' bytes, each once.
    private var nameBytes: [UInt8] = []
    private var names: [Span] = []
    private var nameNumbers: [[UInt8]: UInt32] = [:]
    private var entries: [Entry] = []

    /// The number of paths added.
    var count: Int { entries.count }

    /// Adds `paths`, which hold no line break or 0 byte, as names below the longest folder they share.
    mutating func append(_ paths: [String]) {
        guard var first = paths.first else { return }
        var shared = first.utf8.count
        for var path in paths.dropFirst() {
            shared = first.withUTF8 { one in
                path.withUTF8 { other in
                    var length = 0
                    while length < min(shared, other.count), one[length] == other[length] { length += 1 }
                    return length
                }
            }
        }
        let folder = UInt32(folders.count)
        var folderLength = 0
        first.withUTF8 { bytes in
            folderLength = bytes[..<shared].lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
            folders.append(Span(start: UInt32(folderBytes.count), length: UInt32(folderLength)))
            folderBytes.append(contentsOf: bytes[..<folderLength])
        }
        let own = Self.lastComponent(folderBytes[(folderBytes.count - folderLength)...])
        var name: [UInt8] = []
        for var path in paths {
            name.removeAll(keepingCapacity: true)
            path.withUTF8 { bytes in Self.template(bytes[folderLength...], own: own, into: &name) }
            let number = nameNumbers[name] ?? {
                let number = UInt32(names.count)
                names.append(Span(start: UInt32(nameBytes.count), length: UInt32(name.count)))
                nameBytes.append(contentsOf: name)
                nameNumbers[name] = number
                return number
            }()
            entries.append(Entry(folder: folder, name: number))
        }
    }

    /// The last component of `folder` (which ends in `/`), empty for the top.
    private static func lastComponent(_ folder: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let component = folder.dropLast()
        return component.lastIndex(of: UInt8(ascii: "/")).map { component[($0 + 1)...] } ?? component
    }

    /// Appends `name` to `template` with each occurrence of `own` written as a 0 byte.
    private static func template(_ name: Slice<UnsafeBufferPointer<UInt8>>, own: ArraySlice<UInt8>, into template: inout [UInt8]) {
        guard let start = own.first else { return template.append(contentsOf: name) }
        var index = name.startIndex
        while index < name.endIndex {
            if name[index] == start, name.endIndex - index >= own.count,
               own.withUnsafeBufferPointer({ memcmp(name.base.baseAddress! + index, $0.baseAddress!, own.count) }) == 0 {
                template.append(0)
                index += own.count
            } else {
                template.append(name[index])
                index += 1
            }
        }
    }

    /// Appends the bytes of the path of `entry` to `path`.
    private func expand(_ entry: Entry, into path: inout [UInt8]) {
        let folder = folders[Int(entry.folder)], name = names[Int(entry.name)]
        let folderPart = folderBytes[Int(folder.start)..<Int(folder.start + folder.length)]
        path.append(contentsOf: folderPart)
        let own = Self.lastComponent(folderPart)
        var start = Int(name.start)
        let end = Int(name.start + name.length)
        while let zero = nameBytes[start..<end].firstIndex(of: 0) {
            path.append(contentsOf: nameBytes[start..<zero])
            path.append(contentsOf: own)
            start = zero + 1
        }
        path.append(contentsOf: nameBytes[start..<end])
    }

    /// This list in the order of the paths' bytes, each path once, and how many repeated an earlier one (a listing
    /// names each file once).
    func sorted() -> (paths: PathList, repeats: Int) {
        var left: [UInt8] = [], right: [UInt8] = []
        func order(_ first: Entry, _ second: Entry) -> Int32 {
            if first.folder != second.folder {
                let one = folders[Int(first.folder)], other = folders[Int(second.folder)]
                let decided = folderBytes.withUnsafeBufferPointer { bytes in
                    memcmp(bytes.baseAddress! + Int(one.start), bytes.baseAddress! + Int(other.start), Int(min(one.length, other.length)))
                }
                if decided != 0 { return decided }
            }
            left.removeAll(keepingCapacity: true)
            right.removeAll(keepingCapacity: true)
            expand(first, into: &left)
            expand(second, into: &right)
            return left.lexicographicallyPrecedes(right) ? -1 : left == right ? 0 : 1
        }
        var sorted = self
        sorted.entries = entries.sorted { order($0, $1) < 0 }
        let repeats = sorted.entries.removeRepeats { order($0, $1) == 0 }
        return (sorted, repeats)
    }

    /// Writes the paths to `descriptor` in the list's order, each followed by `\n`, in blocks of about 64 KiB; false on
    /// an error (see `errno`).
    func write(to descriptor: Int32) -> Bool {
        var block: [UInt8] = []
        block.reserveCapacity(1 << 16)
        for entry in entries {
            expand(entry, into: &block)
            block.append(UInt8(ascii: "\n"))
            if block.count >= (1 << 16) - 4096 {
                guard block.withUnsafeBufferPointer({ FileSystem.writeAll($0, to: descriptor) }) else { return false }
                block.removeAll(keepingCapacity: true)
            }
        }
        return block.withUnsafeBufferPointer { FileSystem.writeAll($0, to: descriptor) }
    }

    /// Calls `body` with each path, in the list's order.
    func forEachPath(_ body: (String) throws -> Void) rethrows {
        var path: [UInt8] = []
        for entry in entries {
            path.removeAll(keepingCapacity: true)
            expand(entry, into: &path)
            try body(String(decoding: path, as: UTF8.self))
        }
    }

    /// The paths, for a list `sorted()` made.
    var sortedPaths: SortedPaths {
        var bytes: [UInt8] = []
        var spans: [SortedPaths.Entry] = []
        spans.reserveCapacity(entries.count)
        for entry in entries {
            let start = bytes.count
            expand(entry, into: &bytes)
            spans.append(SortedPaths.Entry(start: UInt32(start), length: UInt32(bytes.count - start)))
            bytes.append(UInt8(ascii: "\n"))
        }
        return SortedPaths.sorting(spans, in: bytes).paths
    }
}
