#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's entry point for programs with their own `main` (every fuzz target here is a
/// SwiftPM executable, whose `main` SwiftPM renames and aliases; defining libFuzzer's
/// `LLVMFuzzerTestOneInput` alongside would need the fuzzer's `main` instead).
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

nonisolated(unsafe) private var body: (UnsafeBufferPointer<UInt8>) -> Void = { _ in }

public enum FuzzDriver {
    /// Hands the command line to libFuzzer and runs `check` on each input it generates.
    public static func run(_ check: @escaping (UnsafeBufferPointer<UInt8>) -> Void) -> Never {
        body = check
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            body(UnsafeBufferPointer(start: data, count: size))
            return 0
        }
        exit(status)
    }
}
