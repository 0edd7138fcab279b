import AssetLintServer
import XCTest

final class MessageFramerTests: XCTestCase {
    private func bodies(_ events: [MessageFramer.Event]) -> [String] {
        events.compactMap { event in
            guard case .message(let buffer) = event else { return nil }
            return String(decoding: UnsafeBufferPointer(buffer.bytes), as: UTF8.self)
        }
    }

    private func feed(_ framer: inout MessageFramer, _ bytes: [UInt8]) -> [MessageFramer.Event] {
        bytes.withUnsafeBytes { framer.consume($0) }
    }

    func testMessagesSplitAtEveryByteComeOutWhole() {
        let messages = [#"{"a":1}"#, #"{"é":"😀"}"#, "", #"{"long":"\#(String(repeating: "x", count: 70_000))"}"#]
        let stream = messages.flatMap { MessageFramer.frame(Array($0.utf8)) }
        for cut in [1, 2, 3, 7, 20, 4096, 65_536, stream.count] {
            var framer = MessageFramer()
            var events: [MessageFramer.Event] = []
            var offset = 0
            while offset < stream.count {
                let end = min(stream.count, offset + cut)
                events += feed(&framer, Array(stream[offset..<end]))
                offset = end
            }
            XCTAssertEqual(bodies(events), messages, "chunks of \(cut) bytes")
            XCTAssertTrue(framer.isIdle)
        }
    }

    func testHeadersAreReadAsTheProtocolAndLenientClientsWriteThem() {
        var framer = MessageFramer()
        let stream = "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"
            + "Content-Length:3\n\n[1]" + "\r\n" + "CONTENT-LENGTH: 4 \r\n\r\nnull"
        XCTAssertEqual(bodies(feed(&framer, Array(stream.utf8))), ["{}", "[1]", "null"])
    }

    func testAHeaderWithoutALengthIsReportedAndTheNextMessageStillArrives() {
        var framer = MessageFramer()
        let events = feed(&framer, Array("Content-Type: x\r\n\r\n".utf8) + MessageFramer.frame(Array("{}".utf8)))
        XCTAssertEqual(events.count, 2)
        guard case .malformedHeader = events[0] else { return XCTFail("\(events[0])") }
        XCTAssertEqual(bodies(events), ["{}"])
        for bad in ["Content-Length: -1", "Content-Length: 12x", "Content-Length: ", "Content-Length: 99999999999999999999"] {
            var framer = MessageFramer()
            let events = feed(&framer, Array("\(bad)\r\n\r\n".utf8) + MessageFramer.frame(Array("[]".utf8)))
            XCTAssertEqual(bodies(events), ["[]"], bad)
            guard case .malformedHeader? = events.first else { return XCTFail("\(bad): \(events)") }
        }
    }

    func testGarbageBeforeAHeaderIsSkippedUpToTheHeader() {
        var framer = MessageFramer()
        // A body whose announced length was too short leaves bytes that run into the next header.
        let stream = "Content-Length: 2\r\n\r\n{}garbage}Content-Length: 2\r\n\r\n[]"
        XCTAssertEqual(bodies(feed(&framer, Array(stream.utf8))), ["{}", "[]"])
        // A header line left from a message cut short, then a whole header: the last length counts.
        let cut = "Content-Length: 9999\r\n" + "Content-Length: 4\r\n\r\ntrue"
        XCTAssertEqual(bodies(feed(&framer, Array(cut.utf8))), ["true"])
    }

    func testAnEndlessHeaderIsCutAndTheStreamRecovers() {
        var framer = MessageFramer()
        var events = feed(&framer, [UInt8](repeating: UInt8(ascii: "x"), count: 100_000))
        XCTAssertTrue(events.contains { if case .malformedHeader = $0 { return true } else { return false } })
        events = feed(&framer, Array("\r\n\r\n".utf8) + MessageFramer.frame(Array("{}".utf8)))
        XCTAssertEqual(bodies(events), ["{}"])
    }

    func testABodyOverTheLimitIsSkippedWithoutBeingKept() {
        var framer = MessageFramer(maximumBodySize: 10)
        let events = feed(&framer, MessageFramer.frame(Array(#"{"text":"0123456789"}"#.utf8)) + MessageFramer.frame(Array("{}".utf8)))
        guard case .tooLarge(let size)? = events.first else { return XCTFail("\(events)") }
        XCTAssertEqual(size, 21)
        XCTAssertEqual(bodies(events), ["{}"])
    }

    func testAnAnnouncedGiantCostsOnlyWhatArrives() {
        var framer = MessageFramer()
        XCTAssertTrue(feed(&framer, Array("Content-Length: 1000000000\r\n\r\n{".utf8)).isEmpty)
        XCTAssertFalse(framer.isIdle)
    }
}
