import CMemory

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Blocks of 4 MiB and more (a spool's records and index, the SARIF fingerprint table, a sort's
/// buffer) are mapped on their own and given back whole when freed. glibc otherwise raises that
/// threshold to the largest block freed so far, after which such blocks come from the heap and
/// leave holes in it that stay resident: a report of a million findings peaked 12 to 24 MiB
/// higher (`scripts/worst-cases.sh`).
func fixLargeBlockThreshold() {
    cmemory_map_blocks_from(4 << 20)
}

func Foundation_exit(_ status: Int32) -> Never { exit(status) }

/// Whether a file descriptor is a terminal.
func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

func environmentValue(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    return String(cString: value)
}

func currentDirectory() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    guard getcwd(&buffer, buffer.count) != nil else { return "." }
    return String(cString: buffer)
}
