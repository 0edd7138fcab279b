/// U218: an asset URL whose query carries a credential, not only a signature.
public final class URLQueryCredential: URLRule {
    public static let metadata = RuleMetadata(
        id: "U218", name: "url-query-credential", severity: .error, kinds: [.manifest],
        summary: "An asset URL's query carries a credential: an AWS session token (`X-Amz-Security-Token`), an OAuth access token (`access_token`), or an Azure SAS that opens more than this blob.",
        rationale: """
            A plain presigned URL (U211) carries a signature: it opens this one object for reading until it \
            expires. Some queries carry more, and whoever reads the manifest (or the hub's database, where \
            imported URLs are stored) gets it:

            - `X-Amz-Security-Token` is the session token of temporary AWS credentials (an assumed role, SSO, \
            an instance profile). URLs presigned with such credentials carry it; it is part of the credential \
            that signed the URL.
            - `access_token` is an OAuth 2.0 bearer token (RFC 6750). Google's APIs, Cloud Storage included, \
            accept it in the query; it opens whatever its scopes allow, often every bucket of the project.
            - An Azure account SAS (`ss` and `srt`) is signed with the storage account key and opens the \
            account's services; a SAS for a whole container or directory (`sr=c`, `sr=d`), or one that \
            allows more than reading (`sp` with `w`, `d`, `c`, `a`, `l`, …) opens more than this blob.

            Remove the query, connect the bucket through the hub's storage integration (which signs each \
            request itself), and treat the credential as leaked: revoke the session or the SAS (rotate the \
            account key or the user delegation key) if the manifest was shared or committed. The unsafe fix \
            removes the query. The message names the parameter, never its value, and the value is redacted \
            from every report and withheld from `--diff`. Such a URL is not also reported as presigned (U211).
            """,
        fix: .unsafe,
        triggering: [
            RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.eu-central-1.amazonaws.com/cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAEXAMPLE%2F20240501%2Feu-central-1%2Fs3%2Faws4_request&X-Amz-Date=20240501T120000Z&X-Amz-Expires=3600&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLE&X-Amz-SignedHeaders=host&X-Amz-Signature=0123456789abcdef"), note: "presigned with temporary credentials"),
            RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/cat.jpg?access_token=ya29.EXAMPLE")),
            RuleExample(.manifest, URLExamples.manifest("https://account.blob.core.windows.net/images/cat.jpg?sv=2022-11-02&ss=b&srt=sco&sp=rwdlac&se=2024-05-01T12%3A00%3A00Z&sig=abc%2Bdef%3D"), note: "an account SAS"),
        ],
        nonTriggering: [
            RuleExample(.manifest, URLExamples.manifest("https://account.blob.core.windows.net/images/cat.jpg?sv=2022-11-02&se=2024-05-01T12%3A00%3A00Z&sr=b&sp=r&sig=abc%2Bdef%3D"), note: "a read-only SAS for this blob is U211's"),
            RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.eu-central-1.amazonaws.com/cat.jpg")),
        ])

    public init() {}

    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        guard url.hasObjectPath, let query = url.ranges.query, let credential = url.queryCredential else { return }
        let whole = (query.lowerBound - 1)..<query.upperBound
        let parameter = (query.lowerBound + credential.parameter.lowerBound)..<(query.lowerBound + credential.parameter.upperBound)
        var related: [RelatedLocation] = []
        if let signature = url.signature, context.isActive(URLPresigned.metadata.id) {
            let expiry = signature.expiry.map { " that expires \($0)" } ?? ""
            related.append(RelatedLocation(
                message: "this is also \(signature.scheme.rawValue)\(expiry) (U211)", range: url.fileRange(whole, in: tree)))
        }
        report("the URL carries \(credential.kind.phrase)", url, parameter, in: tree, context: context, related: related,
               fix: Fix(.unsafe, "remove the query and let the storage integration sign requests", edits: [url.edit(whole, "", in: tree)]))
    }
}

extension AssetURL {
    /// The credential in the query, if it carries one (U218).
    var queryCredential: SignedURL.Credential? {
        guard let query = ranges.query, !query.isEmpty else { return nil }
        return SignedURL.credential(query: string(query))
    }
}
