/// U211: a presigned (expiring) URL.
public final class URLPresigned: URLRule {
    public static let metadata = RuleMetadata(
        id: "U211", name: "url-presigned", severity: .warning, kinds: [.manifest],
        summary: "An asset URL is presigned (`X-Amz-Signature`, `X-Goog-Signature`, an Azure SAS `sig=`, …): it stops working when the signature expires.",
        rationale: """
            A presigned URL carries a time-limited signature in its query. The hub loads assets whenever \
            someone opens them, for as long as the project lives: days or months after the import, the \
            signature has expired and every asset answers 403. Presigned URLs also give anyone who sees the \
            manifest read access until then.

            List the plain object URLs and connect the bucket through the hub's storage integration, which \
            signs each request itself. The message says which kind of signature it is and, when the query \
            tells, when it expires; it never prints the signature. The unsafe fix removes the query.

            A signature query is not also reported as an unexpected query (U215). A query that also carries a \
            credential (a session or access token, an Azure SAS wider than reading this blob) is U218's error \
            instead, with this warning as its note.
            """,
        fix: .unsafe,
        triggering: [
            RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.eu-central-1.amazonaws.com/cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20240501%2Feu-central-1%2Fs3%2Faws4_request&X-Amz-Date=20240501T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=0123456789abcdef")),
            RuleExample(.manifest, URLExamples.manifest("https://account.blob.core.windows.net/images/cat.jpg?sv=2022-11-02&se=2024-05-01T12%3A00%3A00Z&sr=b&sp=r&sig=abc%2Bdef%3D")),
        ],
        nonTriggering: [RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.eu-central-1.amazonaws.com/cat.jpg"))])

    public init() {}


    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        guard url.hasObjectPath, let query = url.ranges.query, let signature = url.signature else { return }
        // A query that carries a credential is U218's error, which notes the signature.
        if context.isActive(URLQueryCredential.metadata.id), url.queryCredential != nil { return }
        let range = (query.lowerBound - 1)..<query.upperBound
        let expiry = signature.expiry.map { " that expires \($0)" } ?? ""
        report("this is \(signature.scheme.rawValue)\(expiry): the hub loads assets whenever they are opened, long after the signature stops working, and anyone with the manifest can read the object until then; list the plain object URL and let the storage integration sign requests",
               url, range, in: tree, context: context,
               fix: Fix(.unsafe, "remove the signature query", edits: [url.edit(range, "", in: tree)]))
    }
}

extension AssetURL {
    /// The signature in the query, if this is a presigned or SAS URL.
    var signature: SignedURL.Signature? {
        guard let query = ranges.query, !query.isEmpty else { return nil }
        return SignedURL.detect(query: string(query))
    }
}
