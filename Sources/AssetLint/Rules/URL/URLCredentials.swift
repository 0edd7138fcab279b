/// U210: a user name or password in the URL.
public final class URLCredentials: URLRule {
    public static let metadata = RuleMetadata(
        id: "U210", name: "url-credentials", severity: .error, kinds: [.manifest],
        summary: "An asset URL carries a user name or password (`https://user:password@host/…`).",
        rationale: """
            Credentials in a URL do not work for assets: browsers refuse to send them for images and media \
            (Chrome blocks such subresource requests outright) and the storage services do not accept them. \
            They do leak: the manifest is copied, committed and uploaded with the password inside.

            Remove them (the unsafe fix does), rotate the password, and connect the bucket through the hub's \
            storage integration instead. The message never repeats the password.
            """,
        fix: .unsafe,
        triggering: [RuleExample(.manifest, URLExamples.manifest("https://admin:hunter2@my-bucket.s3.amazonaws.com/cat.jpg"))],
        nonTriggering: [RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/cat.jpg"))])

    public init() {}


    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        guard let parsed = url.url, parsed.includesCredentials, let host = url.ranges.host else { return }
        let start = url.ranges.username?.lowerBound ?? url.ranges.password.map { $0.lowerBound - 1 } ?? host.lowerBound
        let range = start..<host.lowerBound  // through the '@'
        let what = parsed.password.isEmpty ? "a user name" : parsed.username.isEmpty ? "a password" : "a user name and password"
        report("the URL carries \(what): browsers do not send credentials for images and media, and the manifest leaks them; remove them, rotate the password, and let the hub's storage integration authenticate",
               url, range, in: tree, context: context,
               fix: Fix(.unsafe, "remove the credentials", edits: [url.edit(range, "", in: tree)]))
    }
}
