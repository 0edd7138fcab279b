/// U202: the scheme is not https.
public final class URLScheme: URLRule {
    public static let metadata = RuleMetadata(
        id: "U202", name: "url-scheme", severity: .error, kinds: [.manifest],
        summary: "An asset URL does not use `https://`: `gs://` and `s3://` URIs (errors, with a fix to the https form), `http://` (a warning) and any other scheme (an error).",
        rationale: """
            The hub's pages are served over https and load assets in the labeler's browser. Browsers cannot \
            load `gs://` or `s3://` URIs at all (they are names for the command-line tools), block or \
            upgrade `http://` images on an https page as mixed content, and have no business with `ftp:`, \
            `file:` (a file on one computer), `data:` (the whole image inside the manifest) or `blob:` (a \
            URL that exists only inside the page that made it).

            - `gs://BUCKET/OBJECT` → `https://storage.googleapis.com/BUCKET/OBJECT`: a safe fix. The URI \
              names the object literally, so a `+`, `?` or `#` in it is encoded (`%2B`, `%3F`, `%23`) on the \
              way: in an https URL they would mean something else.
            - `s3://BUCKET/KEY` → `https://BUCKET.s3.amazonaws.com/KEY` (path style for bucket names that are \
              not valid host labels): an unsafe fix, because the bucket's region is unknown; S3's global \
              endpoint redirects other regions, which browsers do not follow for images. Prefer \
              `https://BUCKET.s3.REGION.amazonaws.com/KEY`.
            - `http://` → `https://`: a warning with an unsafe fix (a bucket name with dots does not match \
              the https certificate of virtual-hosted S3 URLs).

            U204, U214 and U215 leave `gs://` and `s3://` URIs to this rule, whose fix encodes the characters \
            they would report. U212 does not report hosts of URLs with other schemes.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.manifest, URLExamples.manifest("gs://my-bucket/cats/cat 1.jpg")),
            RuleExample(.manifest, URLExamples.manifest("s3://my-bucket/cats/cat.jpg")),
            RuleExample(.manifest, URLExamples.manifest("http://my-bucket.s3.eu-central-1.amazonaws.com/cat.jpg"), note: "a warning"),
            RuleExample(.manifest, URLExamples.manifest("file:///Users/me/Pictures/cat.jpg")),
        ],
        nonTriggering: [
            RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/cats/cat.jpg")),
        ])

    public init() {}


    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        guard let parsed = url.url, let schemeRange = url.ranges.scheme, !url.isWindowsPath else { return }
        switch url.scheme {
        case .https, .none:
            return
        case .http:
            let fix = Fix(.unsafe, "use https://", edits: [url.edit(schemeRange, "https", in: tree)])
            report("http:// on an https page is mixed content: browsers block or upgrade the request, so the hub cannot rely on it; use https://",
                   url, schemeRange, in: tree, context: context, fix: fix, atMost: .warning)
        case .gs, .s3:
            reportStorageURI(url, parsed, schemeRange, in: tree, context: context)
        case .other(let name):
            report(Self.explanation(forScheme: name), url, schemeRange, in: tree, context: context)
        }
    }

    private func reportStorageURI(_ url: AssetURL, _ parsed: WebURL, _ schemeRange: Range<Int>, in tree: JSONTree, context: LintContext) {
        let isGCS = url.scheme == .gs
        let tool = isGCS ? "gsutil and gcloud storage" : "the AWS CLI"
        guard let location = url.location, let host = url.ranges.host, !parsed.includesCredentials, !parsed.hasOpaquePath else {
            report("\(parsed.scheme):// URIs are names for \(tool), not URLs a browser can load; write the object's https:// URL",
                   url, schemeRange, in: tree, context: context)
            return
        }
        var edits: [TextEdit] = []
        let httpsForm: String
        let bucket = location.bucket
        if isGCS {
            edits.append(url.edit(url.trimmed.lowerBound..<host.lowerBound, "https://storage.googleapis.com/", in: tree))
            httpsForm = "https://storage.googleapis.com/\(bucket)/…"
        } else if StorageHosts.isVirtualHostableBucket(bucket) {
            edits.append(url.edit(url.trimmed.lowerBound..<host.upperBound, "https://\(bucket).s3.amazonaws.com", in: tree))
            httpsForm = "https://\(bucket).s3.amazonaws.com/…"
        } else {
            edits.append(url.edit(url.trimmed.lowerBound..<host.lowerBound, "https://s3.amazonaws.com/", in: tree))
            httpsForm = "https://s3.amazonaws.com/\(bucket)/…"
        }
        // The URI names the object literally: what an https URL would read otherwise is encoded.
        var encoded: Set<String> = []
        for offset in host.upperBound..<url.trimmed.upperBound {
            let byte = url.text[offset]
            guard byte == URLByte.plus || byte == URLByte.question || byte == URLByte.hash else { continue }
            edits.append(url.edit(offset..<(offset + 1), URLText.percentEncoded(byte), in: tree))
            encoded.insert("'\(Character(Unicode.Scalar(byte)))' as \(URLText.percentEncoded(byte))")
        }
        let encodedNote = encoded.isEmpty ? "" : " (encoding \(encoded.sorted().joined(separator: ", ")), which an https URL would misread)"
        if isGCS {
            report("gs:// URIs are names for \(tool), not URLs a browser can load; the same object is \(httpsForm)\(encodedNote)",
                   url, schemeRange, in: tree, context: context,
                   fix: Fix(.safe, "use the https://storage.googleapis.com/ form", edits: edits))
        } else {
            report("s3:// URIs are names for \(tool), not URLs a browser can load; the object is \(httpsForm)\(encodedNote), best with the bucket's region (https://\(bucket).s3.REGION.amazonaws.com/…), which the URI does not say",
                   url, schemeRange, in: tree, context: context,
                   fix: Fix(.unsafe, "use the https:// form (global endpoint; the region is unknown)", edits: edits))
        }
    }

    static func explanation(forScheme name: String) -> String {
        switch name {
        case "file":
            return "file: URLs name a file on one computer; the hub loads assets in each labeler's browser, which cannot read it; upload the file to the bucket and write its https:// URL"
        case "data":
            return "a data: URL puts the whole asset inside the manifest; the hub expects a link to the object in the bucket; upload it and write its https:// URL"
        case "blob":
            return "a blob: URL exists only inside the browser page that created it; upload the asset and write its https:// URL"
        case "ftp":
            return "browsers no longer load ftp:// URLs; serve the asset from the bucket over https://"
        case "ws", "wss":
            return "\(name): is a WebSocket URL, not something a browser loads an image or video from; use the object's https:// URL"
        default:
            return "the scheme \"\(name):\" is not https: the hub loads assets over https:// only; write the object's https:// URL"
        }
    }
}
