#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CICU

/// Cuts a listing's text into lines as it arrives in chunks (a memory-mapped file in one chunk,
/// a gzipped one in pieces as it inflates), numbering them from 1. A line ends at `\n`; one `\r`
/// before it (a listing saved on Windows) is not part of the line. A line cut by a chunk boundary
/// is carried over and handed on whole.
struct LineFeed {
    private var carry: [UInt8] = []
    private(set) var lineNumber = 0

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        guard let base = chunk.baseAddress else { return }
        var start = 0
        while start < chunk.count {
            guard let found = memchr(base + start, 0x0A, chunk.count - start) else {
                carry.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start...]))
                return
            }
            let end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            lineNumber += 1
            if carry.isEmpty {
                body(Self.trimmed(UnsafeBufferPointer(rebasing: chunk[start..<end])), lineNumber)
            } else {
                carry.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start..<end]))
                carry.withUnsafeBufferPointer { body(Self.trimmed($0), lineNumber) }
                carry.removeAll(keepingCapacity: true)
            }
            start = end + 1
        }
    }

    /// Hands on the last line when the text does not end with a line feed.
    mutating func finish(_ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        guard !carry.isEmpty else { return }
        lineNumber += 1
        carry.withUnsafeBufferPointer { body(Self.trimmed($0), lineNumber) }
        carry.removeAll()
    }

    @inline(__always)
    private static func trimmed(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        line.last == 0x0D ? UnsafeBufferPointer(rebasing: line.dropLast()) : line
    }
}

/// Small byte tests the listing readers share.
enum ListingBytes {
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Whether `bytes` at `offset` start with `literal`.
    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString, at offset: Int = 0) -> Bool {
        literal.withUTF8Buffer { literal in
            offset + literal.count <= bytes.count && bytes[offset..<(offset + literal.count)].elementsEqual(literal)
        }
    }

    /// Whether `literal` occurs anywhere in `bytes`.
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        literal.withUTF8Buffer { literal in
            guard let base = bytes.baseAddress, let needle = literal.baseAddress else { return false }
            return cicu_memmem(base, bytes.count, needle, literal.count) != nil
        }
    }

    /// Whether two byte strings are equal (memcmp, not an element-by-element generic loop).
    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
        b.withUnsafeBufferPointer { equal(a, $0) }
    }

    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        literal.withUTF8Buffer { bytes.count == $0.count && bytes.elementsEqual($0) }
    }

    /// Whether `bytes[offset...]` matches `pattern`, where `9` stands for any digit and every other
    /// byte for itself (`9999-99-99` is a date).
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, _ pattern: StaticString) -> Bool {
        pattern.withUTF8Buffer { pattern in
            guard offset + pattern.count <= bytes.count else { return false }
            for (position, expected) in pattern.enumerated() {
                let byte = bytes[offset + position]
                if expected == UInt8(ascii: "9") ? !isDigit(byte) : byte != expected { return false }
            }
            return true
        }
    }

    static func text(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = 80) -> String {
        let shown = String(decoding: bytes.prefix(limit), as: UTF8.self)
        return bytes.count > limit ? shown + "…" : shown
    }
}
