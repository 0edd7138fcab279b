import Dispatch
import Synchronization

/// What reading the listings gave: the inventory, and the problems to report.
public struct InventoryLoad: Sendable {
    public var inventory: Inventory
    /// Bad lines (warnings; the rest of the listing counts) and listings that could not be used
    /// (errors), in the order the listings were given.
    public var problems: [ListingProblem]
    /// Each listing read: its path, format and number of objects.
    public var listings: [ListingSummary]

    /// Whether a listing could not be used at all (exit status 2).
    public var hasErrors: Bool { problems.contains { $0.severity == .error } }
}

public struct ListingSummary: Sendable, Equatable {
    public var path: String
    public var format: String
    public var objects: Int
}

/// Reads listings (`--inventory`, `inventory:`), each in the format its content shows, gzipped
/// or not, into one inventory. A bad line is a warning and reading goes on; a listing that cannot
/// be read or used is an error, and the others are still read.
public enum InventoryLoader {
    /// Reads the listings on all cores, each into a builder of its own, and merges what they
    /// read in the order they were given (so keys, problems and summaries come out as one reading
    /// after the other would give them).
    public static func load(_ sources: [InventorySource]) -> InventoryLoad {
        let reads = Mutex([Listing?](repeating: nil, count: sources.count))
        DispatchQueue.concurrentPerform(iterations: sources.count) { position in
            let listing = read(sources[position])
            reads.withLock { $0[position] = listing }
        }
        var builder = InventoryBuilder()
        var listings: [ListingSummary] = []
        for listing in reads.withLock({ $0 }) {
            guard let listing else { continue }
            builder.merge(listing.builder)
            if let summary = listing.summary { listings.append(summary) }
        }
        return InventoryLoad(inventory: builder.build(), problems: builder.problems, listings: listings)
    }

    /// What one listing gave.
    private struct Listing: Sendable {
        var builder: InventoryBuilder
        var summary: ListingSummary?
    }

    private static func read(_ source: InventorySource) -> Listing {
        var builder = InventoryBuilder()
        builder.begin(listing: source.path)
        let format = read(source, into: &builder)
        let objects = builder.end()
        return Listing(builder: builder, summary: format.map { ListingSummary(path: source.path, format: $0.title, objects: objects) })
    }

    /// Reads one listing; returns its format, or nil when it could not be read.
    private static func read(_ source: InventorySource, into builder: inout InventoryBuilder) -> ListingFormat? {
        let file: SourceFile
        switch FileLoader.load(path: source.path) {
        case .success(let loaded): file = loaded
        case .failure(let error):
            builder.fail(error.reason)
            return nil
        }
        return file.bytes.count >= 2 && GzipInflater.isGzip(file.bytes)
            ? readGzipped(file, source: source, into: &builder)
            : readText(file, source: source, into: &builder)
    }

    private static func readText(_ file: SourceFile, source: InventorySource, into builder: inout InventoryBuilder) -> ListingFormat? {
        let text = UnsafeBufferPointer(rebasing: withoutByteOrderMark(file.bytes))
        guard let (format, reader) = decide(text, source: source, into: &builder) else { return nil }
        guard var reader else { return readWhole(file, format: format, source: source, into: &builder) ? format : nil }
        // In steps, the pages read dropped behind: a listing of millions of keys is mapped, and its
        // text need not stay resident once its keys are in the store.
        var feed = LineFeed()
        let step = ByteStorage.releaseStep
        var start = 0
        while start < text.count {
            let end = min(text.count, start + step)
            feed.feed(UnsafeBufferPointer(rebasing: text[start..<end])) { line, number in reader.read(line, number: number, into: &builder) }
            file.storage.dropPages(in: start..<end)
            start = end
        }
        feed.finish { line, number in reader.read(line, number: number, into: &builder) }
        return format
    }

    /// Inflates a gzipped listing in pieces; a line format is read as it inflates, a JSON one
    /// once whole.
    private static func readGzipped(_ file: SourceFile, source: InventorySource, into builder: inout InventoryBuilder) -> ListingFormat? {
        var format: ListingFormat?
        var reader: (any ListingLineReader)?
        var whole: [UInt8]?
        var feed = LineFeed()
        var failed = false
        do {
            let inflater = try GzipInflater()
            try inflater.inflate(file.bytes) { chunk in
                guard !failed else { return }
                var body = chunk
                if format == nil {
                    body = UnsafeBufferPointer(rebasing: withoutByteOrderMark(chunk))
                    guard let decided = decide(body, source: source, into: &builder) else {
                        failed = true
                        return
                    }
                    format = decided.format
                    reader = decided.reader
                    if reader == nil { whole = [] }
                }
                if whole != nil {
                    whole!.append(contentsOf: body)
                } else {
                    feed.feed(body) { line, number in reader!.read(line, number: number, into: &builder) }
                }
            }
        } catch {
            builder.fail("\(error)")
            return nil
        }
        if failed { return nil }
        guard let format else {
            builder.fail("the gzip file holds nothing: it names no object")
            return nil
        }
        if let whole {
            let inflated = SourceFile(path: file.path, bytes: whole)
            return readWhole(inflated, format: format, source: source, into: &builder) ? format : nil
        }
        feed.finish { line, number in reader!.read(line, number: number, into: &builder) }
        return format
    }

    /// The format of a listing starting with `head`, and its line reader (nil for a whole-file
    /// format); nil, reported, when it is no listing or needs a bucket that was not given.
    private static func decide(
        _ head: UnsafeBufferPointer<UInt8>, source: InventorySource, into builder: inout InventoryBuilder
    ) -> (format: ListingFormat, reader: (any ListingLineReader)?)? {
        let format: ListingFormat
        switch ListingFormat.detect(UnsafeBufferPointer(rebasing: head.prefix(64 << 10))) {
        case .success(let detected): format = detected
        case .failure(let unreadable):
            builder.fail(unreadable.message)
            return nil
        }
        if format.needsBucket, source.bucket == nil {
            builder.fail(missingBucket(format))
            return nil
        }
        return (format, lineReader(format, source: source))
    }

    /// The line reader for `format`, or nil for a whole-file format (JSON).
    private static func lineReader(_ format: ListingFormat, source: InventorySource) -> (any ListingLineReader)? {
        switch format {
        case .cloudURLs: return CloudURLListingReader()
        case .awsList: return AWSListingReader(bucket: source.bucket!)
        case .s3InventoryCSV: return S3InventoryCSVReader(columns: columns(near: source.path))
        case .azureTSV(let nameColumn, let columns): return AzureTSVReader(bucket: source.bucket!, nameColumn: nameColumn, columns: columns)
        case .keyList: return KeyListReader(bucket: source.bucket!)
        case .s3InventoryManifest, .azureJSON: return nil
        }
    }

    private static func missingBucket(_ format: ListingFormat) -> String {
        let example: String
        switch format {
        case .azureJSON, .azureTSV: example = "https://ACCOUNT.blob.core.windows.net/CONTAINER=FILE"
        case .awsList: example = "s3://BUCKET=FILE"
        default: example = "s3://BUCKET=FILE (or gs://BUCKET=FILE)"
        }
        return "this \(format.title) does not say which bucket it lists: give it as --inventory \(example)"
    }

    /// Reads a format that needs the whole file (JSON); false when the listing could not be used.
    private static func readWhole(
        _ file: SourceFile, format: ListingFormat, source: InventorySource, into builder: inout InventoryBuilder
    ) -> Bool {
        switch format {
        case .azureJSON:
            guard let bucket = source.bucket else { return false }
            AzureJSONReader.read(file, bucket: bucket, into: &builder)
            return true
        case .s3InventoryManifest:
            return readManifest(file, source: source, into: &builder)
        default:
            return false
        }
    }

    /// An S3 Inventory manifest: each data file it names, read as CSV with its schema.
    private static func readManifest(_ file: SourceFile, source: InventorySource, into builder: inout InventoryBuilder) -> Bool {
        let manifest: S3InventoryManifest
        switch S3InventoryManifest.read(file) {
        case .success(let read): manifest = read
        case .failure(let failure):
            builder.fail(line: failure.line, failure.message)
            return false
        }
        if let bucket = source.bucket, bucket != BucketName(provider: .s3, name: manifest.sourceBucket) {
            builder.warn(line: 1, "this report lists s3://\(manifest.sourceBucket), not \(bucket) as given with --inventory")
        }
        let manifestPath = builder.path
        for (key, line) in manifest.files {
            guard let path = S3InventoryManifest.locate(key, manifest: source.path) else {
                builder.fail(line: line, "data file \(key.split(separator: "/").last ?? Substring(key)) not found beside the manifest or in data/: download the report's data files with it")
                continue
            }
            let dataSource = InventorySource(path: path, bucket: nil)
            let loaded: SourceFile
            switch FileLoader.load(path: path) {
            case .success(let data): loaded = data
            case .failure(let error):
                builder.fail(line: line, error.description)
                continue
            }
            builder.begin(listing: path)
            let reader = S3InventoryCSVReader(columns: manifest.columns)
            readCSV(loaded, reader: reader, source: dataSource, into: &builder)
            builder.end()
            builder.begin(listing: manifestPath)
        }
        return true
    }

    /// A data file of a report whose schema is known.
    private static func readCSV(_ file: SourceFile, reader: S3InventoryCSVReader, source: InventorySource, into builder: inout InventoryBuilder) {
        var reader = reader
        var feed = LineFeed()
        if GzipInflater.isGzip(file.bytes) {
            do {
                let inflater = try GzipInflater()
                try inflater.inflate(file.bytes) { chunk in
                    feed.feed(chunk) { line, number in reader.read(line, number: number, into: &builder) }
                }
            } catch {
                builder.fail("\(error)")
            }
        } else {
            feed.feed(file.bytes) { line, number in reader.read(line, number: number, into: &builder) }
        }
        feed.finish { line, number in reader.read(line, number: number, into: &builder) }
    }

    /// The columns of an S3 Inventory data file from a `manifest.json` beside it or one folder up
    /// (`…/data/x.csv.gz` beside `…/2024-01-01T00-00Z/manifest.json` is two levels apart, so the
    /// data file is usually read through its manifest instead).
    private static func columns(near path: String) -> S3InventoryCSVReader.Columns? {
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        for candidate in ["\(folder)/manifest.json", "\(folder)/../manifest.json"] {
            // Often the asset manifest of the same name (an array, and large): looked at, not parsed.
            guard case .success(let file) = FileLoader.load(path: candidate), S3InventoryManifest.mayBe(file),
                  case .success(let manifest) = S3InventoryManifest.read(file) else { continue }
            let name = path.split(separator: "/").last.map(String.init) ?? path
            if manifest.files.contains(where: { $0.key.hasSuffix("/" + name) || $0.key == name }) { return manifest.columns }
        }
        return nil
    }

    private static func withoutByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? bytes[3...] : bytes[...]
    }
}
