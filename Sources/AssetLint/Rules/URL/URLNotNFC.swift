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

            The warning underlines the decomposed characters and shows the NFC spelling. The unsafe fix \
            writes it; keep the URL as it is if the objects themselves were uploaded with the decomposed \
            names (list the bucket to see which form it holds). With a listing of the bucket (`--inventory`) \
            that has the key in the URL's form, the URL is not reported; I501 reports a key in neither form. \
            Paths whose escapes are not UTF-8 are U206's.
            """,
        fix: .unsafe,
        triggering: [RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/cafe%CC%81/cre%CC%80me.jpg"))],
        nonTriggering: [RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/caf%C3%A9/cr%C3%A8me.jpg"))])

    public init() {}

    var urlAnalysis = SharedAnalysisLink<AssetURLAnalysis>()

    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        guard let decoded = url.decodedPath else { return }
        // A bucket listing that has the key in this very form settles it: the object is NFD.
        if let location = url.location, let listed = context.inventory.listing(of: BucketName(location)),
           listed.contains(location.keyBytes) { return }
        let table = AssetURLAnalysis.of(context).scalars
        let runs: [Range<Int>] = decoded.bytes.withUnsafeBufferPointer { bytes in
            guard UTF8Scalars.isValid(bytes) else { return [] }
            return NFCCheck.changedRuns(bytes, table: table)
        }
        guard let first = runs.first, let last = runs.last else { return }
        var edits: [TextEdit] = []
        var examples: [String] = []
        for run in runs {
            let original = Array(decoded.bytes[run])
            let normalized = NFCCheck.nfc(original)
            edits.append(url.edit(decoded.textRange(of: run), Self.encode(normalized, replacing: run, of: decoded, in: url), in: tree))
            if examples.count < 3 {
                let marks = String(decoding: original, as: UTF8.self).unicodeScalars.dropFirst()
                    .map { ScalarNames.describe($0.value) }.joined(separator: ", ")
                let base = String(decoding: original, as: UTF8.self).unicodeScalars.first.map { String(Character($0)) } ?? ""
                examples.append("\(ScalarNames.quoted(String(decoding: normalized, as: UTF8.self))) as \(ScalarNames.quoted(base)) + \(marks)")
            }
        }
        let range = decoded.textRange(of: first.lowerBound..<last.upperBound)
        let more = runs.count > examples.count ? " and \(runs.count - examples.count) more" : ""
        report("the decoded path is not NFC: it writes \(examples.joined(separator: "; "))\(more) (decomposed, as macOS names files); object keys are compared byte by byte, so this URL finds only an object named in this exact form, not the NFC spelling most uploads use",
               url, range, in: tree, context: context,
               fix: Fix(.unsafe, "write the path in NFC", edits: edits))
    }

    /// The percent-encoded form of the NFC text of `run`: its first scalar keeps its original spelling
    /// when normalization left it alone (it may be a raw `/` or an escape like `%2F`), the rest is
    /// encoded as UTF-8.
    static func encode(_ normalized: [UInt8], replacing run: Range<Int>, of decoded: DecodedText, in url: AssetURL) -> String {
        let original = Array(decoded.bytes[run])
        let firstLength = original.withUnsafeBufferPointer { UTF8Scalars.decode($0, at: 0).length }
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
