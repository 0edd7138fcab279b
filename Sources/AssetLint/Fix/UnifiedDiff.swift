/// A unified diff between a file and its fixed version, as `patch -p0` and `git apply -p0` read
/// it: `--- path` and `+++ path` naming the file as given, then the hunks.
///
/// Fixes rewrite bytes inside lines and almost never add or remove lines, so lines are paired by
/// position when both versions have the same number of lines; otherwise the differing middle
/// between the common leading and trailing lines forms one change.
public enum UnifiedDiff {
    /// One `@@` block: the lines it shows of each version (context included) and its changes.
    struct Hunk {
        var old: Range<Int>
        var new: Range<Int>
        /// (old lines, new lines) replaced, in order, inside `old` and `new`.
        var changes: [(old: Range<Int>, new: Range<Int>)]
    }

    /// The lines of a file, each with its line feed, as slices of the file's bytes.
    struct Lines {
        let bytes: [UInt8]
        let lines: [ArraySlice<UInt8>]

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            var lines: [ArraySlice<UInt8>] = []
            var start = 0
            for (index, byte) in bytes.enumerated() where byte == 0x0A {
                lines.append(bytes[start...index])
                start = index + 1
            }
            if start < bytes.count { lines.append(bytes[start...]) }
            self.lines = lines
        }

        /// The bytes lines `range` span.
        func byteRange(of range: Range<Int>) -> Range<Int> {
            guard !range.isEmpty else { return 0..<0 }
            return lines[range.lowerBound].startIndex..<lines[range.upperBound - 1].endIndex
        }
    }

    public static func render(path: String, original: [UInt8], fixed: [UInt8], context: Int = 3) -> String {
        let old = Lines(original)
        let new = Lines(fixed)
        let hunks = hunks(old, new, context: context)
        guard !hunks.isEmpty else { return "" }
        var out = "--- \(path)\n+++ \(path)\n"
        for hunk in hunks {
            out += "@@ -\(header(hunk.old)) +\(header(hunk.new)) @@\n"
            var cursor = hunk.old.lowerBound
            for change in hunk.changes {
                for line in old.lines[cursor..<change.old.lowerBound] { out += " " + show(line) }
                for line in old.lines[change.old] { out += "-" + show(line) }
                for line in new.lines[change.new] { out += "+" + show(line) }
                cursor = change.old.upperBound
            }
            for line in old.lines[cursor..<hunk.old.upperBound] { out += " " + show(line) }
        }
        return out
    }

    /// The bytes each hunk of the diff of `original` and `fixed` shows (context, removed and added
    /// lines): ranges of `original` and of `fixed`, one per hunk, in order.
    static func shownBytes(original: [UInt8], fixed: [UInt8], context: Int = 3) -> (original: [Range<Int>], fixed: [Range<Int>]) {
        let old = Lines(original)
        let new = Lines(fixed)
        let hunks = hunks(old, new, context: context)
        return (hunks.map { old.byteRange(of: $0.old) }, hunks.map { new.byteRange(of: $0.new) })
    }

    static func hunks(_ old: Lines, _ new: Lines, context: Int) -> [Hunk] {
        let oldLines = old.lines
        let newLines = new.lines
        guard oldLines != newLines else { return [] }
        var changes: [(old: Range<Int>, new: Range<Int>)] = []
        if oldLines.count == newLines.count {
            var index = 0
            while index < oldLines.count {
                guard oldLines[index] != newLines[index] else { index += 1; continue }
                let start = index
                while index < oldLines.count, oldLines[index] != newLines[index] { index += 1 }
                changes.append((start..<index, start..<index))
            }
        } else {
            var prefix = 0
            while prefix < oldLines.count, prefix < newLines.count, oldLines[prefix] == newLines[prefix] { prefix += 1 }
            var suffix = 0
            while suffix < oldLines.count - prefix, suffix < newLines.count - prefix,
                oldLines[oldLines.count - 1 - suffix] == newLines[newLines.count - 1 - suffix] {
                suffix += 1
            }
            changes.append((prefix..<(oldLines.count - suffix), prefix..<(newLines.count - suffix)))
        }
        // Changes whose context overlaps share a hunk.
        var groups: [[(old: Range<Int>, new: Range<Int>)]] = []
        for change in changes {
            if let last = groups.last?.last, change.old.lowerBound - last.old.upperBound <= 2 * context {
                groups[groups.count - 1].append(change)
            } else {
                groups.append([change])
            }
        }
        return groups.map { group in
            let first = group.first!
            let last = group.last!
            let oldStart = max(0, first.old.lowerBound - context)
            let oldEnd = min(oldLines.count, last.old.upperBound + context)
            let newStart = oldStart + (first.new.lowerBound - first.old.lowerBound)
            let newEnd = oldEnd + (last.new.upperBound - last.old.upperBound)
            return Hunk(old: oldStart..<oldEnd, new: newStart..<newEnd, changes: group)
        }
    }

    /// `start,count` of a hunk header; an empty side names the line before it (`0,0` at the top).
    private static func header(_ lines: Range<Int>) -> String {
        lines.isEmpty ? "\(lines.lowerBound),0" : "\(lines.lowerBound + 1),\(lines.count)"
    }

    private static func show(_ line: ArraySlice<UInt8>) -> String {
        let text = String(decoding: line, as: UTF8.self)
        return text.hasSuffix("\n") ? text : text + "\n\\ No newline at end of file\n"
    }
}
