#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file by writing a temporary file beside it and renaming it over the original, so a
/// reader (or a crash) sees either the old or the new content, never a mix. Permissions are kept.
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
        var failure: String?
        produce { bytes in
            guard failure == nil, let base = bytes.baseAddress else { return }
            var written = 0
            while written < bytes.count {
                let count = write(descriptor, base + written, bytes.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = FileLoader.describe(errno)
                    return
                }
                written += count
            }
        }
        if let failure {
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
