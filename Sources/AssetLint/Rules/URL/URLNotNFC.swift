/// U207: the decoded path is not in Unicode Normalization Form C.
public final class URLNotNFC: URLRule {
    public static let metadata = RuleMetadata(
        id: "U207", name: "url-not-nfc", severity: .warning, kinds: [.manifest],
        summary: "An asset URL's decoded path is not in Unicode NFC: accented letters are written as a base letter plus combining marks (NFD), as macOS writes file names.",
        rationale: """
            `é` can be one code point (U+00E9, NFC, `%C3%A9`) or `e` followed by U+0301 COMBINING ACUTE ACCENT \
            (NFD, `e%CC%81`). They look the same everywhere, but object keys are compared byte by byte: a URL \
            in one form never finds an object named in the other. macOS file systems hand out NFD names, so \
            manifests built from a Mac folder listing are NFD, while objects uploaded from Linux, Windows or a \
            web form are usually NFC.

            The warning underlines the decomposed characters and shows the NFC spelling. A key stored NFD in \
            the bucket is found only by an NFD URL, and tools that upload from a Mac often keep the \
            decomposed names, so the fix that writes NFC is unsafe: list the bucket to see which form it \
            holds, and keep the URL if the objects have the decomposed names. With a listing of the bucket \
            (`--inventory`), the listing decides and this rule stays silent: a key listed as the URL writes \
            it is right, and I501 reports one that is not, naming the NFC key when the listing has it, with \
            a safe fix. Paths whose escapes are not UTF-8 are U206's.

            Decomposed characters written raw (not percent-encoded) are reported once, by U203, with this \
            rule as a note: U203's safe fix encodes them as written (what a browser sends), and this \
            warning then stays for the decision only you (or a bucket listing) can make. An `externalId` \
            decomposed the same way as the path (the file name copied from the same Mac listing) is a note \
            of this finding rather than its own M116.
            """,
        fix: .unsafe,
        triggering: [
            RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/cafe%CC%81/cre%CC%80me.jpg")),
            RuleExample(.manifest, #"[{"data": "https://storage.googleapis.com/my-bucket/cafe%CC%81.jpg", "externalId": "cafe\u0301.jpg"}]"#,
                        note: "the id copied from the same NFD name is a note, not its own M116"),
        ],
        nonTriggering: [RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/caf%C3%A9/cr%C3%A8me.jpg"))])

    public init() {}


    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        guard let decoded = url.decodedPath else { return }
        // A listing of the bucket settles it: the key is listed as written, or I501 reports it and
        // names the form the listing has (its fix then safe).
        if context.inventory.covers(url) { return }
        // Runs written with raw characters are U203's, whose finding notes the normalization: its
        // safe fix encodes them as written, and this rule then reports what is left.
        let leftToU203 = context.isActive(URLUnencodedChar.metadata.id)
        let runs = url.notNFCRuns(context: context).filter { !(leftToU203 && $0.isRaw) }
        guard let first = runs.first, let last = runs.last else { return }
        var edits: [TextEdit] = []
        var examples: [String] = []
        for run in runs {
            let normalized = NFCCheck.nfc(decoded.bytes[run.decoded])
            edits.append(url.edit(run.text, Self.encode(normalized, replacing: run.decoded, of: decoded, in: url), in: tree))
            if examples.count < 3 { examples.append(run.described(in: decoded)) }
        }
        let more = runs.count > 1 ? " and \(runs.count - 1) more" : ""
        let others = examples.count > 1 ? "; also " + examples.dropFirst().joined(separator: "; ") : ""
        report("decoded path is not NFC: \(examples[0])\(more)",
               url, first.text.lowerBound..<last.text.upperBound, in: tree, context: context,
               related: NFDNameLink.idNote(for: url, by: Self.metadata.id, in: tree, context: context),
               note: "decomposed, as macOS names files\(others); keys are compared byte by byte and the object may be stored under this NFD name: list the bucket before changing it",
               fix: Fix(.unsafe, "write the path in NFC (if the object's name is NFC)", edits: edits))
    }

    /// The percent-encoded form of the NFC text of `run`: its first scalar keeps its original spelling
    /// when normalization left it alone (it may be a raw `/` or an escape like `%2F`), the rest is
    /// encoded as UTF-8.
    static func encode(_ normalized: [UInt8], replacing run: Range<Int>, of decoded: DecodedText, in url: AssetURL) -> String {
        let original = Array(decoded.bytes[run])
        let firstLength = original.withUnsafeBufferPointer { UTF8Decoding.scalarOrReplacement($0, at: 0).length }
        var out = ""
        var rest = normalized[...]
        if normalized.starts(with: original[0..<firstLength]) {
            out += url.string(decoded.textRange(of: run.lowerBound..<(run.lowerBound + firstLength)))
            rest = normalized[firstLength...]
        }
        for byte in rest {
            if FastBytes.pathPlain.contains(byte) { out.unicodeScalars.append(Unicode.Scalar(byte)) } else { out += URLText.percentEncoded(byte) }
        }
        return out
    }
}

/// A run of a URL's decoded path that NFC changes (U207; U203 when it is written raw).
struct NotNFCRun {
    /// Offsets in the decoded path.
    var decoded: Range<Int>
    /// Offsets in the URL's text.
    var text: Range<Int>
    /// Whether some non-ASCII byte of it is written raw, not as an escape.
    var isRaw: Bool

    /// `"é" as "e" + U+0301 COMBINING ACUTE ACCENT`.
    func described(in path: DecodedText) -> String {
        let original = Array(path.bytes[decoded])
        let normalized = NFCCheck.nfc(original)
        let scalars = String(decoding: original, as: UTF8.self).unicodeScalars
        let marks = scalars.dropFirst().map { ScalarNames.describe($0.value) }.joined(separator: ", ")
        let base = scalars.first.map { String(Character($0)) } ?? ""
        return "\(ScalarNames.quoted(String(decoding: normalized, as: UTF8.self))) as \(ScalarNames.quoted(base)) + \(marks)"
    }
}

extension AssetURL {
    /// The runs of the decoded path that NFC changes; none when the path is not UTF-8 (U206's).
    func notNFCRuns(context: LintContext) -> [NotNFCRun] {
        guard let decoded = decodedPath else { return [] }
        let table = context.scalars
        let runs: [Range<Int>] = decoded.bytes.withUnsafeBufferPointer { bytes in
            guard UTF8Decoding.isValid(bytes) else { return [] }
            return NFCCheck.changedRuns(bytes, table: table)
        }
        return runs.map { run in
            let isRaw = run.contains { decoded.bytes[$0] >= 0x80 && !decoded.fromEscape[$0] }
            return NotNFCRun(decoded: run, text: decoded.textRange(of: run), isRaw: isRaw)
        }
    }
}
