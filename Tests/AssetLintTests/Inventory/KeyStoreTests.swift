import XCTest

@testable import AssetLint

/// The key store and its hash table against a `Set` of the same keys.
final class KeyStoreTests: XCTestCase {
    func testFindsEveryKeyAddedAndNothingElse() throws {
        var store = ObjectKeyStore()
        var reference: Set<[UInt8]> = []
        var order: [[UInt8]] = []
        var generator = SystemRandomNumberGenerator()
        // Short keys from a small alphabet, so that many differ by one byte or only in length.
        func randomKey() -> [UInt8] {
            (0..<Int.random(in: 0...6, using: &generator)).map { _ in UInt8.random(in: 0x61...0x64, using: &generator) }
        }
        for _ in 0..<20_000 {
            let key = randomKey()
            let (id, added) = try XCTUnwrap(store.insert(key))
            XCTAssertEqual(added, reference.insert(key).inserted)
            if added { order.append(key) }
            XCTAssertEqual(store.key(id), key)
            XCTAssertEqual(store.find(key), id)
        }
        XCTAssertEqual(store.count, reference.count)
        for _ in 0..<20_000 {
            let key = randomKey()
            XCTAssertEqual(store.contains(key), reference.contains(key), "\(key)")
        }
        for key in reference { XCTAssertTrue(store.contains(key)) }
        // Ids in the order the keys were added, each the one after the other.
        var listed: [[UInt8]] = []
        store.forEachID { listed.append(store.key($0)) }
        XCTAssertEqual(listed, order)
    }

    func testHundredThousandKeysThroughSeveralGrowths() throws {
        var store = ObjectKeyStore()
        var ids: [Int] = []
        for number in 0..<100_000 { ids.append(try XCTUnwrap(store.insert(Array("images/\(number).jpg".utf8))).id) }
        store.shrink()
        XCTAssertEqual(store.count, 100_000)
        XCTAssertEqual(store.find(Array("images/0.jpg".utf8)), 0)
        XCTAssertEqual(store.find(Array("images/99999.jpg".utf8)), ids.last)
        XCTAssertNil(store.find(Array("images/100000.jpg".utf8)))
        XCTAssertNil(store.find(Array("images/1.jpg ".utf8)))
        XCTAssertNil(store.find(Array("images/1.jp".utf8)))
        // Each key once, back to back: two bytes of length, the bytes, padding to four.
        var arena = 0
        for number in 0..<100_000 {
            let length: Int = "images/\(number).jpg".utf8.count
            arena += (length + 2 + 3) / 4 * 4
        }
        XCTAssertEqual(store.arena.count, arena)
        for position in 1..<ids.count where store.next(after: ids[position - 1]) != ids[position] {
            XCTFail("key \(position) does not follow key \(position - 1)")
            break
        }
        XCTAssertEqual(store.next(after: ids.last!), store.endID)
    }

    func testTheHintIsTriedFirstAndAWrongHintIsHarmless() throws {
        var store = ObjectKeyStore()
        let keys = (0..<50).map { Array("k/\($0)".utf8) }
        let ids = try keys.map { try XCTUnwrap(store.insert($0)).id }
        for (position, key) in keys.enumerated() {
            key.withUnsafeBufferPointer { key in
                for hint in [ids[position], ids[(position + 1) % ids.count], 0, store.endID, store.endID + 7] {
                    XCTAssertEqual(store.find(key, hint: hint), ids[position])
                }
                XCTAssertNil(Array("k/x".utf8).withUnsafeBufferPointer { store.find($0, hint: ids[position]) })
            }
        }
    }

    func testEqualHashTagsAreToldApartByTheirKeys() {
        var slots = HashSlots()
        let hash: UInt64 = 0xDEAD_BEEF_0000_0001
        for value in 0..<40 as Range<UInt32> { slots.insert(hash: hash, value: value) }
        slots.insert(hash: 0x1234_5678_0000_0000, value: 99)
        XCTAssertEqual(slots.all(hash: hash).sorted(), Array(0..<40))
        XCTAssertEqual(slots.all(hash: 0x1234_5678_FFFF_FFFF), [99])
        XCTAssertEqual(slots.first(hash: hash) { $0 == 17 }, 17)
        XCTAssertNil(slots.first(hash: 0x0000_0001_0000_0000) { _ in true })
        XCTAssertEqual(slots.count, 41)
    }

    func testEmptyBinaryAndOverlongKeys() {
        var store = ObjectKeyStore()
        XCTAssertEqual(store.insert([])?.added, true)
        XCTAssertEqual(store.insert([])?.added, false)
        XCTAssertEqual(store.insert([0xFF, 0x00, 0xC3])?.added, true)
        XCTAssertTrue(store.contains([]))
        XCTAssertTrue(store.contains([0xFF, 0x00, 0xC3]))
        XCTAssertFalse(store.contains([0xFF, 0x00]))
        let longest = [UInt8](repeating: 0x61, count: ObjectKeyStore.maximumKeyLength)
        XCTAssertEqual(store.insert(longest)?.added, true)
        XCTAssertTrue(store.contains(longest))
        XCTAssertNil(store.insert(longest + [0x61]))
        XCTAssertFalse(store.contains(longest + [0x61]))
        XCTAssertEqual(store.count, 3)
    }

    func testAnOverlongNameInAListingIsAWarningOnItsLine() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("keys.txt", "a.jpg\n" + String(repeating: "x", count: 70_000) + "\nb.jpg\n")
        let load = try InventoryTesting.load(["s3://b=" + path])
        XCTAssertEqual(load.problems.map(\.line), [2])
        XCTAssertEqual(load.problems.first?.severity, .warning)
        XCTAssertEqual(try InventoryTesting.keys(load, "s3://b"), ["a.jpg", "b.jpg"])
    }
}
