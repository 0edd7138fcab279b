#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on standard error for large files, redrawn at most ten times a second
/// and erased when the file is done. Only used when standard error is a terminal outside CI.
public final class ProgressBar: Sendable {
    /// Files smaller than this show no bar.
    public static let minimumBytes = 50 * 1_000_000

    private let write: @Sendable (String) -> Void
    private let width: Int
    /// When the bar was drawn last, and when each file's streaming began.
    private let drawn = Locked((last: 0.0, started: [String: Double]()))

    public init(width: Int = 30, write: @escaping @Sendable (String) -> Void = { OutputSink.console.standardError($0) }) {
        self.width = width
        self.write = write
    }

    /// Whether a bar belongs on this standard error: a terminal, not a CI job, colour not refused.
    public static func isWanted(environment: (String) -> String?) -> Bool {
        guard isatty(2) == 1 else { return false }
        if let ci = environment("CI"), !ci.isEmpty, ci != "0", ci.lowercased() != "false" { return false }
        return environment("TERM") != "dumb"
    }

    public func update(_ progress: LintProgress) {
        guard progress.total >= Self.minimumBytes else { return }
        drawn.withLock { drawn in
            let now = Self.seconds()
            if progress.finished {
                drawn.started[progress.path] = nil
                write("\r\u{1B}[2K")
                return
            }
            let start = drawn.started[progress.path] ?? now
            drawn.started[progress.path] = start
            guard now - drawn.last >= 0.1 else { return }
            drawn.last = now
            write("\r\u{1B}[2K" + Self.line(progress, elapsed: now - start, width: width))
        }
    }

    /// `assets.json [#########.........]  45%  72/160 MB  1.2M items/s`
    public static func line(_ progress: LintProgress, elapsed: Double, width: Int) -> String {
        let fraction = progress.total == 0 ? 1 : min(1, Double(progress.bytes) / Double(progress.total))
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = elapsed > 0 ? Double(progress.items) / elapsed : 0
        let name = progress.path.split(separator: "/").last.map(String.init) ?? progress.path
        return "\(name) [\(bar)] \(pad(Int(fraction * 100), 3))%  \(progress.bytes / 1_000_000)/\(progress.total / 1_000_000) MB  \(compact(rate)) items/s"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private static func compact(_ value: Double) -> String {
        if value >= 1_000_000 { return String(Double(Int(value / 100_000)) / 10) + "M" }
        if value >= 1_000 { return String(Int(value / 1_000)) + "k" }
        return String(Int(value))
    }

    private static func seconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
