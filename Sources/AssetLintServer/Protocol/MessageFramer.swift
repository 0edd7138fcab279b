#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The body of one message, in memory of its own (from `malloc`) that grows as the bytes arrive,
/// so a client that announces a gigabyte and sends ten bytes costs ten bytes. Its text can be
/// handed on without a copy (`relinquish`): a document opened in the editor becomes the
/// document's buffer.
public final class MessageBuffer {
    public let count: Int
    public private(set) var filled = 0
    private var base: UnsafeMutablePointer<UInt8>?
    private var capacity: Int

    public init(count: Int) {
        self.count = count
        capacity = max(1, min(count, 1 << 16))
        base = malloc(capacity)?.assumingMemoryBound(to: UInt8.self)
    }

    public convenience init(_ bytes: [UInt8]) {
        self.init(count: bytes.count)
        _ = bytes.withUnsafeBytes { append($0) }
    }

    deinit { free(base) }

    /// The bytes received so far (all of them once the message is complete). Empty once
    /// relinquished.
    public var bytes: UnsafeMutableBufferPointer<UInt8> {
        UnsafeMutableBufferPointer(start: base, count: base == nil ? 0 : filled)
    }

    /// Appends bytes of the body; returns false when memory runs out.
    @discardableResult
    func append(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard chunk.count > 0, let source = chunk.baseAddress else { return true }
        let needed = filled + chunk.count
        if needed > capacity || base == nil {
            let grown = min(count, max(needed, capacity * 2))
            guard let moved = realloc(base, grown) else { return false }
            base = moved.assumingMemoryBound(to: UInt8.self)
            capacity = grown
        }
        (base! + filled).update(from: source.assumingMemoryBound(to: UInt8.self), count: chunk.count)
        filled = needed
        return true
    }

    /// Hands the memory over to the caller, who must `free` it; the buffer is empty afterwards.
    func relinquish() -> UnsafeMutablePointer<UInt8>? {
        defer { base = nil }
        return base
    }
}

/// Splits the byte stream from a client into messages: a header of `Name: value` lines ended by
/// an empty line, `Content-Length` giving the body's size in bytes (the base protocol of the
/// Language Server Protocol). A header without a usable `Content-Length` is reported and skipped;
/// when a header follows garbage on one line, the last `Content-Length` in it counts, so the
/// stream recovers at the next real header. A body larger than `maximumBodySize` is read past
/// without being kept.
public struct MessageFramer {
    public enum Event {
        case message(MessageBuffer)
        /// A header that could not be used, and why.
        case malformedHeader(String)
        /// A body of this many bytes was announced and skipped.
        case tooLarge(Int)
        /// Memory ran out for a body of this many bytes; it was skipped.
        case outOfMemory(Int)
    }

    public static let defaultMaximumBodySize = 1 << 30
    static let maximumHeaderSize = 8192

    public let maximumBodySize: Int
    private var header: [UInt8] = []
    private var body: MessageBuffer?
    private var discarding = 0

    public init(maximumBodySize: Int = MessageFramer.defaultMaximumBodySize) {
        self.maximumBodySize = maximumBodySize
    }

    /// Whether the framer is in the middle of a message.
    public var isIdle: Bool { header.isEmpty && body == nil && discarding == 0 }

    public mutating func consume(_ chunk: UnsafeRawBufferPointer) -> [Event] {
        var events: [Event] = []
        var index = 0
        while index < chunk.count {
            let remaining = chunk.count - index
            if discarding > 0 {
                let skipped = min(discarding, remaining)
                discarding -= skipped
                index += skipped
                continue
            }
            if let pending = body {
                let taken = min(pending.count - pending.filled, remaining)
                if !pending.append(UnsafeRawBufferPointer(rebasing: chunk[index..<(index + taken)])) {
                    events.append(.outOfMemory(pending.count))
                    discarding = pending.count - pending.filled - taken
                    body = nil
                    index += taken
                    continue
                }
                index += taken
                if pending.filled == pending.count {
                    events.append(.message(pending))
                    body = nil
                }
                continue
            }
            let byte = chunk[index]
            index += 1
            header.append(byte)
            if byte == 0x0A, endsHeader() {
                if let event = startBody() { events.append(event) }
                header.removeAll(keepingCapacity: true)
            } else if header.count > Self.maximumHeaderSize {
                events.append(.malformedHeader("a header longer than \(Self.maximumHeaderSize) bytes"))
                // Keep a tail that may hold the start of the next real header.
                header.removeFirst(header.count - 32)
            }
        }
        return events
    }

    /// Whether the header ends with an empty line (`\r\n\r\n`, or `\n\n` from lenient clients).
    private func endsHeader() -> Bool {
        let count = header.count
        if count >= 2, header[count - 2] == 0x0A { return true }
        return count >= 3 && header[count - 2] == 0x0D && header[count - 3] == 0x0A
    }

    private mutating func startBody() -> Event? {
        // Blank lines between messages are tolerated.
        guard header.contains(where: { $0 != 0x0D && $0 != 0x0A }) else { return nil }
        guard let length = Self.contentLength(in: header) else {
            return .malformedHeader("a header without a valid Content-Length")
        }
        if length > maximumBodySize {
            discarding = length
            return .tooLarge(length)
        }
        let buffer = MessageBuffer(count: length)
        if length == 0 { return .message(buffer) }
        body = buffer
        return nil
    }

    /// The value of the last `Content-Length:` (any case) in the header: digits, at most 18.
    static func contentLength(in header: [UInt8]) -> Int? {
        let name = Array("content-length:".utf8)
        var found: Int?
        var index = 0
        while index + name.count <= header.count {
            var matches = true
            for offset in 0..<name.count where lowercased(header[index + offset]) != name[offset] {
                matches = false
                break
            }
            if matches { found = index + name.count }
            index += 1
        }
        guard var position = found else { return nil }
        while position < header.count, header[position] == 0x20 || header[position] == 0x09 { position += 1 }
        var value = 0
        var digits = 0
        while position < header.count, header[position] >= 0x30, header[position] <= 0x39 {
            if digits == 18 { return nil }
            value = value * 10 + Int(header[position] - 0x30)
            digits += 1
            position += 1
        }
        while position < header.count, header[position] == 0x20 || header[position] == 0x09 { position += 1 }
        guard digits > 0, position < header.count, header[position] == 0x0D || header[position] == 0x0A else { return nil }
        return value
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    /// `body` with its header, as sent.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}
