/// U213's finding on one URL.
struct BucketFinding {
    enum Kind {
        /// `storage.buckets` is configured and does not hold this bucket.
        case notConfigured([String])
        /// No buckets are configured and this is the first URL of a second bucket in the file.
        case mixed(firstProvider: StorageProvider, firstBucket: String, firstURL: ByteRange)
        /// No buckets are configured and this is the first URL of a later part of a split file: it
        /// is the finding if the earlier parts used another bucket (see `BucketTracker.absorb`).
        case opensPart
    }

    var provider: StorageProvider
    var bucket: String
    var kind: Kind
}

/// A URL that may turn out to be U213's one "mixed buckets" finding once the parts of a split file
/// are merged: what it points into, and where to report it.
struct MixedBucketCandidate {
    var provider: StorageProvider
    var bucket: String
    var range: ByteRange
    var pointer: String
}

/// U213's per-file state: the configured buckets, or the first bucket seen.
final class BucketTracker {
    private struct Pattern {
        var provider: StorageProvider?
        var name: [UInt8]
    }

    private let configured: [Pattern]
    private let configuredNames: [String]
    @exclusivity(unchecked) private var first: (provider: StorageProvider, bucket: [UInt8], url: ByteRange)?
    @exclusivity(unchecked) private var warned = false
    /// The last bucket found among the configured ones.
    @exclusivity(unchecked) private var lastAccepted: (provider: StorageProvider, bucket: [UInt8])?
    /// In a later part of a split file, the "mixed" finding depends on the earlier parts: the part's
    /// first URL and its own first URL into another bucket are kept (`record`) for `absorb`.
    private let isLaterPart: Bool
    private var opening: MixedBucketCandidate?
    private var mixed: MixedBucketCandidate?
    /// The file's "mixed" finding when the merge found it in a later part, with the first URL it
    /// is compared with; U213 reports it when the file is done.
    private(set) var mergedFinding: (candidate: MixedBucketCandidate, first: BucketFinding.Kind)?

    init(configured names: [String], isLaterPart: Bool = false) {
        self.isLaterPart = isLaterPart
        configuredNames = names
        configured = names.map { name in
            var text = Substring(name)
            var provider: StorageProvider?
            if text.hasPrefix("gs://") { provider = .gcs; text = text.dropFirst(5) }
            else if text.hasPrefix("s3://") { provider = .s3; text = text.dropFirst(5) }
            while text.hasSuffix("/") { text = text.dropLast() }
            return Pattern(provider: provider, name: Array(text.utf8))
        }
    }

    /// What `check` makes of a URL into `bucket`, decided without recording anything.
    private enum Verdict {
        case quiet, notConfigured, opensFile, opensPart, mixed
    }

    private func verdict(provider: StorageProvider, bucket: UnsafeBufferPointer<UInt8>) -> Verdict {
        if !configured.isEmpty { return isConfigured(provider: provider, bucket: bucket) ? .quiet : .notConfigured }
        if warned { return .quiet }
        guard let first else { return isLaterPart ? .opensPart : .opensFile }
        return first.provider == provider && Bytes.equal(first.bucket, bucket) ? .quiet : .mixed
    }

    func check(provider: StorageProvider, bucket: UnsafeBufferPointer<UInt8>, url: ByteRange) -> BucketFinding? {
        let name = { String(decoding: bucket, as: UTF8.self) }
        switch verdict(provider: provider, bucket: bucket) {
        case .quiet:
            return nil
        case .notConfigured:
            return BucketFinding(provider: provider, bucket: name(), kind: .notConfigured(configuredNames))
        case .opensFile:
            first = (provider, Array(bucket), url)
            return nil
        case .opensPart:
            first = (provider, Array(bucket), url)
            return BucketFinding(provider: provider, bucket: name(), kind: .opensPart)
        case .mixed:
            guard let first else { return nil }
            warned = true
            return BucketFinding(
                provider: provider, bucket: name(),
                kind: .mixed(firstProvider: first.provider, firstBucket: String(decoding: first.bucket, as: UTF8.self), firstURL: first.url))
        }
    }

    /// Whether `check` would return a finding for this URL, without recording anything.
    func wouldReport(provider: StorageProvider, bucket: UnsafeBufferPointer<UInt8>) -> Bool {
        switch verdict(provider: provider, bucket: bucket) {
        case .quiet, .opensFile: false
        case .notConfigured, .opensPart, .mixed: true
        }
    }

    /// Whether `bucket` is one of `storage.buckets`; the last one found is remembered.
    private func isConfigured(provider: StorageProvider, bucket: UnsafeBufferPointer<UInt8>) -> Bool {
        if let lastAccepted, lastAccepted.provider == provider, Bytes.equal(lastAccepted.bucket, bucket) { return true }
        for pattern in configured where pattern.provider == nil || pattern.provider == provider {
            if Bytes.equal(pattern.name, bucket) || (provider == .azure && Self.isAccount(pattern.name, of: bucket)) {
                lastAccepted = (provider, Array(bucket))
                return true
            }
        }
        return false
    }

    /// Whether U213 reports a "mixed" finding now (false in a later part: it is recorded instead).
    var reportsMixedNow: Bool { !isLaterPart }

    /// Keeps a later part's candidate for the merge: its first URL (`.opensPart`) or its first URL
    /// into another bucket than that (`.mixed`).
    func record(_ candidate: MixedBucketCandidate, for kind: BucketFinding.Kind) {
        switch kind {
        case .opensPart: opening = candidate
        case .mixed: mixed = candidate
        case .notConfigured: break
        }
    }

    /// Folds in the part that follows: the file's finding is the first URL, in file order, into
    /// another bucket than the file's first URL.
    func absorb(_ later: BucketTracker) {
        guard configured.isEmpty, !warned else { return }
        guard let first else {
            first = later.first
            if let mixed = later.mixed, let laterFirst = later.first {
                mergedFinding = (mixed, Self.firstKind(laterFirst))
                warned = true
            }
            return
        }
        guard let laterFirst = later.first else { return }
        if laterFirst.provider != first.provider || laterFirst.bucket != first.bucket {
            guard let opening = later.opening else { return }
            mergedFinding = (opening, Self.firstKind(first))
            warned = true
        } else if let mixed = later.mixed {
            mergedFinding = (mixed, Self.firstKind(first))
            warned = true
        }
    }

    private static func firstKind(_ first: (provider: StorageProvider, bucket: [UInt8], url: ByteRange)) -> BucketFinding.Kind {
        .mixed(firstProvider: first.provider, firstBucket: String(decoding: first.bucket, as: UTF8.self), firstURL: first.url)
    }

    /// An Azure entry naming only the storage account matches all its containers.
    private static func isAccount(_ account: [UInt8], of identity: UnsafeBufferPointer<UInt8>) -> Bool {
        identity.count > account.count && identity[account.count] == URLByte.slash
            && identity[0..<account.count].elementsEqual(account)
    }
}
