import AssetLint
import AssetLintServer
import Foundation
import XCTest

/// The server in memory, message by message, as an editor drives it.
final class LanguageServerTests: XCTestCase {
    static let manifest = """
        [
          {"data": "https://bucket.s3.eu-central-1.amazonaws.com/caf\u{E9} \u{1F600}+1.jpg", "externalId": "a"},
          {"data": "https://bucket.s3.eu-central-1.amazonaws.com/2.jpg", "externalId": "a"}
        ]

        """

    // MARK: - Lifecycle

    func testRequestsBeforeInitializeAreRefusedAndExitWithoutShutdownIsOne() {
        let harness = ServerHarness()
        XCTAssertEqual(harness.request("textDocument/hover", [:])["error"]?["code"], .int(RPCError.serverNotInitialized))
        harness.notify("exit", nil ?? [:])
        XCTAssertEqual(harness.server.exitStatus, 1)
    }

    func testShutdownThenExitIsZeroAndRequestsAfterShutdownAreRefused() {
        let harness = ServerHarness(capabilities: [:])
        XCTAssertEqual(harness.request("shutdown", nil)["result"], .null)
        XCTAssertEqual(harness.request("textDocument/hover", [:])["error"]?["code"], .int(RPCError.invalidRequest))
        XCTAssertNil(harness.server.exitStatus)
        harness.notify("exit", [:])
        XCTAssertEqual(harness.server.exitStatus, 0)
    }

    func testTheInputEndingWithoutShutdownIsOne() {
        let harness = ServerHarness(capabilities: [:])
        harness.server.inputEnded()
        XCTAssertEqual(harness.server.exitStatus, 1)
    }

    func testInitializeAdvertisesWhatTheServerDoes() {
        let harness = ServerHarness()
        let result = harness.request("initialize", ["capabilities": [:]])["result"]
        let capabilities = result?["capabilities"]
        XCTAssertEqual(capabilities?["positionEncoding"], "utf-16")
        XCTAssertEqual(capabilities?["textDocumentSync"]?["change"], 2)
        XCTAssertEqual(capabilities?["hoverProvider"], true)
        XCTAssertEqual(capabilities?["diagnosticProvider"]?["interFileDependencies"], false)
        XCTAssertEqual(capabilities?["codeActionProvider"]?["codeActionKinds"], ["quickfix", "source.fixAll.assetlint"])
        XCTAssertEqual(result?["serverInfo"]?["name"], "assetlint")
        XCTAssertEqual(harness.request("initialize", ["capabilities": [:]])["error"]?["code"], .int(RPCError.invalidRequest))
    }

    func testThePositionEncodingIsNegotiated() {
        for (offered, chosen) in [([], "utf-16"), (["utf-16"], "utf-16"), (["utf-32", "utf-16"], "utf-32"), (["utf-16", "utf-8"], "utf-8")] {
            let harness = ServerHarness()
            let capabilities: JSONValue = ["general": ["positionEncodings": .array(offered.map(JSONValue.string))]]
            XCTAssertEqual(harness.request("initialize", ["capabilities": capabilities])["result"]?["capabilities"]?["positionEncoding"], .string(chosen))
        }
    }

    func testUnknownMethodsAndBrokenMessagesGetErrorsAndTheServerGoesOn() {
        let harness = ServerHarness(capabilities: [:])
        XCTAssertEqual(harness.request("textDocument/formatting", [:])["error"]?["code"], .int(RPCError.methodNotFound))
        harness.server.receive(MessageFramer.frame(Array(#"{"jsonrpc": "2.0", "id": 9, "method": "#.utf8)))
        XCTAssertEqual(harness.outbox.messages.last?["error"]?["code"], .int(RPCError.parseError))
        XCTAssertEqual(harness.outbox.messages.last?["id"], .null)
        harness.server.receive(MessageFramer.frame(Array("[1, 2]".utf8)))
        XCTAssertEqual(harness.outbox.messages.last?["error"]?["code"], .int(RPCError.invalidRequest))
        harness.server.receive(MessageFramer.frame(Array(#"{"id": {"x": 1}, "method": "shutdown"}"#.utf8)))
        XCTAssertEqual(harness.outbox.messages.last?["error"]?["code"], .int(RPCError.invalidRequest))
        harness.server.receive(MessageFramer.frame(Array(#"{"id": "s-1", "method": 5}"#.utf8)))
        XCTAssertEqual(harness.outbox.messages.last?["id"], "s-1")
        // Ids come back exactly as written.
        harness.server.receive(MessageFramer.frame(Array(#"{"jsonrpc": "2.0", "id": 1e2, "method": "x/unknown"}"#.utf8)))
        XCTAssertEqual(harness.outbox.messages.last?["id"], .number("1e2"))
        XCTAssertEqual(harness.request("textDocument/hover", ["textDocument": 5])["error"]?["code"], .int(RPCError.invalidParams))
        XCTAssertEqual(harness.request("shutdown", nil)["result"], .null)
    }

    // MARK: - Diagnostics

    func testOpeningAManifestPublishesExactUTF16Ranges() throws {
        let folder = try ScratchFolder()
        let harness = ServerHarness(root: folder.path)
        let uri = folder.uri("assets.json")
        harness.open(uri, Self.manifest)
        let diagnostics = harness.published(uri)
        XCTAssertEqual(ServerHarness.codes(diagnostics), ["U203", "U204", "M110"])
        // Line 1 holds `café 😀+1.jpg`: é is one UTF-16 unit, the emoji two.
        let accent = Self.column(of: "é", line: 1, in: Self.manifest)
        XCTAssertEqual(accent, 60)
        XCTAssertEqual(ServerHarness.range(diagnostics?[0]), [1, accent, 1, accent + 4])
        XCTAssertEqual(ServerHarness.range(diagnostics?[1]), [1, accent + 4, 1, accent + 5])
        let first = try XCTUnwrap(diagnostics?.first)
        XCTAssertEqual(first["severity"], 1)
        XCTAssertEqual(first["source"], "assetlint")
        XCTAssertEqual(first["codeDescription"]?["href"], "https://github.com/assetlint/assetlint/blob/main/Rules/U203.md")
        let duplicate = diagnostics?[2]
        XCTAssertEqual(duplicate?["relatedInformation"]?.array?.first?["location"]?["uri"], .string(uri))
        let firstID = Self.column(of: #""a"}"#, line: 1, in: Self.manifest)
        XCTAssertEqual(ServerHarness.range(duplicate?["relatedInformation"]?.array?.first?["location"]), [1, firstID, 1, firstID + 3])
        let version = harness.outbox.messages.last { $0["method"] == "textDocument/publishDiagnostics" }?["params"]?["version"]
        XCTAssertEqual(version, 1)
    }

    func testUTF8AndUTF32ColumnsWhenTheClientAsksForThem() throws {
        for (encoding, length) in [("utf-8", 7), ("utf-32", 3)] {
            let start = Self.column(of: "é", line: 1, in: Self.manifest, encoding: encoding)
            let columns = [1, start, 1, start + length]
            let harness = ServerHarness(capabilities: ["general": ["positionEncodings": [.string(encoding)]]])
            harness.open("file:///w/assets.json", Self.manifest)
            XCTAssertEqual(ServerHarness.range(harness.published("file:///w/assets.json")?.first), columns, encoding)
        }
    }

    func testChangesFullAndIncrementalAreLintedAfterThePause() throws {
        let harness = ServerHarness(capabilities: [:])
        let uri = "file:///w/assets.json"
        harness.open(uri, #"[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "x"}]"#)
        XCTAssertEqual(ServerHarness.codes(harness.published(uri)), [])
        // Incremental: insert a space into the URL's path, after "a".
        let column = Self.column(of: "a.jpg", line: 0, in: #"[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "x"}]"#) + 1
        harness.notify("textDocument/didChange", [
            "textDocument": ["uri": .string(uri), "version": 2],
            "contentChanges": [["range": ["start": ["line": 0, "character": .int(column)], "end": ["line": 0, "character": .int(column)]], "text": " "]],
        ])
        let before = harness.outbox.messages.count
        harness.wait(0.1)
        XCTAssertEqual(harness.outbox.messages.count, before, "nothing is published while typing goes on")
        harness.wait(0.2)
        let diagnostics = harness.outbox.messages.last { $0["method"] == "textDocument/publishDiagnostics" }?["params"]
        XCTAssertEqual(diagnostics?["version"], 2)
        XCTAssertEqual(ServerHarness.codes(diagnostics?["diagnostics"]?.array), ["U203"])
        XCTAssertEqual(ServerHarness.range(diagnostics?["diagnostics"]?.array?.first), [0, column, 0, column + 1])
        // Full: the whole text replaced, then an incremental change in the same message.
        harness.notify("textDocument/didChange", [
            "textDocument": ["uri": .string(uri), "version": 3],
            "contentChanges": [
                ["text": #"[{"data": "gs://b/é.jpg", "externalId": "x"}]"#],
                ["range": ["start": ["line": 0, "character": 1], "end": ["line": 0, "character": 1]], "text": "\n"],
            ],
        ])
        let published = harness.published(uri)
        XCTAssertEqual(ServerHarness.codes(published), ["U202", "U203"])
        XCTAssertEqual(ServerHarness.range(published?.first), [1, 10, 1, 12])
    }

    func testAQuickFixRepairsTheFindingAndTheNextLintIsClean() throws {
        let harness = ServerHarness(capabilities: [:])
        let uri = "file:///w/assets.json"
        var text = #"[{"data": "https://b.s3.amazonaws.com/é 😀.jpg", "externalId": "x"}]"#
        harness.open(uri, text)
        let diagnostics = try XCTUnwrap(harness.published(uri))
        XCTAssertEqual(ServerHarness.codes(diagnostics), ["U203"])
        let actions = harness.request("textDocument/codeAction", [
            "textDocument": ["uri": .string(uri)], "range": diagnostics[0]["range"] ?? nil,
            "context": ["diagnostics": .array(diagnostics)],
        ])["result"]?.array ?? []
        let fix = try XCTUnwrap(actions.first { $0["kind"] == "quickfix" && $0["isPreferred"] == true })
        XCTAssertEqual(fix["diagnostics"], .array([diagnostics[0]]))
        let edits = try XCTUnwrap(fix["edit"]?["changes"]?[uri]?.array)
        text = JSONValue.apply(edits, to: text)
        XCTAssertEqual(text, #"[{"data": "https://b.s3.amazonaws.com/%C3%A9%20%F0%9F%98%80.jpg", "externalId": "x"}]"#)
        harness.notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": 2], "contentChanges": [["text": .string(text)]]])
        XCTAssertEqual(harness.published(uri), [])
    }

    func testFixAllAppliesEveryRoundAsOneEditAndIsCached() throws {
        let harness = ServerHarness(capabilities: ["workspace": ["workspaceEdit": ["documentChanges": true]]])
        let uri = "file:///w/assets.json"
        let text = "\u{FEFF}" + #"[{"data": "https://b.s3.amazonaws.com/a b.jpg", "externalId": "x"}, {"data": "https://b.s3.amazonaws.com/c d.jpg", "externalId": "y"}]"#
        harness.open(uri, text)
        XCTAssertEqual(ServerHarness.codes(harness.published(uri)), ["J004", "U203", "U203"])
        let params: JSONValue = [
            "textDocument": ["uri": .string(uri)], "range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]],
            "context": ["diagnostics": [], "only": ["source.fixAll"]],
        ]
        let actions = harness.request("textDocument/codeAction", params)["result"]?.array ?? []
        XCTAssertEqual(actions.count, 1)
        let change = try XCTUnwrap(actions.first?["edit"]?["documentChanges"]?.array?.first)
        XCTAssertEqual(change["textDocument"]?["version"], 1)
        let fixed = JSONValue.apply(change["edits"]?.array ?? [], to: text)
        XCTAssertEqual(fixed, #"[{"data": "https://b.s3.amazonaws.com/a%20b.jpg", "externalId": "x"}, {"data": "https://b.s3.amazonaws.com/c%20d.jpg", "externalId": "y"}]"#)
        XCTAssertEqual(harness.request("textDocument/codeAction", params)["result"], .array(actions))
        // Only quick fixes asked for: no fix-all.
        var quick = params
        quick.set("context", ["diagnostics": [], "only": ["quickfix"]])
        XCTAssertFalse((harness.request("textDocument/codeAction", quick)["result"]?.array ?? []).contains { $0["kind"] == "source.fixAll.assetlint" })
    }

    func testPullDiagnosticsWithResultIDs() {
        let harness = ServerHarness(capabilities: ["textDocument": ["diagnostic": ["dynamicRegistration": false]]])
        let uri = "file:///w/cors.json"
        harness.open(uri, #"[{"origin": ["https://hub.ango.ai/"], "method": ["GET"]}]"#)
        harness.wait(10)
        XCTAssertFalse(harness.outbox.messages.contains { $0["method"] == "textDocument/publishDiagnostics" }, "a pulling client is not pushed to")
        let report = harness.request("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]])["result"]
        XCTAssertEqual(report?["kind"], "full")
        XCTAssertTrue(ServerHarness.codes(report?["items"]?.array).contains("C305"))
        let unchanged = harness.request("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)], "previousResultId": report?["resultId"] ?? nil])["result"]
        XCTAssertEqual(unchanged?["kind"], "unchanged")
        XCTAssertEqual(harness.request("textDocument/diagnostic", ["textDocument": ["uri": "file:///w/other.json"]])["result"]?["items"], [])
    }

    func testAPullingClientIsAskedToPullAgainWhenTheConfigurationChanges() throws {
        let folder = try ScratchFolder()
        try folder.write(".assetlint.yml", "rules:\n  ignore: [U204]\n")
        let harness = ServerHarness(root: folder.path, capabilities: [
            "textDocument": ["diagnostic": [:]], "workspace": ["diagnostics": ["refreshSupport": true]],
        ])
        let uri = folder.uri("assets.json")
        harness.open(uri, Self.manifest)
        let pull: JSONValue = ["textDocument": ["uri": .string(uri)]]
        XCTAssertEqual(ServerHarness.codes(harness.request("textDocument/diagnostic", pull)["result"]?["items"]?.array), ["U203", "M110"])
        try folder.write(".assetlint.yml", "rules:\n  ignore: [U203]\n")
        harness.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(folder.uri(".assetlint.yml")), "type": 2]]])
        XCTAssertEqual(harness.outbox.messages.last?["method"], "workspace/diagnostic/refresh")
        XCTAssertEqual(ServerHarness.codes(harness.request("textDocument/diagnostic", pull)["result"]?["items"]?.array), ["U204", "M110"])
    }

    func testCORSAndKeyFiles() throws {
        let harness = ServerHarness(capabilities: [:])
        let cors = "file:///w/cors.json"
        harness.open(cors, #"[{"AllowedOrigins": ["https://hub.ango.ai/"], "AllowedMethods": ["GET"]}]"#)
        XCTAssertTrue(ServerHarness.codes(harness.published(cors)).contains("C305"))
        let key = "file:///w/key.json"
        let keyText = try String(contentsOfFile: Self.fixture("credentials/service-account-key.json"), encoding: .utf8)
        harness.open(key, keyText)
        let diagnostics = harness.published(key)
        XCTAssertEqual(ServerHarness.codes(diagnostics), ["K401"])
        XCTAssertFalse("\(diagnostics ?? [])".contains("PRIVATE KEY-----\\nMII"), "no key material in a message")
        // Other JSON gets the document-level rules only; YAML is not linted.
        harness.open("file:///w/package.json", #"{"name": "x", "name": "y"}"#)
        XCTAssertEqual(ServerHarness.codes(harness.published("file:///w/package.json")), ["J003"])
        harness.open("file:///w/notes.yml", "a: [", languageID: "yaml")
        XCTAssertEqual(harness.published("file:///w/notes.yml"), [])
    }

    func testAnUnreachableCORSRuleIsTaggedUnnecessary() {
        let harness = ServerHarness(capabilities: [:])
        let uri = "file:///w/cors.json"
        harness.open(uri, #"[{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}, {"AllowedOrigins": ["https://hub.ango.ai"], "AllowedMethods": ["GET"], "ExposeHeaders": ["ETag"]}]"#)
        let shadowed = harness.published(uri)?.first { $0["code"] == "C313" }
        XCTAssertEqual(shadowed?["tags"], [1])
        XCTAssertFalse((harness.published(uri) ?? []).contains { $0["code"] != "C313" && $0["tags"] != nil })
    }

    func testAMessageOverTheLimitIsSkippedAndSaid() {
        let harness = ServerHarness(maximumMessageSize: 4096)
        harness.request("initialize", ["capabilities": [:]])
        harness.open("file:///w/big.json", "[" + String(repeating: "1,", count: 4000) + "1]")
        let shown = harness.outbox.messages.last { $0["method"] == "window/showMessage" }
        XCTAssertTrue(shown?["params"]?["message"]?.string?.contains("more than its limit of 4096") == true, "\(String(describing: shown))")
        XCTAssertEqual(harness.request("textDocument/hover", ["textDocument": ["uri": "file:///w/big.json"], "position": ["line": 0, "character": 1]])["result"], .null)
    }

    func testClosingADocumentClearsItsDiagnostics() {
        let harness = ServerHarness(capabilities: [:])
        harness.open("file:///w/a.json", "[1,]")
        XCTAssertEqual(ServerHarness.codes(harness.published("file:///w/a.json")), ["J001"])
        harness.notify("textDocument/didClose", ["textDocument": ["uri": "file:///w/a.json"]])
        XCTAssertEqual(harness.published("file:///w/a.json"), [])
    }

    func testManyFindingsAreCappedAndTheCapIsSaid() {
        let harness = ServerHarness(capabilities: [:], initializationOptions: ["maxDiagnostics": 5])
        let items = (0..<40).map { #"{"data": "https://b.s3.amazonaws.com/\#($0).jpg", "externalId": "same"}"# }
        harness.open("file:///w/assets.json", "[" + items.joined(separator: ",\n") + "]")
        let diagnostics = harness.published("file:///w/assets.json") ?? []
        XCTAssertEqual(diagnostics.count, 6)
        XCTAssertEqual(ServerHarness.codes(diagnostics), Array(repeating: "M110", count: 5))
        XCTAssertEqual(diagnostics.last?["message"], "Showing the first 5 of 39 findings; `assetlint FILE` on the command line lists them all.")
    }

    // MARK: - Hover

    func testHoverShowsTheRuleAndTheURL() throws {
        let harness = ServerHarness(capabilities: [:])
        let uri = "file:///w/assets.json"
        harness.open(uri, Self.manifest)
        _ = harness.published(uri)
        let plus = Self.column(of: "+", line: 1, in: Self.manifest)
        let hover = harness.request("textDocument/hover", ["textDocument": ["uri": .string(uri)], "position": ["line": 1, "character": .int(plus)]])["result"]
        let text = try XCTUnwrap(hover?["contents"]?["value"]?.string)
        XCTAssertTrue(text.contains("**U204** `url-plus-in-path`"), text)
        XCTAssertTrue(text.contains("storage: Amazon S3, virtual-hosted, bucket \"bucket\""), text)
        XCTAssertTrue(text.contains("key: \"café 😀 1.jpg\""), text)
        // Over the external id: not a URL, no finding there.
        let quiet = harness.request("textDocument/hover", ["textDocument": ["uri": .string(uri)], "position": ["line": 2, "character": 75]])
        XCTAssertEqual(quiet["result"], .null)
    }

    // MARK: - Configuration

    func testTheNearestConfigurationIsUsedAndReloadedWhenItChanges() throws {
        let folder = try ScratchFolder()
        try folder.write(".assetlint.yml", "rules:\n  ignore: [U203]\n")
        try folder.write("sub/.assetlint.yml", "rules:\n  ignore: [U204]\n")
        let harness = ServerHarness(root: folder.path, capabilities: ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]])
        let registration = harness.outbox.messages.last { $0["method"] == "client/registerCapability" }
        XCTAssertEqual(registration?["params"]?["registrations"]?.array?.first?["registerOptions"]?["watchers"], [["globPattern": "**/.assetlint.yml"]])
        let top = folder.uri("assets.json")
        let nested = folder.uri("sub/assets.json")
        harness.open(top, Self.manifest)
        harness.open(nested, Self.manifest)
        XCTAssertEqual(ServerHarness.codes(harness.published(top)), ["U204", "M110"])
        XCTAssertEqual(ServerHarness.codes(harness.published(nested)), ["U203", "M110"])
        try folder.write("sub/.assetlint.yml", "rules:\n  ignore: [M110]\n")
        harness.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(folder.uri("sub/.assetlint.yml")), "type": 2]]])
        XCTAssertEqual(ServerHarness.codes(harness.published(nested)), ["U203", "U204"])
        try FileManager.default.removeItem(atPath: folder.path + "/sub/.assetlint.yml")
        harness.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(folder.uri("sub/.assetlint.yml")), "type": 3]]])
        XCTAssertEqual(ServerHarness.codes(harness.published(nested)), ["U204", "M110"])
    }

    func testABrokenConfigurationIsADiagnosticOnItAndTheDocumentsStillLint() throws {
        let folder = try ScratchFolder()
        try folder.write(".assetlint.yml", "rules:\n  ignore: [U203]\n  selct: [ALL]\n")
        let harness = ServerHarness(root: folder.path)
        harness.open(folder.uri("assets.json"), Self.manifest)
        XCTAssertEqual(ServerHarness.codes(harness.published(folder.uri("assets.json"))), ["U204", "M110"])
        let problems = try XCTUnwrap(harness.published(folder.uri(".assetlint.yml")))
        XCTAssertEqual(problems.count, 1)
        XCTAssertEqual(ServerHarness.range(problems.first), [2, 2, 2, 7])
        XCTAssertTrue(problems.first?["message"]?.string?.contains("selct") == true, "\(problems)")
        // Fixed and saved: the problem goes away.
        try folder.write(".assetlint.yml", "rules:\n  ignore: [U203]\n")
        harness.notify("textDocument/didSave", ["textDocument": ["uri": .string(folder.uri(".assetlint.yml"))]])
        XCTAssertEqual(harness.published(folder.uri(".assetlint.yml")), [])
    }

    /// An open configuration file is not linted as a document: its problems stay on it, also
    /// after it is closed, until it is fixed.
    func testAnOpenBrokenConfigurationKeepsItsProblems() throws {
        let folder = try ScratchFolder()
        let text = "rules:\n  selct: [ALL]\n"
        try folder.write(".assetlint.yml", text)
        let harness = ServerHarness(root: folder.path)
        let uri = folder.uri(".assetlint.yml")
        harness.open(uri, text, languageID: "yaml")
        XCTAssertEqual(harness.published(uri)?.count, 1)
        harness.notify("textDocument/didClose", ["textDocument": ["uri": .string(uri)]])
        XCTAssertEqual(harness.published(uri)?.count, 1)
    }

    func testSettingsSelectIgnoreAndConfiguration() throws {
        let folder = try ScratchFolder()
        try folder.write("ci/lint.yml", "rules:\n  severity: {U204: warning}\n")
        let harness = ServerHarness(root: folder.path, capabilities: [:], initializationOptions: ["configuration": "ci/lint.yml", "ignore": ["U203", "Q9"]])
        XCTAssertTrue(harness.outbox.messages.contains { $0["method"] == "window/showMessage" && $0["params"]?["message"]?.string?.contains("'Q9'") == true })
        harness.open(folder.uri("assets.json"), Self.manifest)
        let diagnostics = harness.published(folder.uri("assets.json"))
        XCTAssertEqual(ServerHarness.codes(diagnostics), ["U204", "M110"])
        XCTAssertEqual(diagnostics?.first?["severity"], 2, "the configured file's severity")
        harness.notify("workspace/didChangeConfiguration", ["settings": ["assetlint": ["select": ["M"], "ignore": []]]])
        XCTAssertEqual(ServerHarness.codes(harness.published(folder.uri("assets.json"))), ["M110"])
    }

    func testDisablingARuleForAFileEditsTheConfigurationInUse() throws {
        let folder = try ScratchFolder()
        try folder.write(".assetlint.yml", "rules:\n  ignore: [M130]\noverrides:\n  - files: [\"legacy/**\"]\n    ignore: [U204]\n# end\n")
        let harness = ServerHarness(root: folder.path)
        let uri = folder.uri("data/assets [1].json")
        harness.open(uri, Self.manifest)
        let diagnostics = harness.published(uri) ?? []
        let actions = harness.codeActions(uri, range: diagnostics[1]["range"] ?? nil)
        let disable = try XCTUnwrap(actions.first { $0["title"] == "Disable U204 (url-plus-in-path) for this file" })
        let edits = try XCTUnwrap(disable["edit"]?["changes"]?[folder.uri(".assetlint.yml")]?.array)
        let configuration = JSONValue.apply(edits, to: try String(contentsOfFile: folder.path + "/.assetlint.yml", encoding: .utf8))
        XCTAssertEqual(configuration, "rules:\n  ignore: [M130]\noverrides:\n  - files: [\"legacy/**\"]\n    ignore: [U204]\n  - files: [\"/data/assets \\\\[1\\\\].json\"]\n    ignore: [U204]\n# end\n")
        try folder.write(".assetlint.yml", configuration)
        harness.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(folder.uri(".assetlint.yml")), "type": 2]]])
        XCTAssertEqual(ServerHarness.codes(harness.published(uri)), ["U203", "M110"])
    }

    func testDisablingWithoutAConfigurationCreatesOneWhereTheClientCan() throws {
        let folder = try ScratchFolder()
        let capabilities: JSONValue = ["workspace": ["workspaceEdit": ["documentChanges": true, "resourceOperations": ["create"]]]]
        let harness = ServerHarness(root: folder.path, capabilities: capabilities)
        let uri = folder.uri("assets.json")
        harness.open(uri, Self.manifest)
        let diagnostics = harness.published(uri) ?? []
        let actions = harness.codeActions(uri, range: diagnostics[2]["range"] ?? nil)
        let disable = try XCTUnwrap(actions.first { $0["title"] == "Disable M110 (external-id-duplicate) for this file" })
        let changes = try XCTUnwrap(disable["edit"]?["documentChanges"]?.array)
        XCTAssertEqual(changes.first?["kind"], "create")
        XCTAssertEqual(changes.first?["uri"], .string(folder.uri(".assetlint.yml")))
        XCTAssertEqual(changes.last?["edits"]?.array?.first?["newText"], "overrides:\n  - files: [\"/assets.json\"]\n    ignore: [M110]\n")
        // A client that cannot create files is not offered it.
        let limited = ServerHarness(root: folder.path)
        limited.open(uri, Self.manifest)
        let offered = limited.codeActions(uri, range: diagnostics[2]["range"] ?? nil)
        XCTAssertFalse(offered.contains { $0["title"]?.string?.hasPrefix("Disable") == true })
    }

    func testExcludedFilesAreNotLinted() throws {
        let folder = try ScratchFolder()
        try folder.write(".assetlint.yml", "files:\n  exclude: [\"vendor/**\"]\n")
        let harness = ServerHarness(root: folder.path)
        harness.open(folder.uri("vendor/assets.json"), Self.manifest)
        XCTAssertEqual(harness.published(folder.uri("vendor/assets.json")), [])
    }

    // MARK: - Bucket listings

    func testListingsOfTheConfigurationApplyAndAreReadAgainWhenTheyChange() throws {
        let folder = try ScratchFolder()
        let listing = try folder.write("gcs.txt", "gs://bucket/cats/1.jpg\nnot a listing line\n")
        try folder.write(".assetlint.yml", "inventory: [gcs.txt]\n")
        let harness = ServerHarness(root: folder.path, capabilities: ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]])
        let manifest = """
            [
              {"data": "https://storage.googleapis.com/bucket/cats/1.jpg", "externalId": "a"},
              {"data": "https://storage.googleapis.com/bucket/cats/2.jpeg", "externalId": "b"}
            ]

            """
        let uri = folder.uri("assets.json")
        harness.open(uri, manifest)
        let missing = try XCTUnwrap(harness.published(uri))
        XCTAssertEqual(ServerHarness.codes(missing), ["I501"])
        let column = Self.column(of: "cats/2.jpeg", line: 2, in: manifest)
        XCTAssertEqual(ServerHarness.range(missing.first), [2, column, 2, column + 11])
        // The bad line is said once, when the listing is read; the client is asked to watch it.
        let shown = { harness.outbox.messages.filter { $0["method"] == "window/showMessage" }.compactMap { $0["params"]?["message"]?.string } }
        XCTAssertEqual(shown(), ["assetlint: \(listing):2: warning: not an object URL (gs://BUCKET/NAME), nor a gsutil or gcloud size and date before one: 'not a listing line'"])
        let watchers = harness.outbox.messages.last { $0["params"]?["registrations"]?.array?.first?["id"] == "assetlint-inventory-listings" }
        XCTAssertEqual(watchers?["params"]?["registrations"]?.array?.first?["registerOptions"]?["watchers"], [["globPattern": "**/gcs.txt"]])

        // Another document and a configuration read again take the listing already read.
        let other = folder.uri("more.json")
        harness.open(other, manifest)
        XCTAssertEqual(ServerHarness.codes(harness.published(other)), ["I501"])
        try folder.write(".assetlint.yml", "inventory: [gcs.txt]\nrules:\n  ignore: [M110]\n")
        harness.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(folder.uri(".assetlint.yml")), "type": 2]]])
        XCTAssertEqual(ServerHarness.codes(harness.published(uri)), ["I501"])
        XCTAssertEqual(shown().count, 1, "the listing was read again though it had not changed")

        // The object is uploaded and the bucket listed again: the listing is read again.
        try folder.write("gcs.txt", "gs://bucket/cats/1.jpg\ngs://bucket/cats/2.jpeg\n")
        harness.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(FileURI.uri(forAbsolutePath: listing)), "type": 2]]])
        XCTAssertEqual(harness.published(uri), [])
        XCTAssertEqual(harness.published(other), [])
        XCTAssertEqual(shown().count, 1)

        // Without inventory: the I rules are not run.
        try folder.write(".assetlint.yml", "rules:\n  ignore: [M110]\n")
        try folder.write("gcs.txt", "gs://bucket/cats/1.jpg\n")
        harness.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(folder.uri(".assetlint.yml")), "type": 2]]])
        XCTAssertEqual(harness.published(uri), [])
    }

    /// The UTF-16 column where `needle` starts on line `line` of `text` (counted by Swift's own
    /// UTF-16 view, independently of the server).
    static func column(of needle: String, line: Int, in text: String, encoding: String = "utf-16") -> Int {
        let lines = text.components(separatedBy: "\n")
        let prefix = String(lines[line][..<lines[line].range(of: needle)!.lowerBound])
        switch encoding {
        case "utf-8": return prefix.utf8.count
        case "utf-32": return prefix.unicodeScalars.count
        default: return prefix.utf16.count
        }
    }

    static func fixture(_ relative: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/" + relative).path
    }
}
