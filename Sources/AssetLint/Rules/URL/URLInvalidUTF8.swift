/// U206: percent-escapes in the path decode to bytes that are not UTF-8.
public final class URLInvalidUTF8: URLRule {
    public static let metadata = RuleMetadata(
        id: "U206", name: "url-invalid-utf8", severity: .error, kinds: [.manifest],
        summary: "Percent-escapes in an asset URL's path decode to bytes that are not UTF-8 (typically Latin-1 or Windows-1252, like `%E9` for `é`).",
        rationale: """
            S3, GCS and Azure object names are Unicode text stored as UTF-8, and URLs carry them \
            percent-encoded as UTF-8: `é` is `%C3%A9`. `%E9` is `é` in Latin-1 and Windows-1252, as old \
            tools, Windows scripts and some spreadsheets write it; decoded, it is a lone byte E9 that is not \
            UTF-8, so the URL names no object at all (and the services reject or mangle it).

            When the bytes read as Windows-1252 text (Latin-1 is the same for the letters people use), the \
            message gives that reading and the unsafe fix writes its UTF-8 spelling; whether that was the \
            intended name only the author can tell. Raw non-UTF-8 bytes in the file itself are J002's and \
            U203's; a path with invalid escapes is not also checked for NFC (U207).
            """,
        fix: .unsafe,
        triggering: [RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/caf%E9/cr%E8me.jpg"))],
        nonTriggering: [RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/caf%C3%A9/cr%C3%A8me.jpg"))])

    public init() {}


    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        guard let decoded = url.decodedPath else { return }
        for stretch in Self.invalidStretches(decoded) {
            let bytes = Array(decoded.bytes[stretch])
            let range = decoded.textRange(of: stretch)
            let written = url.string(range)
            let hexBytes = bytes.map { Hex.string(UInt32($0), minimumDigits: 2) }.joined(separator: " ")
            let what = "\(written) decodes to the byte\(bytes.count == 1 ? "" : "s") \(hexBytes), which \(bytes.count == 1 ? "is" : "are") not UTF-8: object names are UTF-8, so no object has this name"
            guard let reading = Windows1252.decode(bytes) else {
                report("\(what), and it is not Windows-1252 text either; find the object's real name and percent-encode it as UTF-8",
                       url, range, in: tree, context: context)
                continue
            }
            let encoding = bytes.allSatisfy { $0 >= 0xA0 } ? "Latin-1" : "Windows-1252"
            let utf8 = URLText.percentEncoded(Array(reading.utf8))
            report("\(what); read as \(encoding) it is \(ScalarNames.quoted(reading)), written \(utf8) in UTF-8",
                   url, range, in: tree, context: context,
                   fix: Fix(.unsafe, "write \(ScalarNames.quoted(reading)) in UTF-8 (\(utf8))", edits: [url.edit(range, utf8, in: tree)]))
        }
    }

    /// Maximal runs of decoded bytes, all from escapes, that are not part of a well-formed UTF-8 sequence.
    static func invalidStretches(_ decoded: DecodedText) -> [Range<Int>] {
        var stretches: [Range<Int>] = []
        decoded.bytes.withUnsafeBufferPointer { bytes in
            var index = 0
            var start: Int?
            func close(_ end: Int) {
                if let begin = start, (begin..<end).allSatisfy({ decoded.fromEscape[$0] }) { stretches.append(begin..<end) }
                start = nil
            }
            while index < bytes.count {
                if bytes[index] < 0x80 {
                    close(index)
                    index += 1
                    continue
                }
                let (scalar, length) = UTF8Decoding.decode(bytes, at: index)
                if scalar == nil {
                    if start == nil { start = index }
                } else {
                    close(index)
                }
                index += length
            }
            close(bytes.count)
        }
        return stretches
    }
}
