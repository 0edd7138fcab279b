import Foundation

/// Reads a file's findings on a thread of its own, a few batches ahead of the reporter: the
/// reader decodes them from the spool (and for SARIF computes their fingerprints), the reporter's
/// thread only writes, and a third writes the file (`BackgroundWriter`). A million findings then
/// keep both cores busy instead of one.
///
/// Findings come out in the order they were read. A file with few findings is read on the
/// reporter's thread, by the same code.
enum FindingPipeline {
    /// Below this many findings the reading stays on the reporter's thread.
    static let threadedFrom = 4096
    static let batchSize = 1024

    /// Calls `produce` with a function that hands on a batch, on a thread of its own when
    /// `threaded`, and `consume` on this thread with each element of each batch, in order.
    static func run<Element: Sendable>(
        threaded: Bool, produce: @escaping @Sendable (_ send: ([Element]) -> Void) -> Void, consume: (Element) -> Void
    ) {
        guard threaded else {
            produce { batch in batch.forEach(consume) }
            return
        }
        let channel = BatchChannel<Element>(depth: 4)
        Thread {
            produce { channel.send($0) }
            channel.finish()
        }.start()
        while let batch = channel.receive() { batch.forEach(consume) }
    }
}

/// Batches passed from one producer to one consumer in order; the producer waits while `depth`
/// batches are waiting.
final class BatchChannel<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [[Element]] = []
    private var finished = false
    private let depth: Int

    init(depth: Int) { self.depth = depth }

    func send(_ batch: [Element]) {
        guard !batch.isEmpty else { return }
        condition.lock()
        while waiting.count >= depth { condition.wait() }
        waiting.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, or nil once the producer finished and everything was received.
    func receive() -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !finished { condition.wait() }
        guard !waiting.isEmpty else { return nil }
        let batch = waiting.removeFirst()
        condition.broadcast()
        return batch
    }
}

/// A value set by the producer of a pipeline and read once it is done.
final class PipelineResult<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?

    var value: Value? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
