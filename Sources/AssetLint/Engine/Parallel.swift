import Dispatch
import Foundation

/// Work dealt over the cores, and the two promises the compiler cannot check for it. Every
/// `Sendable` exception of the engine is here, internal and small.
enum Parallel {
    /// `body(index)` for every index below `count`, at once on the cores; the results in order.
    /// Each call reads what the caller prepared (contexts, rule instances, the file), which no call
    /// writes, and makes its own result: that is the promise the box below carries.
    static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        withoutActuallyEscaping(body) { body in
            let work = Unchecked((body, results))
            DispatchQueue.concurrentPerform(iterations: count) { index in
                work.value.1[index] = work.value.0(index)
            }
        }
        return results.map { $0! }
    }
}

/// A value handed to other threads under a promise the compiler cannot check (see `Parallel.map`).
private struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A value behind a lock, readable and writable from any thread.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Bytes that no thread writes while any thread reads them: a file's contents, copied or mapped
/// read-only. Their address may be shared.
struct SharedBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
}
