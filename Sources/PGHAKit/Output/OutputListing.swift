/// The record of the files pgha wrote into an output directory, `DIR/.pgha-files`: one path a line, relative to DIR.
/// pgha replaces or deletes only the files it names; everything else in DIR (`.git`, a README, the spec itself) is
/// the user's and is never touched.
public enum OutputListing {
    /// The listing's file name, at the root of the output directory.
    public static let fileName = ".pgha-files"

    /// The listing's first line.
    static let header = "# Files pgha wrote into this directory; it replaces or deletes only these. Generated: do not edit.\n"

    /// The listing of `paths`.
    static func contents(_ paths: SortedPaths) -> String {
        let body = paths.listingBody
        let header = Array(header.utf8)
        return String(unsafeUninitializedCapacity: header.count + body.count) { output in
            let offset = output.initialize(from: header).1
            return body.withUnsafeBufferPointer { output[offset...].initialize(from: $0).1 }
        }
    }

    /// The paths a listing names, or nil when `bytes` is not a listing pgha wrote or names a path outside the
    /// directory (a listing must never make pgha delete anything else). The paths stay in `bytes`.
    static func paths(in listing: [UInt8]) -> SortedPaths? {
        guard listing.starts(with: header.utf8), String(validating: listing, as: UTF8.self) != nil else { return nil }
        var bytes = listing
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        var entries: [SortedPaths.Entry] = []
        entries.reserveCapacity(bytes.count(where: { $0 == UInt8(ascii: "\n") }))
        var start = header.utf8.count
        let fileName = Array(Self.fileName.utf8)
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = bytes[start..<end]
            if !line.isEmpty {
                guard isContained(line), !line.elementsEqual(fileName) else { return nil }
                entries.append(SortedPaths.Entry(start: UInt32(start), length: UInt32(line.count)))
            }
            start = end + 1
        }
        return SortedPaths.sorting(entries, in: bytes).paths
    }

    /// Whether the start of a file shows that pgha generated it: the manifest header, or a script's "Rendered by pgha"
    /// line. Outputs of pgha 0.1.0 have no listing; their files are recognised this way.
    static func looksGenerated(_ head: [UInt8]) -> Bool {
        if head.starts(with: Renderer.manifestHeader.utf8) { return true }
        guard head.starts(with: "#!/usr/bin/env bash\n".utf8) else { return false }
        let lines = String(decoding: head, as: UTF8.self).split(separator: "\n").prefix(4)
        return lines.contains { $0.hasPrefix("# Rendered by pgha ") }
    }

    /// Whether `path` is a relative path that stays inside the directory (no `..`, no leading `/`).
    static func isContained(_ path: String) -> Bool {
        isContained(Array(path.utf8)[...])
    }

    /// Whether the UTF-8 bytes `path` are a relative path that stays inside the directory and fits one line of the
    /// listing: not empty, no 0 byte or line break, and no component empty (a leading `/`, `//`), `.` or `..`.
    static func isContained(_ path: ArraySlice<UInt8>) -> Bool {
        guard !path.contains(where: { $0 == 0 || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else { return false }
        var component = path.startIndex
        while component <= path.endIndex {
            let end = path[component...].firstIndex(of: UInt8(ascii: "/")) ?? path.endIndex
            let length = end - component
            if length == 0 || length <= 2 && path[component..<end].allSatisfy({ $0 == UInt8(ascii: ".") }) { return false }
            component = end + 1
        }
        return true
    }
}
