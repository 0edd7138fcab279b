import CZlib

/// Inflates gzip (or zlib) data with the system zlib, in steps, so a multi-gigabyte S3 Inventory
/// file is read in megabyte pieces and never held whole.
struct GzipInflater: ~Copyable {
    private let handle: OpaquePointer

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Whether `bytes` start with the gzip magic number.
    static func isGzip(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    init() throws(Failure) {
        guard let handle = czlib_inflater_new() else { throw Failure(description: "out of memory for the gzip inflater") }
        self.handle = handle
    }

    deinit { czlib_inflater_free(handle) }

    /// Inflates all of `input`, handing the output to `body` in pieces of at most `step` bytes.
    /// Throws when the data is not gzip, is corrupt, or ends before the stream does.
    func inflate(_ input: UnsafeBufferPointer<UInt8>, step: Int = 4 << 20, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(Failure) {
        var output = [UInt8](repeating: 0, count: step)
        var offset = 0
        var ended = false
        try output.withUnsafeMutableBufferPointer { (output: inout UnsafeMutableBufferPointer<UInt8>) throws(Failure) in
            while true {
                var consumed = 0
                var produced = 0
                let status = czlib_inflate(
                    handle, input.baseAddress.map { $0 + offset }, input.count - offset, &consumed,
                    output.baseAddress, output.count, &produced)
                offset += consumed
                if produced > 0 { body(UnsafeBufferPointer(rebasing: output[0..<produced])) }
                if status == Int32(CZLIB_END) {
                    ended = true
                    return
                }
                guard status == Int32(CZLIB_OK) else {
                    let detail = String(cString: czlib_message(handle))
                    throw Failure(description: "the gzip data is corrupt" + (detail.isEmpty ? "" : " (\(detail))"))
                }
                if consumed == 0, produced == 0 { return }  // the input ended inside the stream
            }
        }
        if !ended { throw Failure(description: "the gzip file ends early (truncated download?)") }
    }
}
