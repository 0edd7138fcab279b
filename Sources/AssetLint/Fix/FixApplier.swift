/// Applies the fixes of diagnostics to a file's bytes.
///
/// Edits are byte ranges of the original file; every byte outside them is copied unchanged.
/// When two fixes overlap, the one that starts first wins (ties: the earlier diagnostic in report
/// order) and the other is left for the next round, so the result does not depend on rule order.
public enum FixApplier {
    public struct Result: Sendable {
        public var bytes: [UInt8]
        /// The fixes that were applied, in file order.
        public var applied: [Fix]
        /// Fixes skipped because they overlapped one that was applied.
        public var deferred: Int
    }

    public static func applicable(_ diagnostics: [Diagnostic], unsafe: Bool) -> [Fix] {
        diagnostics.compactMap(\.fix).filter { unsafe || $0.applicability == .safe }
    }

    public static func apply(_ fixes: [Fix], to source: UnsafeBufferPointer<UInt8>) -> Result {
        // Sort keys computed once: a file with a million fixable findings must not allocate in
        // every comparison.
        let starts = fixes.map { fix in fix.edits.lazy.map(\.range.offset).min() ?? 0 }
        let ordered = fixes.indices.sorted { (starts[$0], $0) < (starts[$1], $1) }.map { fixes[$0] }

        // The ranges taken so far, sorted by offset and pairwise conflict-free, so each new range
        // is checked against its neighbours only (a linear scan made a million fixes quadratic).
        var taken = TakenRanges()
        var applied: [Fix] = []
        var deferred = 0
        for fix in ordered {
            let ranges = fix.edits.map(\.range)
            let valid = ranges.allSatisfy { $0.offset >= 0 && $0.length >= 0 && $0.end <= source.count }
            if !valid || ranges.contains(where: taken.conflicts) || selfOverlapping(ranges) {
                deferred += 1
                continue
            }
            for range in ranges { taken.insert(range) }
            applied.append(fix)
        }

        let edits = applied.flatMap(\.edits).sorted { ($0.range.offset, $0.range.end) < ($1.range.offset, $1.range.end) }
        var output: [UInt8] = []
        output.reserveCapacity(source.count + edits.reduce(0) { $0 + $1.replacement.utf8.count })
        var cursor = 0
        for edit in edits {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: source[cursor..<edit.range.offset]))
            output.append(contentsOf: edit.replacement.utf8)
            cursor = edit.range.end
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: source[cursor..<source.count]))
        return Result(bytes: output, applied: applied, deferred: deferred)
    }

    /// Two ranges conflict when they share a byte, or when both insert at the same offset.
    static func overlap(_ a: ByteRange, _ b: ByteRange) -> Bool {
        if a.length == 0 || b.length == 0 {
            return a.offset == b.offset || (a.offset > b.offset && a.offset < b.end) || (b.offset > a.offset && b.offset < a.end)
        }
        return a.offset < b.end && b.offset < a.end
    }

    /// Conflict-free ranges in offset order. Because no two of them conflict, their ends are in
    /// order too, and only the ranges just before an insertion point can reach into a new range.
    struct TakenRanges {
        private(set) var ranges: [ByteRange] = []

        /// Index of the first range whose offset is greater than `offset`.
        private func upperBound(_ offset: Int) -> Int {
            var low = 0
            var high = ranges.count
            while low < high {
                let mid = (low + high) / 2
                if ranges[mid].offset <= offset { low = mid + 1 } else { high = mid }
            }
            return low
        }

        func conflicts(_ range: ByteRange) -> Bool {
            // A range starting after `range.end` cannot conflict; walk back from there while the
            // ranges still reach `range.offset`.
            var index = upperBound(range.end) - 1
            while index >= 0 {
                let other = ranges[index]
                if FixApplier.overlap(other, range) { return true }
                if other.end < range.offset { return false }
                index -= 1
            }
            return false
        }

        mutating func insert(_ range: ByteRange) {
            let index = upperBound(range.offset)
            if index == ranges.count { ranges.append(range) } else { ranges.insert(range, at: index) }
        }
    }

    private static func selfOverlapping(_ ranges: [ByteRange]) -> Bool {
        for (index, range) in ranges.enumerated() {
            for other in ranges[(index + 1)...] where overlap(range, other) { return true }
        }
        return false
    }
}
