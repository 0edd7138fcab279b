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
        let ordered = fixes.enumerated().sorted { lhs, rhs in
            let left = lhs.element.edits.map(\.range.offset).min() ?? 0
            let right = rhs.element.edits.map(\.range.offset).min() ?? 0
            return (left, lhs.offset) < (right, rhs.offset)
        }.map(\.element)

        var taken: [ByteRange] = []
        var applied: [Fix] = []
        var deferred = 0
        for fix in ordered {
            let ranges = fix.edits.map(\.range)
            let valid = ranges.allSatisfy { $0.offset >= 0 && $0.end <= source.count }
            let overlaps = ranges.contains { range in taken.contains { overlap($0, range) } }
            if !valid || overlaps || selfOverlapping(ranges) {
                deferred += 1
                continue
            }
            taken.append(contentsOf: ranges)
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

    private static func selfOverlapping(_ ranges: [ByteRange]) -> Bool {
        for (index, range) in ranges.enumerated() {
            for other in ranges[(index + 1)...] where overlap(range, other) { return true }
        }
        return false
    }
}
