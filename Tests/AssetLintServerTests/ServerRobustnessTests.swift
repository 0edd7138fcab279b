import AssetLint
import AssetLintServer
import XCTest

/// A property test: streams of messages, valid, malformed and mangled, in random chunks with the
/// clock moving in between. The server must never stop (a crash fails the whole test run), must
/// answer every well-formed request exactly once, must only ever send framed JSON, and must still
/// shut down cleanly at the end.
final class ServerRobustnessTests: XCTestCase {
    static let texts = [
        LanguageServerTests.manifest, "[", "", "{}", #"[{"origin": ["https://hub.ango.ai/"], "method": ["*"]}]"#,
        #"{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"}"#,
        "\u{FEFF}[{\"data\": \"gs://b/é 😀.jpg\",\r\n\"externalId\": \"\"}]\r", String(repeating: "[", count: 600), "\"\\ud800\"",
    ]
    static let uris = ["file:///w/assets.json", "file:///w/cors.json", "untitled:Untitled-1", "file:///w/.assetlint.yml", "weird"]

    private func randomValue(_ generator: inout SeededGenerator, depth: Int = 0) -> JSONValue {
        switch generator.next() % (depth > 2 ? 6 : 8) {
        case 0: return .null
        case 1: return .bool(generator.next() % 2 == 0)
        case 2: return .number(["0", "-1", "1e300", "2147483648", "-0.5", "99999999999999999999"][Int(generator.next() % 6)])
        case 3: return .string(["", "x", "file:///w/assets.json", "é😀", "\u{0}"][Int(generator.next() % 5)])
        case 4: return .int(Int(generator.next() % 200))
        case 5: return .string(Self.texts[Int(generator.next() % UInt64(Self.texts.count))])
        case 6: return .array((0..<Int(generator.next() % 3)).map { _ in randomValue(&generator, depth: depth + 1) })
        default:
            let keys = ["line", "character", "start", "end", "uri", "text", "range", "version", "textDocument", "only"]
            return .object((0..<Int(generator.next() % 3)).map { _ in JSONValue.Member(keys[Int(generator.next() % UInt64(keys.count))], randomValue(&generator, depth: depth + 1)) })
        }
    }

    private func position(_ generator: inout SeededGenerator) -> JSONValue {
        ["line": .int(Int(generator.next() % 6)), "character": .int(Int(generator.next() % 120))]
    }

    /// A well-formed message of some method, with plausible and implausible values.
    private func randomMessage(_ generator: inout SeededGenerator) -> (method: String, params: JSONValue, isRequest: Bool) {
        let uri = JSONValue.string(Self.uris[Int(generator.next() % UInt64(Self.uris.count))])
        let range: JSONValue = ["start": position(&generator), "end": position(&generator)]
        switch generator.next() % 10 {
        case 0, 1:
            let text = Self.texts[Int(generator.next() % UInt64(Self.texts.count))]
            return ("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "json", "version": 1, "text": .string(text)]], false)
        case 2, 3:
            let change: JSONValue = generator.next() % 3 == 0
                ? ["text": .string(Self.texts[Int(generator.next() % UInt64(Self.texts.count))])]
                : ["range": range, "text": .string(["", "x", "\n", "\r", "😀", "\"", "é"][Int(generator.next() % 7)])]
            return ("textDocument/didChange", ["textDocument": ["uri": uri, "version": .int(Int(generator.next() % 50))], "contentChanges": [change, change]], false)
        case 4: return ("textDocument/codeAction", ["textDocument": ["uri": uri], "range": range, "context": ["diagnostics": [], "only": generator.next() % 2 == 0 ? nil : ["source"]]], true)
        case 5: return ("textDocument/hover", ["textDocument": ["uri": uri], "position": position(&generator)], true)
        case 6: return ("textDocument/diagnostic", ["textDocument": ["uri": uri], "previousResultId": randomValue(&generator)], true)
        case 7: return ("textDocument/didClose", ["textDocument": ["uri": uri]], false)
        case 8: return (["workspace/didChangeWatchedFiles", "workspace/didChangeConfiguration", "$/cancelRequest", "textDocument/didSave"][Int(generator.next() % 4)], randomValue(&generator), false)
        default: return (["textDocument/hover", "textDocument/codeAction", "x/unknown", "textDocument/diagnostic"][Int(generator.next() % 4)], randomValue(&generator), true)
        }
    }

    /// The bytes of one message, sometimes mangled: a byte changed, cut short, a bad header,
    /// garbage, or an announced length too long, which eats the start of the next message's
    /// header (that message is lost; the one after it must not be).
    private func randomBytes(_ body: [UInt8], _ generator: inout SeededGenerator) -> (bytes: [UInt8], intact: Bool, spoilsNext: Bool) {
        switch generator.next() % 12 {
        case 0:
            var mangled = body
            if !mangled.isEmpty { mangled[Int(generator.next() % UInt64(mangled.count))] = UInt8(truncatingIfNeeded: generator.next()) }
            return (MessageFramer.frame(mangled), false, false)
        case 1: return (MessageFramer.frame(Array(body.prefix(Int(generator.next() % UInt64(body.count + 1))))), false, false)
        case 2: return (Array("Content-Length: x\r\n\r\n".utf8) + body, false, false)
        case 3: return ((0..<Int(generator.next() % 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }, false, false)
        case 4: return (Array("Content-Length: \(body.count + 3)\r\n\r\n".utf8) + body, false, true)
        default: return (MessageFramer.frame(body), true, false)
        }
    }

    func testTheServerSurvivesFuzzedStreamsAndAnswersEveryRequestOnce() throws {
        for seed in UInt64(1)...40 {
            var generator = SeededGenerator(seed: seed)
            let capabilities: JSONValue = seed % 2 == 0
                ? ["textDocument": ["diagnostic": [:]], "workspace": ["workspaceEdit": ["documentChanges": true, "resourceOperations": ["create"]]]]
                : ["general": ["positionEncodings": ["utf-8"]]]
            let harness = ServerHarness(capabilities: capabilities, initializationOptions: ["maxDiagnostics": 3])
            var expected: Set<Int> = []
            var stream: [UInt8] = []
            var spoiled = false
            for number in 0..<60 {
                let (method, params, isRequest) = randomMessage(&generator)
                let id = 1000 + number
                var message: JSONValue = ["jsonrpc": "2.0", "method": .string(method), "params": params]
                if isRequest { message.set("id", .int(id)) }
                let (bytes, intact, spoilsNext) = randomBytes(message.serialized, &generator)
                if isRequest, intact, !spoiled { expected.insert(id) }
                spoiled = spoilsNext
                stream += bytes
            }
            // Deliver what is left in random chunks, letting the clock run.
            var offset = 0
            while offset < stream.count {
                let end = min(stream.count, offset + 1 + Int(generator.next() % 700))
                harness.server.receive(Array(stream[offset..<end]))
                harness.wait(Double(generator.next() % 300) / 1000)
                offset = end
            }
            for id in expected {
                let answers = harness.outbox.messages.filter { $0["id"] == .int(id) && $0["method"] == nil }
                XCTAssertEqual(answers.count, 1, "seed \(seed): request \(id) answered \(answers.count) times")
            }
            // Whatever came before, a clean end.
            harness.server.receive(Array("\r\n\r\n".utf8))
            XCTAssertEqual(harness.request("shutdown", nil)["result"], .null, "seed \(seed)")
            harness.notify("exit", [:])
            XCTAssertEqual(harness.server.exitStatus, 0, "seed \(seed)")
        }
    }

    /// Random bytes, framed and not, never stop the server.
    func testRandomBytesAreSurvived() {
        var generator = SeededGenerator(seed: 99)
        let harness = ServerHarness(capabilities: [:])
        for _ in 0..<300 {
            let length = Int(generator.next() % 300)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            harness.server.receive(generator.next() % 2 == 0 ? MessageFramer.frame(bytes) : bytes)
            harness.wait(0.5)
        }
        harness.server.receive(Array("\r\n\r\n".utf8) + MessageFramer.frame(Array("{}".utf8)))
        XCTAssertEqual(harness.request("shutdown", nil)["result"], .null)
    }
}
