import AssetLint
import AssetLintServer
import Foundation
import XCTest

/// A `LanguageServer` in memory with a clock of its own: messages go in framed, as a client sends
/// them, and what the server sends comes back parsed.
final class ServerHarness {
    final class Outbox {
        var framer = MessageFramer()
        var messages: [JSONValue] = []
        var rawBytes = 0

        func take(_ bytes: [UInt8]) {
            rawBytes += bytes.count
            for event in bytes.withUnsafeBytes({ framer.consume($0) }) {
                guard case .message(let buffer) = event, case .success(let message) = IncomingMessage.parse(buffer), let json = message.root.json else {
                    XCTFail("the server sent something that is not a framed JSON message")
                    continue
                }
                messages.append(json)
            }
        }
    }

    final class Clock {
        var now = 1000.0
    }

    let outbox = Outbox()
    let clock = Clock()
    let server: LanguageServer
    private var nextID = 1

    init(maximumMessageSize: Int = MessageFramer.defaultMaximumBodySize) {
        let outbox = outbox
        let clock = clock
        server = LanguageServer(output: { outbox.take($0) }, clock: { clock.now }, maximumMessageSize: maximumMessageSize)
    }

    /// A harness whose server has been initialized (and told `initialized`).
    convenience init(
        root: String? = nil, capabilities: JSONValue = [:], initializationOptions: JSONValue? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        self.init()
        var params: JSONValue = ["processId": nil, "capabilities": capabilities]
        if let root { params.set("rootUri", .string(FileURI.uri(forAbsolutePath: root))) }
        if let initializationOptions { params.set("initializationOptions", initializationOptions) }
        let result = request("initialize", params)
        XCTAssertNotNil(result["result"]?["capabilities"], "initialize failed: \(result)", file: file, line: line)
        notify("initialized", [:])
    }

    func send(_ message: JSONValue) {
        server.receive(MessageFramer.frame(message.serialized))
    }

    /// Sends a request and returns the server's answer to it (the whole response message).
    @discardableResult
    func request(_ method: String, _ params: JSONValue?) -> JSONValue {
        let id = nextID
        nextID += 1
        var message: JSONValue = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method)]
        if let params { message.set("params", params) }
        send(message)
        return response(to: .int(id)) ?? ["missing": true]
    }

    /// The code actions offered for `range` of `uri`.
    func codeActions(_ uri: String, range: JSONValue, only: [String]? = nil) -> [JSONValue] {
        var context: JSONValue = ["diagnostics": []]
        if let only { context.set("only", .array(only.map(JSONValue.string))) }
        return request("textDocument/codeAction", ["textDocument": ["uri": .string(uri)], "range": range, "context": context])["result"]?.array ?? []
    }

    func notify(_ method: String, _ params: JSONValue) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    func response(to id: JSONValue) -> JSONValue? {
        outbox.messages.last { $0["id"] == id && $0["method"] == nil }
    }

    /// Lets `seconds` pass and runs what is due.
    func wait(_ seconds: Double) {
        clock.now += seconds
        server.runDueWork()
    }

    /// The diagnostics last published for `uri`, after letting any debounce pass.
    func published(_ uri: String) -> [JSONValue]? {
        wait(10)
        return outbox.messages.last { $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.string == uri }?["params"]?["diagnostics"]?.array
    }

    func open(_ uri: String, _ text: String, languageID: String = "json", version: Int = 1) {
        notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": .string(languageID), "version": .int(version), "text": .string(text)]])
    }

    static func codes(_ diagnostics: [JSONValue]?) -> [String] {
        (diagnostics ?? []).compactMap { $0["code"]?.string }
    }

    static func range(_ diagnostic: JSONValue?) -> [Int] {
        guard let range = diagnostic?["range"] else { return [] }
        return [range["start"]?["line"], range["start"]?["character"], range["end"]?["line"], range["end"]?["character"]].compactMap { $0?.int }
    }
}

/// A scratch folder removed at the end of the test.
final class ScratchFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("assetlint-server-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    func uri(_ name: String) -> String { FileURI.uri(forAbsolutePath: path + "/" + name) }
}

extension JSONValue {
    /// Applies LSP `TextEdit`s (UTF-16 positions) to `text`, the way a client does.
    static func apply(_ edits: [JSONValue], to text: String) -> String {
        let lines = text.utf16Lines
        func offset(_ position: JSONValue?) -> Int {
            let line = position?["line"]?.int ?? 0
            let character = position?["character"]?.int ?? 0
            guard line < lines.count else { return text.utf16.count }
            return lines[line] + character
        }
        var units = Array(text.utf16)
        let sorted = edits.sorted { offset($0["range"]?["start"]) > offset($1["range"]?["start"]) }
        for edit in sorted {
            let start = offset(edit["range"]?["start"])
            let end = offset(edit["range"]?["end"])
            units.replaceSubrange(start..<end, with: Array((edit["newText"]?.string ?? "").utf16))
        }
        return String(decoding: units, as: UTF16.self)
    }
}

extension String {
    /// The UTF-16 offset each line starts at (lines end at \n, \r\n or \r).
    var utf16Lines: [Int] {
        var starts = [0]
        let units = Array(utf16)
        var index = 0
        while index < units.count {
            if units[index] == 0x0A || units[index] == 0x0D {
                if units[index] == 0x0D, index + 1 < units.count, units[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        return starts
    }
}
