import XCTest

@testable import AssetLint

/// The ids of a split manifest are grouped by tag with a radix sort: every group of equal tags
/// must come out whole, and in file order, or a duplicate would be reported against the wrong
/// first occurrence.
final class TaggedIDsTests: XCTestCase {
    func testGroupsEveryRunOfEqualTagsInFileOrder() {
        var generator = SeededGenerator(seed: 0x7A65)
        // Tags that differ in each of the three digits the sort passes over, and many repeats.
        let pool: [UInt32] = (0..<3000).map { _ in UInt32.random(in: 0...UInt32.max, using: &generator) } + [0, 1, 0x7FF, 0x800, 0x3F_FFFF, 0x40_0000, .max]
        var records = TaggedIDs(capacity: 16)
        var expected: [UInt32: [UInt32]] = [:]
        for item in 0..<20_000 {
            let tag = pool[Int.random(in: 0..<pool.count, using: &generator)]
            records.append(TaggedID(tag: tag, item: UInt32(item), literalStart: item * 10))
            expected[tag, default: []].append(UInt32(item))
        }
        var groups: [UInt32: [UInt32]] = [:]
        var previousTag: UInt32?
        records.forEachGroupOfEqualTags { group in
            XCTAssertTrue(group.allSatisfy { $0.tag == group[0].tag })
            XCTAssertNil(groups[group[0].tag], "tag \(group[0].tag) split into two groups")
            if let previousTag { XCTAssertLessThan(previousTag, group[0].tag) }
            previousTag = group[0].tag
            groups[group[0].tag] = group.map(\.item)
            XCTAssertEqual(group.map(\.literalStart), group.map { Int($0.item) * 10 })
        }
        XCTAssertEqual(groups, expected.filter { $0.value.count > 1 })
        XCTAssertGreaterThan(groups.count, 2000)
    }

    func testNoGroupsWithoutRepeats() {
        var records = TaggedIDs(capacity: 4)
        for tag: UInt32 in [5, 4, 3, 2, 1] { records.append(TaggedID(tag: tag, item: tag, literalStart: 0)) }
        var called = false
        records.forEachGroupOfEqualTags { _ in called = true }
        XCTAssertFalse(called)
    }
}
