#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads input files into `SourceFile`s: regular files above a size are memory-mapped (so a huge
/// manifest is not copied onto the heap), everything else (small files, pipes, standard input)
/// is read.
public enum FileLoader {
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    static let mapThreshold = 1 << 20

    /// A memory-mapped file that another program truncates while it is linted raises SIGBUS at
    /// the first read past its new end, which no Swift code can catch. The command line calls
    /// this once at start: the process then says what happened and exits with status 2 (an input
    /// that could not be read) instead of crashing with a backtrace. Nothing has been written by
    /// then: fixes are written to a temporary file and renamed only when complete.
    public static func installTruncationGuard() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            let message: StaticString = "assetlint: error: an input file shrank while it was being read (another program truncated or rewrote it in place); no file was changed; run again\n"
            _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
            _exit(2)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGBUS, &action, nil)
    }

    public static func load(path: String, displayPath: String? = nil) -> Result<SourceFile, LoadError> {
        let shown = displayPath ?? path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(LoadError(path: shown, reason: describe(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(LoadError(path: shown, reason: describe(errno))) }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { return .failure(LoadError(path: shown, reason: "is a directory")) }
        if type == S_IFCHR || type == S_IFBLK || type == S_IFSOCK {
            return .failure(LoadError(path: shown, reason: "is a device or socket, not a file"))
        }
        // Back to blocking reads now that we know what it is (a FIFO waits for its writer).
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK)
        let identity = FileIdentity(stat: info)
        if type == S_IFREG, Int(info.st_size) >= mapThreshold {
            let size = Int(info.st_size)
            if let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED {
                let bytes = SharedBytes(buffer: UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size))
                _ = madvise(mapped, size, MADV_SEQUENTIAL)
                // A descriptor of its own for `ByteStorage.copy` (this one is closed on return).
                let reader = dup(descriptor)
                let mapping: @Sendable () -> UnsafeMutableRawPointer = { UnsafeMutableRawPointer(mutating: bytes.buffer.baseAddress!) }
                let release: @Sendable () -> Void = {
                    munmap(mapping(), size)
                    if reader >= 0 { close(reader) }
                }
                let dropPages: @Sendable (Range<Int>) -> Void = { range in
                    let upper = min(range.upperBound, size)
                    guard upper > range.lowerBound else { return }
                    _ = madvise(mapping().advanced(by: range.lowerBound), upper - range.lowerBound, MADV_DONTNEED)
                }
                let readAt: @Sendable (UnsafeMutableRawBufferPointer, Int) -> Int = { destination, offset in
                    var done = 0
                    while done < destination.count {
                        let got = pread(reader, destination.baseAddress! + done, destination.count - done, off_t(offset + done))
                        if got <= 0 { break }
                        done += got
                    }
                    return done
                }
                let storage = ByteStorage(buffer: bytes.buffer, release: release, dropPages: dropPages, readAt: reader < 0 ? nil : readAt)
                let file = SourceFile(path: shown, storage: storage)
                file.identity = identity
                return .success(file)
            }
        }
        return readAll(descriptor).map { bytes in
            let file = SourceFile(path: shown, bytes: bytes)
            if type == S_IFREG { file.identity = identity }
            return file
        }.mapError { LoadError(path: shown, reason: $0.reason) }
    }

    /// Reads standard input to the end.
    public static func loadStandardInput(displayPath: String) -> Result<SourceFile, LoadError> {
        readAll(0).map { SourceFile(path: displayPath, bytes: $0) }.mapError { LoadError(path: displayPath, reason: $0.reason) }
    }

    private struct ReadFailure: Error { var reason: String }

    private static func readAll(_ descriptor: Int32) -> Result<[UInt8], ReadFailure> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadFailure(reason: describe(errno)))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return .success(bytes)
    }

    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or directory"
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "too many levels of symbolic links"
        case EISDIR: return "is a directory"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}


extension FileIdentity {
    init(stat info: stat) {
        self.init(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            modificationSeconds: Int64(info.st_mtim.tv_sec), modificationNanoseconds: Int64(info.st_mtim.tv_nsec),
            mode: UInt32(info.st_mode))
    }

    /// The identity of `path` now, or nil when it cannot be read.
    public static func current(of path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(stat: info)
    }
}
