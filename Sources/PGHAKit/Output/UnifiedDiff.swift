/// Line diffs in the unified format of `diff -u`, found with Myers' O(ND) algorithm.
public enum UnifiedDiff {
    /// The unified diff from `old` to `new` (nil: no file, shown as `/dev/null`): the `---` and `+++` lines, then
    /// hunks with `context` unchanged lines around each change; "" when the two are equal. Text that is not UTF-8
    /// or holds NUL bytes gives the one line `diff` prints for binary files.
    static func diff(old: [UInt8]?, new: [UInt8]?, oldLabel: String, newLabel: String, context: Int = 3) -> String {
        guard old != new else { return "" }
        let oldLabel = old == nil ? "/dev/null" : oldLabel
        let newLabel = new == nil ? "/dev/null" : newLabel
        guard isText(old ?? []), isText(new ?? []) else {
            return "Binary files \(oldLabel) and \(newLabel) differ\n"
        }
        let oldLines = lines(old ?? [])
        let newLines = lines(new ?? [])
        var output: [UInt8] = Array("--- \(oldLabel)\n+++ \(newLabel)\n".utf8)
        let script = grouped(editScript(oldLines, newLines))
        for hunk in hunks(script, context: context) {
            append(hunk, of: script, oldLines, newLines, to: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The diff of one file of an output directory from `a/<path>` (`old`, the directory now; nil: absent) to
    /// `b/<path>` (`new`, the rendering; nil: not rendered), with what `diff -r` says of files that are not regular
    /// or whose executable bit differs.
    static func file(_ path: String, from old: ExistingFile?, to new: Artifact?, context: Int) -> String {
        let newBytes = new.map { $0.bytes }
        guard let old else {
            return diff(old: nil, new: newBytes, oldLabel: "a/\(path)", newLabel: "b/\(path)", context: context)
        }
        guard let oldBytes = old.bytes else {
            guard newBytes != nil else { return "Only in a: \(path)\n" }
            return "File a/\(path) is not a regular file while file b/\(path) is a regular file\n"
        }
        var text = diff(old: oldBytes, new: newBytes, oldLabel: "a/\(path)", newLabel: "b/\(path)", context: context)
        if let new, new.isExecutable != old.isExecutable {
            text += old.isExecutable
                ? "File a/\(path) is executable while file b/\(path) is not\n"
                : "File a/\(path) is not executable while file b/\(path) is\n"
        }
        return text
    }

    /// One step of an edit script: keep a line of both texts, delete one of the old, or insert one of the new.
    enum Edit: Equatable {
        case keep, delete, insert
    }

    /// Beyond this many differences, the middle of the two texts is replaced wholesale, which keeps memory bounded
    /// (the search keeps O(D²) state) at the cost of a longer but still correct diff.
    static let maximumDifferences = 2_000

    /// The lines of `bytes`, each with its newline (the last may have none).
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            lines.append(bytes[start...index])
            start = index + 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    /// A shortest edit script turning `old` into `new`.
    static func editScript(_ old: [ArraySlice<UInt8>], _ new: [ArraySlice<UInt8>]) -> [Edit] {
        var numbers: [ArraySlice<UInt8>: Int] = [:]
        let a = old.map { line in numbers[line] ?? { numbers[line] = numbers.count; return numbers.count - 1 }() }
        let b = new.map { line in numbers[line] ?? { numbers[line] = numbers.count; return numbers.count - 1 }() }
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let middle = myers(Array(a[prefix..<(a.count - suffix)]), Array(b[prefix..<(b.count - suffix)]))
        return Array(repeating: .keep, count: prefix) + middle + Array(repeating: .keep, count: suffix)
    }

    /// Myers' greedy forward search for the furthest-reaching D-paths, then a walk back along the saved frontiers.
    private static func myers(_ a: [Int], _ b: [Int]) -> [Edit] {
        let n = a.count, m = b.count
        let replaceAll = Array(repeating: Edit.delete, count: n) + Array(repeating: Edit.insert, count: m)
        guard n > 0, m > 0 else { return replaceAll }
        let limit = min(n + m, maximumDifferences)
        let offset = limit + 1
        var frontier = [Int](repeating: 0, count: 2 * limit + 3)
        var frontiers: [[Int]] = []
        for d in 0...limit {
            for k in stride(from: -d, through: d, by: 2) {
                var x = takesDown(k, d) { frontier[offset + $0] } ? frontier[offset + k + 1] : frontier[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                frontier[offset + k] = x
                if x >= n, y >= m {
                    return walkBack(n: n, m: m, d: d, frontiers: frontiers)
                }
            }
            frontiers.append(Array(frontier[(offset - d)...(offset + d)]))
        }
        return replaceAll
    }

    /// Whether the path to diagonal `k` at cost `d` comes down from diagonal k+1 (an insertion) rather than
    /// right from k-1 (a deletion).
    private static func takesDown(_ k: Int, _ d: Int, _ reach: (Int) -> Int) -> Bool {
        k == -d || (k != d && reach(k - 1) < reach(k + 1))
    }

    private static func walkBack(n: Int, m: Int, d: Int, frontiers: [[Int]]) -> [Edit] {
        var edits: [Edit] = []
        var x = n, y = m
        for cost in stride(from: d, to: 0, by: -1) {
            let previous = frontiers[cost - 1]
            let reach = { (k: Int) in previous[k + cost - 1] }
            let k = x - y
            let down = takesDown(k, cost, reach)
            let previousK = down ? k + 1 : k - 1
            let previousX = reach(previousK)
            let snakeStart = down ? previousX : previousX + 1
            while x > snakeStart {
                edits.append(.keep)
                x -= 1
                y -= 1
            }
            edits.append(down ? .insert : .delete)
            x = previousX
            y = previousX - previousK
        }
        edits += Array(repeating: .keep, count: x)
        return edits.reversed()
    }

    /// The script with each run of changes reordered to its deletions then its insertions, as `diff` prints them.
    static func grouped(_ script: [Edit]) -> [Edit] {
        var result: [Edit] = []
        result.reserveCapacity(script.count)
        var deletions = 0, insertions = 0
        for edit in script + [.keep] {
            switch edit {
            case .delete: deletions += 1
            case .insert: insertions += 1
            case .keep:
                result += Array(repeating: .delete, count: deletions) + Array(repeating: .insert, count: insertions)
                deletions = 0
                insertions = 0
                result.append(.keep)
            }
        }
        result.removeLast()
        return result
    }

    /// The ranges of the script that become hunks: each run of changes with `context` kept lines around it,
    /// joining runs at most 2 × `context` kept lines apart.
    static func hunks(_ script: [Edit], context: Int) -> [Range<Int>] {
        var hunks: [Range<Int>] = []
        var index = 0
        while index < script.count {
            guard script[index] != .keep else {
                index += 1
                continue
            }
            var runEnd = index
            while runEnd < script.count, script[runEnd] != .keep { runEnd += 1 }
            let start = max(index - context, 0)
            let end = min(runEnd + context, script.count)
            if let last = hunks.last, start <= last.upperBound {
                hunks[hunks.count - 1] = last.lowerBound..<end
            } else {
                hunks.append(start..<end)
            }
            index = runEnd
        }
        return hunks
    }

    private static func append(
        _ hunk: Range<Int>, of script: [Edit], _ old: [ArraySlice<UInt8>], _ new: [ArraySlice<UInt8>],
        to output: inout [UInt8]
    ) {
        var oldLine = 0, newLine = 0
        for edit in script[..<hunk.lowerBound] {
            if edit != .insert { oldLine += 1 }
            if edit != .delete { newLine += 1 }
        }
        let oldCount = script[hunk].count(where: { $0 != .insert })
        let newCount = script[hunk].count(where: { $0 != .delete })
        output += Array("@@ -\(range(oldLine, oldCount)) +\(range(newLine, newCount)) @@\n".utf8)
        for edit in script[hunk] {
            let line: ArraySlice<UInt8>
            switch edit {
            case .keep:
                output.append(UInt8(ascii: " "))
                line = old[oldLine]
                oldLine += 1
                newLine += 1
            case .delete:
                output.append(UInt8(ascii: "-"))
                line = old[oldLine]
                oldLine += 1
            case .insert:
                output.append(UInt8(ascii: "+"))
                line = new[newLine]
                newLine += 1
            }
            output += line
            if line.last != UInt8(ascii: "\n") { output += Array("\n\\ No newline at end of file\n".utf8) }
        }
    }

    /// A hunk range as `diff` writes it: `start,count`, just `start` for one line, and for none the line before.
    private static func range(_ linesBefore: Int, _ count: Int) -> String {
        switch count {
        case 0: return "\(linesBefore),0"
        case 1: return "\(linesBefore + 1)"
        default: return "\(linesBefore + 1),\(count)"
        }
    }

    private static func isText(_ bytes: [UInt8]) -> Bool {
        !bytes.contains(0) && String(validating: bytes, as: UTF8.self) != nil
    }
}
