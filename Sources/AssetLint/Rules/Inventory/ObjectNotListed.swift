/// I501: an asset URL into a listed bucket names a key the listing does not have.
public final class ObjectNotListed: InventoryRule {
    public static let metadata = RuleMetadata(
        id: "I501", name: "object-not-listed", severity: .error, kinds: [.manifest, .attachments], summary: "An asset URL points into a bucket that a listing given with `--inventory` covers, but its key is not in the listing.",
        rationale: """
            The hub fetches each asset when someone opens it; a key that is not in the bucket is a 404 in the \
            labeling tool, found long after the import "succeeded". The usual causes are a hair's breadth \
            away: a space that became `+`, a file name from a Mac in NFD, `.jpeg` for `.jpg`, a case change, \
            a trailing space, a folder renamed after the manifest was written.

            With a listing of the bucket (`gcloud storage ls -r 'gs://BUCKET/**'`, `gsutil ls -r`, \
            `aws s3 ls s3://BUCKET --recursive`, an S3 Inventory report, `az storage blob list`), every asset \
            URL's decoded key is looked up: a manifest's `data`, `dataset` entries and IMAGE and VIDEO \
            attachments, and the IMAGE and VIDEO attachments of an attachment import. When a listed key differs only in Unicode normalization, `+` against a \
            space, percent-encoding, a trailing space or invisible character, the spelling of the image \
            extension or letter case, the message names it and an unsafe fix rewrites the URL to it. The fix \
            is safe when the only difference is Unicode normalization: NFC and NFD spell the same name, and \
            the listing says which of the two the bucket holds (U207, which can only guess, is silent for a \
            listed bucket). Check that the listing is current: an object uploaded after it was made is \
            reported too.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(
                .manifest, URLExamples.manifest("https://storage.googleapis.com/bucket-name/photos/IMG_0001.jpeg"),
                listing: "gs://bucket-name/photos/IMG_0001.jpg\ngs://bucket-name/photos/IMG_0002.jpg",
                note: "a near miss: the listed object is .jpg"),
            RuleExample(
                .manifest, URLExamples.manifest("https://storage.googleapis.com/bucket-name/cafe%CC%81.jpg"),
                listing: "gs://bucket-name/caf\u{E9}.jpg",
                note: "the name decomposed (NFD, from a Mac), the listed object NFC: the safe fix writes caf%C3%A9.jpg"),
            RuleExample(
                .manifest, URLExamples.manifest("https://bucket-name.s3.eu-central-1.amazonaws.com/file%202.jpg"),
                listing: "gs://other-bucket/file 2.jpg\ns3://bucket-name/file.jpg", note: "no such object at all"),
        ],
        nonTriggering: [
            RuleExample(
                .manifest, URLExamples.manifest(
                    "https://bucket-name.s3.eu-central-1.amazonaws.com/file%202.jpg", "https://storage.googleapis.com/elsewhere/x.jpg"),
                listing: "s3://bucket-name/file 2.jpg", note: "listed; a bucket no listing covers is I502's"),
        ])

    public init() {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        let analysis = analysis(item: item, at: index, in: tree, context: context)
        for miss in analysis.misses { report(miss, in: tree, context: context) }
    }

    private func report(_ miss: InventoryAnalysis.Miss, in tree: JSONTree, context: LintContext) {
        let url = AssetURL(node: miss.node, text: ManifestText.decodedBytes(miss.node, in: tree))
        let keyRange = url.keyRange ?? url.trimmed
        let range = url.fileRange(keyRange.isEmpty ? url.trimmed : keyRange, in: tree)
        let pointer = tree.pointer(miss.node)
        let wanted = ScalarNames.quoted(String(decoding: miss.key, as: UTF8.self), limit: 60)
        let bucket = miss.listed.bucket.description
        let nearMisses = miss.listed.nearMisses(of: miss.key)
        guard let first = nearMisses.first else {
            context.report(Self.self, "\(bucket) has no object \(wanted) in its listing", at: range, pointer: pointer)
            return
        }
        let named = nearMisses.map { ScalarNames.quoted($0.keyText, limit: 80) }.joined(separator: " or ")
        let how = first.kinds.map(\.phrase).joined(separator: ", ")
        let message = "\(bucket) has no object \(wanted)"
        let note = "the listing has \(named) (differs in \(how))"
        guard nearMisses.count == 1, url.keyRange != nil else {
            context.report(Self.self, message, at: range, pointer: pointer, note: note)
            return
        }
        let replacement = ObjectKeyEncoding.pathEncoded(first.key)
        // NFC and NFD spell the same name: the listing says which one the bucket has, so pointing
        // the URL at it changes nothing but the bytes of the request.
        let safety: Fix.Applicability = first.kinds == [.unicodeNormalization] ? .safe : .unsafe
        let fix = Fix(safety, "point the URL at the listed object \(ScalarNames.quoted(first.keyText, limit: 80))",
                      edits: [url.edit(keyRange, replacement, in: tree)])
        context.report(Self.self, message, at: range, pointer: pointer, fix: fix, note: note)
    }
}

/// Object keys written into a URL path.
enum ObjectKeyEncoding {
    /// `key` percent-encoded for a URL path: letters, digits, `-._~` and `/` as they are, every
    /// other byte (a space, `+`, `%`, non-ASCII) as `%XX`, which every provider decodes to the key.
    static func pathEncoded(_ key: [UInt8]) -> String {
        var out = ""
        out.reserveCapacity(key.count)
        for byte in key {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += URLText.percentEncoded(byte)
            }
        }
        return out
    }
}
