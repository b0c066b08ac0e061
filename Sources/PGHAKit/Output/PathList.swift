/// Relative paths held in one byte buffer, each followed by a line break: the 170,000 paths of a 10,000-spec fleet
/// cost their bytes, not a string object each, until the staging directory's listing is written from them.
struct PathList: Sendable {
    /// The paths' UTF-8 bytes, each path followed by `\n`.
    private var bytes: [UInt8] = []
    private var entries: [SortedPaths.Entry] = []

    /// The number of paths appended.
    var count: Int { entries.count }

    /// Appends `path`, which holds no line break.
    mutating func append(_ path: String) {
        let start = bytes.count
        bytes.append(contentsOf: path.utf8)
        entries.append(SortedPaths.Entry(start: UInt32(start), length: UInt32(bytes.count - start)))
        bytes.append(UInt8(ascii: "\n"))
    }

    /// The paths sorted by their UTF-8 bytes, and how many repeat an earlier one (a listing names each file once).
    func sorted() -> (paths: SortedPaths, repeats: Int) {
        SortedPaths.sorting(entries, in: bytes)
    }
}
