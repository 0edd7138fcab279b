import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file by writing a temporary file beside it and renaming it over the original, so a
/// reader (or a crash) sees either the old or the new content, never a mix. Permissions are kept.
/// For reports and baselines, a symbolic link is followed (the file it leads to is replaced, the
/// link stays), a device, FIFO or socket is written to as it is (`/dev/null`, a pipe), and the file
/// behind standard output or error is written through that stream.
public enum AtomicWriter {
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Replaces `path` with `bytes`. When `expected` is given, refuses if the file on disk no
    /// longer has that identity (it changed since it was read).
    public static func replace(_ path: String, with bytes: [UInt8], expected: FileIdentity?) throws(WriteError) {
        try replace(path, expected: expected) { write in bytes.withUnsafeBufferPointer { write($0) } }
    }

    /// Replaces `path` with what `produce` hands to its `write` function, piece by piece (a large
    /// report never has to be in memory whole). Nothing is renamed over `path` unless every piece
    /// was written and synced.
    public static func replace(
        _ path: String, expected: FileIdentity?, producing produce: (_ write: (UnsafeBufferPointer<UInt8>) -> Void) -> Void
    ) throws(WriteError) {
        try replace(path, expected: expected) { descriptor in
            var failure: String?
            produce { bytes in
                guard failure == nil else { return }
                failure = writeAll(bytes, to: descriptor)
            }
            return failure
        }
    }

    /// Replaces `path` with the buffers `produce` hands to its `submit` function, which another
    /// thread writes while the next one is filled: a report of hundreds of megabytes costs the
    /// rendering and the kernel's copying side by side instead of one after the other. `submit`
    /// takes the buffer and leaves an empty one (of the same capacity) in its place; a few are in
    /// flight at most.
    public static func replace(
        _ path: String, expected: FileIdentity?, submitting produce: (_ submit: (inout [UInt8]) -> Void) -> Void
    ) throws(WriteError) {
        try replace(path, expected: expected) { descriptor in
            let writer = BackgroundWriter(descriptor: descriptor)
            produce { writer.submit(&$0) }
            return writer.finish()
        }
    }

    /// The common part: the temporary file, `write` filling it (it returns why it failed, or nil),
    /// the mode, the sync and the rename.
    private static func replace(_ path: String, expected: FileIdentity?, writing write: (Int32) -> String?) throws(WriteError) {
        try replace(path, expected: expected, linksFollowed: 0, writing: write)
    }

    /// Symbolic links followed before a path is taken as a loop (Linux's own limit).
    private static let maximumLinks = 40

    private static func replace(
        _ path: String, expected: FileIdentity?, linksFollowed: Int, writing write: (Int32) -> String?
    ) throws(WriteError) {
        var entry = stat()
        if lstat(path, &entry) == 0 {
            // A report's or baseline's link stays a link: the file it leads to is replaced, or
            // made when it is absent, as a shell's `>` would. A file being fixed (`expected`) is
            // never written through a link: the link is replaced by the fixed file, so a fix
            // cannot reach outside the files it was asked to fix (`SecurityTests`).
            let isLink = entry.st_mode & S_IFMT == S_IFLNK
            if isLink, expected == nil, stat(path, &entry) != 0 {
                let reason = errno
                guard reason == ENOENT, linksFollowed < maximumLinks, let target = linkTarget(path) else {
                    throw WriteError(path: path, reason: "cannot follow the symbolic link: \(FileLoader.describe(reason))")
                }
                try replace(target, expected: expected, linksFollowed: linksFollowed + 1, writing: write)
                return
            }
            switch entry.st_mode & S_IFMT {
            case S_IFREG where expected == nil:
                if let stream = standardStream(behind: entry) {
                    try writeInto(stream, path: path, writing: write)
                    return
                }
                if isLink, let target = canonicalPath(path) {
                    try replace(target, expected: expected, linksFollowed: linksFollowed + 1, writing: write)
                    return
                }
            case S_IFREG, S_IFLNK:
                break
            case S_IFDIR:
                throw WriteError(path: path, reason: "is a directory")
            default:
                // A device, FIFO or socket (`/dev/null`, `/dev/stdout`, a pipe) is written to, not
                // replaced: renaming a file over it would take it away from everyone.
                guard expected == nil else { throw WriteError(path: path, reason: "is not a regular file; not writing fixes") }
                try writeInPlace(path, writing: write)
                return
            }
        }
        let current = FileIdentity.current(of: path)
        if let expected {
            guard let current, current == expected else {
                throw WriteError(path: path, reason: "the file changed on disk since it was read; not writing fixes (run again)")
            }
        }
        // A file that exists keeps its mode (set below, once the content is written: until then the
        // temporary file is private). A new one, a report or a baseline, gets the mode any program
        // would create it with: 0666 less the umask.
        let (descriptor, temporary) = current == nil ? createTemporary(beside: path, mode: 0o666) : createTemporary(beside: path)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: "cannot create a temporary file: \(FileLoader.describe(errno))") }
        var succeeded = false
        defer {
            if !succeeded { unlink(temporary) }
        }
        if let failure = write(descriptor) {
            close(descriptor)
            throw WriteError(path: path, reason: "cannot write: \(failure)")
        }
        if let mode = current?.mode { fchmod(descriptor, mode_t(mode & 0o7777)) }
        guard fsync(descriptor) == 0 else {
            let reason = FileLoader.describe(errno)
            close(descriptor)
            throw WriteError(path: path, reason: "cannot write: \(reason)")
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            throw WriteError(path: path, reason: "cannot replace the file: \(FileLoader.describe(errno))")
        }
        succeeded = true
    }

    /// The absolute path of the file `path` names, with every symbolic link resolved.
    private static func canonicalPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Where the symbolic link at `path` leads, relative to the link's folder when the link is
    /// relative; nil (with `errno` set) when it cannot be read.
    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard !target.hasPrefix("/"), let slash = path.lastIndex(of: "/") else { return target }
        return String(path[...slash]) + target
    }

    /// Standard output or standard error, when the file `entry` describes is the one behind it
    /// (`/dev/stderr` or `/dev/fd/1` redirected to a log, or the log's own name): a report sent
    /// there goes into the stream after what the run wrote to it, instead of replacing the file
    /// under the stream, which would lose that output and the log's earlier lines.
    private static func standardStream(behind entry: stat) -> Int32? {
        for descriptor: Int32 in [STDOUT_FILENO, STDERR_FILENO] {
            var stream = stat()
            if fstat(descriptor, &stream) == 0, stream.st_dev == entry.st_dev, stream.st_ino == entry.st_ino { return descriptor }
        }
        return nil
    }

    /// Writes into an open descriptor, which stays open.
    private static func writeInto(_ descriptor: Int32, path: String, writing write: (Int32) -> String?) throws(WriteError) {
        if let failure = write(descriptor) { throw WriteError(path: path, reason: "cannot write: \(failure)") }
    }

    /// Writes into an existing file that is not a regular file, as it is.
    private static func writeInPlace(_ path: String, writing write: (Int32) -> String?) throws(WriteError) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: "cannot open: \(FileLoader.describe(errno))") }
        defer { close(descriptor) }
        try writeInto(descriptor, path: path, writing: write)
    }

    /// Writes all of `bytes`; returns why it could not, or nil.
    static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> String? {
        guard let base = bytes.baseAddress else { return nil }
        var written = 0
        while written < bytes.count {
            let count = write(descriptor, base + written, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                return FileLoader.describe(errno)
            }
            written += count
        }
        return nil
    }

    /// A new file beside `path`, readable and writable by its owner only (`mkstemp`).
    private static func createTemporary(beside path: String) -> (descriptor: Int32, path: String) {
        var template = Array((path + ".assetlint-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        return (descriptor, String(cString: template))
    }

    /// A new file beside `path` created with `mode` as `open` applies it (the umask takes its bits
    /// away), under a random name that did not exist.
    private static func createTemporary(beside path: String, mode: mode_t) -> (descriptor: Int32, path: String) {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        for _ in 0..<100 {
            let name = path + ".assetlint-" + String((0..<6).map { _ in letters.randomElement()! })
            let descriptor = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if descriptor >= 0 || errno != EEXIST { return (descriptor, name) }
        }
        return (-1, path)
    }
}

/// Writes buffers to a file on a thread of its own, in the order they were submitted; at most
/// `inFlight` of them wait, so memory stays a few buffers whatever the size of the file. Emptied
/// buffers come back to the producer, so no buffer is allocated (and faulted in) twice.
final class BackgroundWriter: @unchecked Sendable {
    private let descriptor: Int32
    private let queue = DispatchQueue(label: "assetlint.report-writer")
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    /// Emptied buffers, guarded by `lock`.
    private var spare: [[UInt8]] = []
    /// The first write error; read once the queue is drained.
    private var failure: String?

    init(descriptor: Int32, inFlight: Int = 2) {
        self.descriptor = descriptor
        slots = DispatchSemaphore(value: inFlight)
    }

    /// A buffer on its way, held by one reference so that it is emptied in place.
    private final class Chunk: @unchecked Sendable {
        var bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    /// Queues `buffer` for writing and leaves an empty buffer in its place.
    func submit(_ buffer: inout [UInt8]) {
        guard !buffer.isEmpty else { return }
        let chunk = Chunk(buffer)
        let capacity = buffer.capacity
        buffer = lock.withLock { spare.popLast() } ?? []
        if buffer.capacity < capacity { buffer.reserveCapacity(capacity) }
        slots.wait()
        queue.async { [self] in
            if failure == nil { failure = chunk.bytes.withUnsafeBufferPointer { AtomicWriter.writeAll($0, to: descriptor) } }
            chunk.bytes.removeAll(keepingCapacity: true)
            let emptied = chunk.bytes
            chunk.bytes = []
            lock.withLock { spare.append(emptied) }
            slots.signal()
        }
    }

    /// Waits for every submitted buffer to be written; returns the first error, or nil.
    func finish() -> String? {
        queue.sync { failure }
    }
}
