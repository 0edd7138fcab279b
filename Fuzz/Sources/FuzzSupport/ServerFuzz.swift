import AssetLint
import AssetLintServer

/// The language server fed a fuzzed session after a real `initialize`. The first byte picks the
/// client's capabilities (push or pull diagnostics, position encoding) and how the rest arrives:
/// even, as a raw byte stream in chunks of `first / 2 % 61 + 1` bytes (headers and all, so framing
/// is fuzzed too); odd, as message bodies separated by NUL bytes, each framed correctly (so the
/// fuzzer's mutations land in the JSON and the handlers). The clock moves after every chunk, so
/// debounced lints run in between.
///
/// Properties: nothing traps; everything the server sends is one framed JSON message per write;
/// when the input ends between messages, a last `shutdown` is answered.
public enum ServerFuzz {
    public static func check(_ input: UnsafeBufferPointer<UInt8>) {
        guard let selector = input.first else { return }
        let sink = Sink()
        let clock = Clock()
        let server = LanguageServer(output: { sink.take($0) }, clock: { clock.now }, maximumMessageSize: 1 << 20)
        let capabilities: String
        switch selector % 4 {
        case 0: capabilities = #"{}"#
        case 1: capabilities = #"{"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": true}}}"#
        case 2: capabilities = #"{"general": {"positionEncodings": ["utf-8"]}, "workspace": {"workspaceEdit": {"documentChanges": true, "resourceOperations": ["create"]}}}"#
        default: capabilities = #"{"general": {"positionEncodings": ["utf-32"]}, "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}"#
        }
        server.receive(frame(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"rootUri":"file:///fuzz","capabilities":\#(capabilities),"initializationOptions":{"maxDiagnostics":20}}}"#))
        server.receive(frame(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#))
        let rest = Array(input.dropFirst())
        if selector & 1 == 0 {
            let size = Int(selector / 2) % 61 + 1
            var offset = 0
            while offset < rest.count, server.exitStatus == nil {
                let end = min(rest.count, offset + size)
                rest[offset..<end].withUnsafeBytes { server.receive($0) }
                clock.now += 0.15
                server.runDueWork()
                offset = end
            }
        } else {
            for body in rest.split(separator: 0, omittingEmptySubsequences: false) where server.exitStatus == nil {
                server.receive(MessageFramer.frame(Array(body)))
                clock.now += 0.15
                server.runDueWork()
            }
        }
        clock.now += 60
        server.runDueWork()
        if server.exitStatus == nil, server.isBetweenMessages {
            let before = sink.messages.count
            server.receive(frame(#"{"jsonrpc":"2.0","id":"last","method":"shutdown"}"#))
            let answered = sink.messages[before...].contains { $0["id"] == "last" }
            if !answered { FuzzChecks.fatal("the last shutdown was not answered") }
        }
    }

    private static func frame(_ text: String) -> [UInt8] { MessageFramer.frame(Array(text.utf8)) }

    private final class Clock {
        var now = 0.0
    }

    /// Checks and keeps what the server sends.
    private final class Sink {
        var messages: [JSONValue] = []

        func take(_ bytes: [UInt8]) {
            var framer = MessageFramer()
            let events = bytes.withUnsafeBytes { framer.consume($0) }
            guard events.count == 1, case .message(let buffer) = events[0], framer.isIdle else {
                FuzzChecks.fatal("the server wrote something other than one framed message: \(String(decoding: bytes.prefix(200), as: UTF8.self))")
            }
            guard case .success(let message) = IncomingMessage.parse(buffer), let json = message.root.json else {
                FuzzChecks.fatal("the server sent a body that is not JSON: \(String(decoding: bytes.prefix(200), as: UTF8.self))")
            }
            messages.append(json)
        }
    }
}
