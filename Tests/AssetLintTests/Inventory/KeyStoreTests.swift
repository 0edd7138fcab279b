import XCTest

@testable import AssetLint

/// The key store and its hash table against a `Set` of the same keys.
final class KeyStoreTests: XCTestCase {
    func testFindsEveryKeyAddedAndNothingElse() {
        var store = ObjectKeyStore()
        var reference: Set<[UInt8]> = []
        var generator = SystemRandomNumberGenerator()
        // Short keys from a small alphabet, so that many differ by one byte or only in length.
        func randomKey() -> [UInt8] {
            (0..<Int.random(in: 0...6, using: &generator)).map { _ in UInt8.random(in: 0x61...0x64, using: &generator) }
        }
        for _ in 0..<20_000 {
            let key = randomKey()
            let (number, added) = store.insert(key)
            XCTAssertEqual(added, reference.insert(key).inserted)
            XCTAssertEqual(store.key(number), key)
        }
        XCTAssertEqual(store.count, reference.count)
        for _ in 0..<20_000 {
            let key = randomKey()
            XCTAssertEqual(store.contains(key), reference.contains(key), "\(key)")
        }
        for key in reference { XCTAssertTrue(store.contains(key)) }
    }

    func testHundredThousandKeysThroughSeveralGrowths() {
        var store = ObjectKeyStore()
        for number in 0..<100_000 { store.insert(Array("images/\(number).jpg".utf8)) }
        store.shrink()
        XCTAssertEqual(store.count, 100_000)
        XCTAssertEqual(store.find(Array("images/0.jpg".utf8)), 0)
        XCTAssertEqual(store.find(Array("images/99999.jpg".utf8)), 99_999)
        XCTAssertNil(store.find(Array("images/100000.jpg".utf8)))
        XCTAssertNil(store.find(Array("images/1.jpg ".utf8)))
        XCTAssertNil(store.find(Array("images/1.jp".utf8)))
        // The arena holds each key once, back to back.
        XCTAssertEqual(store.arena.count, (0..<100_000).reduce(0) { $0 + "images/\($1).jpg".utf8.count })
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

    func testEmptyAndBinaryKeys() {
        var store = ObjectKeyStore()
        XCTAssertTrue(store.insert([]).added)
        XCTAssertFalse(store.insert([]).added)
        XCTAssertTrue(store.insert([0xFF, 0x00, 0xC3]).added)
        XCTAssertTrue(store.contains([]))
        XCTAssertTrue(store.contains([0xFF, 0x00, 0xC3]))
        XCTAssertFalse(store.contains([0xFF, 0x00]))
    }
}
