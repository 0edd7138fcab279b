/// U213: the URL points outside the configured buckets, or the manifest mixes buckets.
public final class URLBucketMismatch: URLRule, ItemFactsObserver {
    public static let metadata = RuleMetadata(
        id: "U213", name: "url-bucket-mismatch", severity: .error, kinds: [.manifest],
        summary: "An asset URL points into a bucket that `storage.buckets` does not list; without configured buckets, a manifest mixes buckets or providers (one warning, at the first URL of the second bucket).",
        rationale: """
            A hub project reads assets through a storage integration connected to specific buckets. A URL \
            into any other bucket is not signed and fails to load, typically because a manifest was \
            assembled from an old export, a staging bucket or a colleague's copy.

            With `storage.buckets` configured, every URL outside those buckets is an error. An entry is a \
            bucket name, `gs://NAME` or `s3://NAME` to also fix the provider, and for Azure `ACCOUNT/CONTAINER` \
            or just `ACCOUNT`.

            Without configured buckets, the first bucket the manifest uses is taken as the intended one and \
            the first URL pointing anywhere else gets one warning (not one per item), with the first URL of \
            the first bucket as related location. If mixing is intended, list the buckets in \
            `storage.buckets`. URLs that are not storage object URLs are U212's.
            """,
        triggering: [
            RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/staging-bucket/cat.jpg"),
                        config: "storage:\n  buckets: [my-bucket]"),
            RuleExample(.manifest, URLExamples.manifest(
                "https://storage.googleapis.com/my-bucket/cat.jpg", "https://my-other-bucket.s3.amazonaws.com/dog.jpg"),
                note: "no buckets configured: a warning"),
        ],
        nonTriggering: [
            RuleExample(.manifest, URLExamples.manifest(
                "https://storage.googleapis.com/my-bucket/cat.jpg", "https://my-bucket.storage.googleapis.com/dog.jpg",
                "gs://my-bucket/bird.jpg")),
        ])

    public init() {}

    /// U213 reports per URL of the item (clean ones included), from the analysis' bucket findings.
    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {}

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        let analysis = AssetURLAnalysis.of(context)
        for entry in analysis.urls(of: item, at: index, in: tree, context: context) {
            guard let finding = entry.bucket else { continue }
            let url = entry.url
            let candidate = MixedBucketCandidate(
                provider: finding.provider, bucket: finding.bucket, range: url.fileRange(url.bucketRange ?? url.trimmed, in: tree),
                pointer: tree.pointer(url.node))
            switch finding.kind {
            case .notConfigured(let buckets):
                let what = "\(finding.provider.displayName) bucket \"\(finding.bucket)\""
                let list = buckets.map { "\"\($0)\"" }.joined(separator: ", ")
                context.report(Self.self,
                               "this URL points into \(what), which storage.buckets does not list (\(list)): the hub's storage integration reads only the configured buckets; fix the URL or add the bucket to .assetlint.yml",
                               at: candidate.range, pointer: candidate.pointer)
            case .mixed where !analysis.buckets.reportsMixedNow, .opensPart:
                analysis.buckets.record(candidate, for: finding.kind)
            case .mixed:
                reportMixed(candidate, first: finding.kind, context: context)
            }
        }
    }

    /// A later part of a split file found the file's "mixed" finding (see `BucketTracker.absorb`).
    public func finish(context: LintContext) {
        guard let analysis = context.existingFileState(AssetURLAnalysis.self), let (candidate, first) = analysis.buckets.mergedFinding else { return }
        reportMixed(candidate, first: first, context: context)
    }

    private func reportMixed(_ candidate: MixedBucketCandidate, first: BucketFinding.Kind, context: LintContext) {
        guard case .mixed(let firstProvider, let firstBucket, let firstURL) = first else { return }
        let what = "\(candidate.provider.displayName) bucket \"\(candidate.bucket)\""
        let first = "\(firstProvider.displayName) bucket \"\(firstBucket)\""
        context.report(Self.self,
                       "this manifest mixes buckets: earlier URLs point into \(first), this one into \(what); a hub project's storage integration usually reads one bucket, so one of them is likely a mistake (reported once per file; list intended buckets in storage.buckets)",
                       at: candidate.range, pointer: candidate.pointer,
                       related: [RelatedLocation(message: "first URL into \(first)", range: firstURL)], atMost: .warning)
    }
}

extension URLBucketMismatch {
    func recorder(in context: LintContext) -> any FactsRecorder { AssetURLAnalysis.of(context) }
}

/// For an item the U rules are not called on, `data` is a clean URL (or absent): U213's bucket
/// tracking records its bucket from the facts, or asks for the item when that bucket gives a
/// finding.
extension AssetURLAnalysis: FactsRecorder {
    var observes: ItemFacts.Parts { .cleanDataURL }

    func mustCheck(_ facts: ItemFacts) -> Bool {
        guard let url = facts.cleanDataURL else { return false }
        return buckets.wouldReport(provider: url.provider, bucket: url.bucket)
    }

    func record(_ facts: ItemFacts) {
        guard let url = facts.cleanDataURL else { return }
        _ = buckets.check(provider: url.provider, bucket: url.bucket, url: url.literal)
    }
}

extension AssetURL {
    /// Where the bucket is written (text offsets): the host's bucket labels, the first path segment,
    /// the URI's host; for Azure the account and container.
    var bucketRange: Range<Int>? {
        guard let location, let host = ranges.host else { return nil }
        switch location.style {
        case .virtualHosted, .gcsVirtualHosted:
            let bucketLength = location.bucket.utf8.count
            return host.count >= bucketLength ? host.lowerBound..<(host.lowerBound + bucketLength) : host
        case .gsURI, .s3URI:
            return host
        case .pathStyle, .gcsPath, .gcsAuthenticatedBrowser, .azureBlob:
            guard let path = pathRange, !path.isEmpty else { return host }
            var end = path.lowerBound + 1
            while end < path.upperBound, text[end] != URLByte.slash, text[end] != URLByte.backslash { end += 1 }
            let segment = min(path.lowerBound + 1, end)..<end
            if location.style == .azureBlob { return host.lowerBound..<segment.upperBound }
            return segment.isEmpty ? host : segment
        }
    }
}
