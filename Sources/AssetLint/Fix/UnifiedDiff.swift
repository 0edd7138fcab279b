/// A unified diff between a file and its fixed version.
///
/// Fixes rewrite bytes inside lines and almost never add or remove lines, so lines are paired by
/// position when both versions have the same number of lines; otherwise the differing middle
/// between the common leading and trailing lines forms one change.
public enum UnifiedDiff {
    public static func render(path: String, original: [UInt8], fixed: [UInt8], context: Int = 3) -> String {
        let old = splitLines(original)
        let new = splitLines(fixed)
        guard old != new else { return "" }
        // Changes as (old range, new range) of line indices.
        var changes: [(Range<Int>, Range<Int>)] = []
        if old.count == new.count {
            var index = 0
            while index < old.count {
                guard old[index] != new[index] else { index += 1; continue }
                let start = index
                while index < old.count, old[index] != new[index] { index += 1 }
                changes.append((start..<index, start..<index))
            }
        } else {
            var prefix = 0
            while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
            var suffix = 0
            while suffix < old.count - prefix, suffix < new.count - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
                suffix += 1
            }
            changes.append((prefix..<(old.count - suffix), prefix..<(new.count - suffix)))
        }
        // Merge changes whose context overlaps into hunks.
        var hunks: [[(Range<Int>, Range<Int>)]] = []
        for change in changes {
            if let last = hunks.last?.last, change.0.lowerBound - last.0.upperBound <= 2 * context {
                hunks[hunks.count - 1].append(change)
            } else {
                hunks.append([change])
            }
        }
        var out = "--- \(path)\n+++ \(path)\n"
        for hunk in hunks {
            let oldStart = max(0, hunk.first!.0.lowerBound - context)
            let oldEnd = min(old.count, hunk.last!.0.upperBound + context)
            let shift = hunk.first!.1.lowerBound - hunk.first!.0.lowerBound
            let newStart = oldStart + shift
            let newEnd = oldEnd + (hunk.last!.1.upperBound - hunk.last!.0.upperBound)
            out += "@@ -\(oldStart + 1),\(oldEnd - oldStart) +\(newStart + 1),\(newEnd - newStart) @@\n"
            var cursor = oldStart
            for (oldRange, newRange) in hunk {
                for line in old[cursor..<oldRange.lowerBound] { out += " " + show(line) }
                for line in old[oldRange] { out += "-" + show(line) }
                for line in new[newRange] { out += "+" + show(line) }
                cursor = oldRange.upperBound
            }
            for line in old[cursor..<oldEnd] { out += " " + show(line) }
        }
        return out
    }

    private static func splitLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(bytes[start...index])
            start = index + 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    private static func show(_ line: ArraySlice<UInt8>) -> String {
        let text = String(decoding: line, as: UTF8.self)
        return text.hasSuffix("\n") ? text : text + "\n\\ No newline at end of file\n"
    }
}
