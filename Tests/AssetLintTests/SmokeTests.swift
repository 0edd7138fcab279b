import XCTest
@testable import AssetLint

final class ICUShimTests: XCTestCase {
    func testNFCDetection() {
        XCTAssertTrue(ICU.isNFC("caf\u{E9}"))
        XCTAssertFalse(ICU.isNFC("cafe\u{301}"))
        XCTAssertEqual(ICU.nfc("cafe\u{301}"), "caf\u{E9}")
    }
}
