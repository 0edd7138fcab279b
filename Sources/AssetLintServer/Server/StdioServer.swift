import AssetLint

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a `LanguageServer` over standard input and output until the client says `exit` or goes
/// away: waits for input or for the next debounce deadline, whichever comes first.
public enum StdioServer {
    /// Returns the exit status: 0 after `shutdown` and `exit`, 1 when the client exits or
    /// disappears without asking for a shutdown first.
    public static func run(maximumMessageSize: Int = MessageFramer.defaultMaximumBodySize) -> Int32 {
        // A client that goes away mid-write is an ended session, not a signal.
        signal(SIGPIPE, SIG_IGN)
        let output = StandardOutput()
        let server = LanguageServer(output: { output.write($0) }, maximumMessageSize: maximumMessageSize)
        var buffer = [UInt8](repeating: 0, count: 1 << 18)
        while server.exitStatus == nil, !output.failed {
            var timeout: Int32 = -1
            if let deadline = server.nextDeadline {
                let milliseconds = ((deadline - LanguageServer.monotonicSeconds()) * 1000).rounded(.up)
                timeout = Int32(max(0, min(milliseconds, 3_600_000)))
            }
            var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                server.inputEnded()
                break
            }
            if ready > 0 {
                let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR || errno == EAGAIN { continue }
                if count <= 0 {
                    server.inputEnded()
                    break
                }
                buffer.withUnsafeBytes { server.receive(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            }
            server.runDueWork()
        }
        return output.failed ? 1 : server.exitStatus ?? 1
    }
}

/// Writes whole messages to standard output; remembers when the client stopped reading.
private final class StandardOutput {
    private(set) var failed = false

    func write(_ bytes: [UInt8]) {
        guard !failed else { return }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                offset += count
            }
        }
    }
}
