import AssetLint

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `assetlint server`: the Language Server Protocol (3.17) over a byte stream, driven by its
/// caller: `receive` takes what the client sent, `runDueWork` lints the documents whose typing
/// pause has passed, and everything the server says goes to `output`, framed. The stdio loop
/// (`StdioServer`) is one caller; the tests and the fuzz target drive it in memory.
///
/// One thread does everything, in the order messages arrive, so a document never changes while
/// it is linted, and the engine reads the document's own buffer.
public final class LanguageServer {
    private enum Phase {
        case awaitingInitialize, running, shutDown
    }

    private var phase = Phase.awaitingInitialize
    /// Set by the `exit` notification: 0 after `shutdown`, 1 without.
    public private(set) var exitStatus: Int32?
    private var framer: MessageFramer
    private let output: ([UInt8]) -> Void
    let clock: () -> Double
    var client = ClientCapabilities()
    var encoding = PositionEncoding.utf16
    var documents: [String: OpenDocument] = [:]
    let configurations = ConfigurationStore()
    /// Configuration files whose problems are shown, by path, with the URI they were shown on.
    var configurationProblemsShown: [String: String] = [:]
    /// The file names of the listings the client was asked to watch.
    var listingNamesWatched: [String] = []
    private var nextRequestNumber = 1

    /// - Parameters:
    ///   - output: receives each message the server sends, framed.
    ///   - clock: seconds from any fixed point (the debounce's time).
    ///   - maximumMessageSize: larger message bodies are skipped (and the client told).
    public init(
        output: @escaping ([UInt8]) -> Void, clock: @escaping () -> Double = LanguageServer.monotonicSeconds,
        maximumMessageSize: Int = MessageFramer.defaultMaximumBodySize
    ) {
        self.output = output
        self.clock = clock
        framer = MessageFramer(maximumBodySize: maximumMessageSize)
    }

    // MARK: - Driving

    public func receive(_ bytes: UnsafeRawBufferPointer) {
        for event in framer.consume(bytes) {
            switch event {
            case .message(let buffer):
                handle(buffer)
            case .malformedHeader(let reason):
                log(.error, "skipped \(reason)")
            case .tooLarge(let size):
                show(.error, "assetlint skipped a message of \(size) bytes, more than its limit of \(framer.maximumBodySize); a document that large is not linted.")
            case .outOfMemory(let size):
                show(.error, "assetlint ran out of memory reading a message of \(size) bytes; it was skipped.")
            }
        }
    }

    public func receive(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { receive($0) }
    }

    /// The input ended: the client is gone. The exit status is 0 when it had asked for a shutdown.
    public func inputEnded() {
        if exitStatus == nil { exitStatus = phase == .shutDown ? 0 : 1 }
    }

    /// Whether the input so far ends between messages (not inside a header or a body).
    public var isBetweenMessages: Bool { framer.isIdle }

    /// When `runDueWork` has something to do, on `clock`'s scale; nil when nothing is pending.
    public var nextDeadline: Double? { documents.values.compactMap(\.lintDue).min() }

    /// Lints and publishes the documents whose debounce time has passed.
    public func runDueWork() {
        let now = clock()
        for document in documents.values.sorted(by: { $0.uri < $1.uri }) {
            guard let due = document.lintDue, due <= now else { continue }
            document.lintDue = nil
            publish(document)
        }
    }

    public static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    // MARK: - Messages

    /// A request that failed: the JSON-RPC error to answer with.
    struct RequestError: Error {
        var code: Int
        var message: String

        static func invalidParams(_ message: String) -> RequestError { RequestError(code: RPCError.invalidParams, message: message) }
    }

    private func handle(_ buffer: MessageBuffer) {
        let message: IncomingMessage
        switch IncomingMessage.parse(buffer) {
        case .success(let parsed): message = parsed
        case .failure(let failure):
            respond(to: .null, error: RequestError(code: RPCError.parseError, message: "the message is not JSON: \(failure.message)"))
            return
        }
        let root = message.root
        guard root.kind == .object else {
            respond(to: .null, error: RequestError(code: RPCError.invalidRequest, message: "a message must be a JSON object"))
            return
        }
        var id: JSONValue?
        if root["id"].exists {
            switch root["id"].kind {
            case .number?, .string?, .null?: id = root["id"].json
            default:
                respond(to: .null, error: RequestError(code: RPCError.invalidRequest, message: "'id' must be a number or a string"))
                return
            }
        }
        guard let method = root["method"].string else {
            if id != nil, root["result"].exists || root["error"].exists {
                handleResponse(root)
            } else {
                respond(to: id ?? .null, error: RequestError(
                    code: RPCError.invalidRequest, message: "a message needs a 'method' string, or 'result' or 'error' when it answers a request"))
            }
            return
        }
        if let id {
            let result = request(method, params: root["params"])
            switch result {
            case .success(let value): send(["jsonrpc": "2.0", "id": id, "result": value])
            case .failure(let error): respond(to: id, error: error)
            }
        } else {
            notification(method, params: root["params"])
        }
    }

    private func request(_ method: String, params: MessageView) -> Result<JSONValue, RequestError> {
        switch phase {
        case .awaitingInitialize:
            guard method == "initialize" else {
                return .failure(RequestError(code: RPCError.serverNotInitialized, message: "the server is not initialized yet"))
            }
            return .success(initialize(params))
        case .shutDown:
            return .failure(RequestError(code: RPCError.invalidRequest, message: "the server is shutting down"))
        case .running:
            break
        }
        switch method {
        case "initialize":
            return .failure(RequestError(code: RPCError.invalidRequest, message: "the server is already initialized"))
        case "shutdown":
            phase = .shutDown
            return .success(.null)
        case "textDocument/diagnostic":
            return pullDiagnostics(params)
        case "textDocument/codeAction":
            return codeActions(params)
        case "textDocument/hover":
            return hover(params)
        default:
            return .failure(RequestError(code: RPCError.methodNotFound, message: "assetlint does not handle '\(method)'"))
        }
    }

    private func notification(_ method: String, params: MessageView) {
        if method == "exit" {
            exitStatus = phase == .shutDown ? 0 : 1
            return
        }
        guard phase == .running else { return }
        switch method {
        case "initialized": registerConfigurationWatcher()
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange": didChange(params)
        case "textDocument/didSave": didSave(params)
        case "textDocument/didClose": didClose(params)
        case "workspace/didChangeWatchedFiles": didChangeWatchedFiles(params)
        case "workspace/didChangeConfiguration": didChangeConfiguration(params)
        default: break  // $/cancelRequest, $/setTrace and the like: nothing to do
        }
    }

    /// An answer to one of the server's own requests (watcher registration, refresh).
    private func handleResponse(_ root: MessageView) {
        if let message = root["error"]["message"].string {
            log(.warning, "the client refused a request: \(message)")
        }
    }

    // MARK: - Lifecycle

    private func initialize(_ params: MessageView) -> JSONValue {
        client = ClientCapabilities(params["capabilities"])
        encoding = client.positionEncoding
        let folders = params["workspaceFolders"].elements.compactMap { $0["uri"].string.flatMap(DocumentURI.path(of:)) }
        configurations.root = folders.first ?? params["rootUri"].string.flatMap(DocumentURI.path(of:)) ?? params["rootPath"].string
        applySettings(params["initializationOptions"].json)
        phase = .running
        return [
            "capabilities": [
                "positionEncoding": .string(encoding.rawValue),
                "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": false]],
                "diagnosticProvider": ["identifier": "assetlint", "interFileDependencies": false, "workspaceDiagnostics": false],
                "codeActionProvider": [
                    "codeActionKinds": [.string(CodeActionKind.quickFix), .string(CodeActionKind.fixAll)], "resolveProvider": false,
                ],
                "hoverProvider": true,
            ],
            "serverInfo": ["name": "assetlint", "version": .string(AssetLintVersion.current)],
        ]
    }

    // MARK: - Sending

    func send(_ message: JSONValue) {
        output(MessageFramer.frame(message.serialized))
    }

    private func respond(to id: JSONValue, error: RequestError) {
        send(["jsonrpc": "2.0", "id": id, "error": ["code": .int(error.code), "message": .string(error.message)]])
    }

    func notify(_ method: String, _ params: JSONValue) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    func request(_ method: String, _ params: JSONValue?) {
        var message: JSONValue = ["jsonrpc": "2.0", "id": .string("assetlint-\(nextRequestNumber)"), "method": .string(method)]
        if let params { message.set("params", params) }
        nextRequestNumber += 1
        send(message)
    }

    enum MessageType: Int {
        case error = 1, warning, info, log
    }

    /// A line in the client's log (`window/logMessage`).
    func log(_ type: MessageType, _ message: String) {
        notify("window/logMessage", ["type": .int(type.rawValue), "message": .string(message)])
    }

    /// A message the user sees (`window/showMessage`).
    func show(_ type: MessageType, _ message: String) {
        notify("window/showMessage", ["type": .int(type.rawValue), "message": .string(message)])
    }
}

/// The code action kinds the server offers.
enum CodeActionKind {
    static let quickFix = "quickfix"
    static let fixAll = "source.fixAll.assetlint"

    /// Whether `kind` is asked for by `only` (a kind, or one of its parents: `source` asks for
    /// `source.fixAll.assetlint`); no `only` asks for every kind.
    static func isRequested(_ kind: String, only: [String]?) -> Bool {
        guard let only else { return true }
        return only.contains { kind == $0 || kind.hasPrefix($0 + ".") }
    }
}
