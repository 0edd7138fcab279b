/// U212: the URL does not point at an object of the configured storage provider.
public final class URLStorageProvider: URLRule {
    public static let metadata = RuleMetadata(
        id: "U212", name: "url-storage-provider", severity: .error, kinds: [.manifest],
        summary: "An asset URL is not an object URL of GCS, S3 or Azure Blob Storage where the configuration says the assets live in storage (`storage.provider` or `storage.buckets`), or it is a storage URL no browser loads an object from (`storage.cloud.google.com`, a bucket without an object).",
        rationale: """
            The hub imports public URLs on any host (its own example lists `https://i.imgur.com/…` \
            images), and private assets through a storage integration that signs requests for objects in \
            a GCS, S3 or Azure bucket. So without storage settings, an https URL on any host is an asset; \
            once `.assetlint.yml` sets `storage.provider` (even `any`) or `storage.buckets`, every asset URL \
            must be an object URL of that storage: `storage.googleapis.com/BUCKET/…` or \
            `BUCKET.storage.googleapis.com/…`; S3 virtual-hosted, path-style, regional, dual-stack and \
            accelerated endpoints; `ACCOUNT.blob.core.windows.net/CONTAINER/…`. A CDN, website endpoint, \
            IP address or any other host is then reported, and so are URLs of the other providers when \
            `storage.provider` names one.

            Whatever the configuration, storage URLs that load nothing are reported: \
            `storage.cloud.google.com` is the console's download endpoint, which redirects to a Google login \
            and sends no CORS headers (the safe fix switches to `storage.googleapis.com`, which has the same \
            `/BUCKET/OBJECT` path); a URL naming a bucket but no object; the Cloud Storage JSON API; an S3 \
            static-website endpoint over https, which serves http only. URLs with a scheme other than \
            http(s), `gs:` and `s3:` are U202's only.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.manifest, URLExamples.manifest("https://storage.cloud.google.com/my-bucket/cat.jpg")),
            RuleExample(.manifest, URLExamples.manifest("https://d111111abcdef8.cloudfront.net/cat.jpg"),
                        config: "storage:\n  provider: s3", note: "a CDN where the assets live in S3"),
            RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/"), note: "a bucket, no object"),
            RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/cat.jpg"),
                        config: "storage:\n  provider: gcs", note: "an S3 URL where GCS is configured"),
        ],
        nonTriggering: [
            RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/cat.jpg")),
            RuleExample(.manifest, URLExamples.manifest("https://i.imgur.com/CzXTtJV.jpg"), note: "a public URL, no storage configured"),
            RuleExample(.manifest, URLExamples.manifest("https://account.blob.core.windows.net/images/cat.jpg"),
                        config: "storage:\n  provider: azure"),
        ])

    public init() {}


    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        guard url.hasObjectPath, let parsed = url.url else { return }
        let host = url.ranges.host.flatMap { $0.isEmpty ? nil : $0 } ?? url.trimmed
        guard let location = url.location else {
            // A public URL on any host is an asset the hub loads as it is, unless the
            // configuration says the assets live in storage.
            if context.configuration.storage.isConfigured || Self.neverLoads(parsed) {
                report(Self.notStorage(parsed), url, host, in: tree, context: context)
            }
            return
        }
        if location.style == .gcsAuthenticatedBrowser {
            let fix = url.scheme.isWeb
                ? Fix(.safe, "use storage.googleapis.com", edits: [url.edit(host, "storage.googleapis.com", in: tree)]) : nil
            report("storage.cloud.google.com is the Cloud Console's download endpoint: it redirects to a Google login and sends no CORS headers, so the labeling tool cannot load from it; use https://storage.googleapis.com/\(location.bucket)/… (same path)",
                   url, host, in: tree, context: context, fix: fix)
            return
        }
        let configured = context.configuration.storage.provider.required
        if let configured, configured != location.provider {
            report("this URL points into \(location.provider.displayName) (bucket \"\(location.bucket)\"), but storage.provider is \(configured.rawValue): the hub's \(configured.displayName) integration cannot read it",
                   url, host, in: tree, context: context)
            return
        }
        if location.provider == .gcs, location.style == .gcsPath, ["storage", "download"].contains(location.bucket),
           location.rawKey.hasPrefix("v1/b/") {
            report("this is a Cloud Storage JSON API URL, not an object URL: the storage integration signs https://storage.googleapis.com/BUCKET/OBJECT URLs; write the object's URL in that form",
                   url, url.pathRange ?? host, in: tree, context: context)
            return
        }
        if location.rawKey.isEmpty {
            report("this URL names \(location.provider.displayName) bucket \"\(location.bucket)\" but no object: there is nothing to load; add the object's key to the path",
                   url, url.pathRange.flatMap { $0.isEmpty ? nil : $0 } ?? host, in: tree, context: context)
        }
    }

    /// Whether no request to this https URL loads a file, storage configured or not: it has no
    /// host, or it is an S3 static-website endpoint, which serves http only.
    static func neverLoads(_ url: WebURL) -> Bool {
        switch url.host {
        case .empty?, nil: return true
        default: return url.scheme == "https" && isS3Website(url.hostname)
        }
    }

    static func isS3Website(_ host: String) -> Bool { host.contains(".s3-website") || host.contains("s3-website-") }

    static func notStorage(_ url: WebURL) -> String {
        let host = url.hostname
        let tail = "; the hub's storage integration signs only object URLs of GCS (storage.googleapis.com), S3 (BUCKET.s3.REGION.amazonaws.com) and Azure (ACCOUNT.blob.core.windows.net)"
        switch url.host {
        case .ipv4?, .ipv6?:
            return "\(host) is an IP address, not a storage endpoint" + tail
        case .empty?, nil:
            return "the URL has no host" + tail
        default:
            break
        }
        if isS3Website(host) {
            return "\(host) is an S3 static-website endpoint: it serves http only and no signed requests; use the REST endpoint https://BUCKET.s3.REGION.amazonaws.com/KEY"
        }
        if host.hasSuffix("amazonaws.com") || host.hasSuffix("amazonaws.com.cn") {
            return "\(host) is an AWS host, but this URL names no S3 bucket and object (S3 URLs are https://BUCKET.s3.REGION.amazonaws.com/KEY or https://s3.REGION.amazonaws.com/BUCKET/KEY)"
        }
        if host.hasSuffix(".cloudfront.net") {
            return "\(host) is a CloudFront distribution, not the bucket" + tail
        }
        if host.hasSuffix(".core.windows.net") {
            return "\(host) is an Azure endpoint, but not Blob storage (ACCOUNT.blob.core.windows.net/CONTAINER/BLOB)" + tail
        }
        if host.hasSuffix("googleusercontent.com") || host == "drive.google.com" || host.hasSuffix("dropbox.com") {
            return "\(host) is a file-sharing link, not a bucket object" + tail
        }
        return "\(host) is not a cloud storage endpoint" + tail
    }
}
