/// `gsutil ls -r` and `gcloud storage ls -r` output: one object URL a line (`gs://BUCKET/NAME`,
/// also `s3://` for the S3 buckets both tools can list), the object name printed raw, as stored.
///
/// What else such output holds, all of it skipped: a recursive listing of a bucket or folder
/// prints a header `gs://BUCKET/FOLDER/:` before each folder's objects and a blank line after;
/// `-l` puts the size and the creation time before the URL (`   2276224  2020-03-02T19:25:17Z
/// gs://…`) and ends with `TOTAL: N objects, M bytes (…)`; `-a` appends the generation
/// (`#1583177117212837`) and, with `-l`, `  metageneration=1`. A name ending in `/` is an object
/// too (a folder placeholder).
struct CloudURLListingReader: ListingLineReader {
    mutating func read(_ line: UnsafeBufferPointer<UInt8>, number: Int, into inventory: inout InventoryBuilder) {
        if line.isEmpty || ListingBytes.hasPrefix(line, "TOTAL: ") { return }
        guard let start = Self.urlStart(line) else {
            inventory.warn(line: number, "not an object URL (gs://BUCKET/NAME), nor a gsutil or gcloud size and date before one: '\(ListingBytes.text(line))'")
            return
        }
        var end = line.count
        let isLong = start > 0
        if isLong, let suffix = Self.metagenerationStart(line, from: start) { end = suffix }
        let url = UnsafeBufferPointer(rebasing: line[start..<end])
        let provider: StorageProvider = url[0] == UInt8(ascii: "g") ? .gcs : .s3
        let rest = UnsafeBufferPointer(rebasing: url[5...])
        guard let slash = rest.firstIndex(of: URLByte.slash) else {
            // `gs://BUCKET:` (a header) or a bare bucket.
            return
        }
        let bucket = UnsafeBufferPointer(rebasing: rest[..<slash])
        var key = UnsafeBufferPointer(rebasing: rest[(slash + 1)...])
        guard !bucket.isEmpty else {
            inventory.warn(line: number, "the URL names no bucket: '\(ListingBytes.text(line))'")
            return
        }
        if key.isEmpty || key.last == URLByte.colon && (key.count == 1 || key[key.count - 2] == URLByte.slash) {
            return  // the bucket itself, or a folder header `gs://BUCKET/FOLDER/:`
        }
        if let generation = Self.generationStart(key) { key = UnsafeBufferPointer(rebasing: key[..<generation]) }
        inventory.add(key: key, provider: provider, bucketName: bucket, line: number)
    }

    /// Where the object URL starts: at 0 in a short listing; after the size and an ISO 8601 time
    /// in a long one. Nil when the line holds neither.
    static func urlStart(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        if isURL(line, at: 0) { return 0 }
        // The size (digits, or `2.5 KiB` with -h), then two spaces, the time, two spaces, the URL.
        var index = 0
        while index < line.count, line[index] == URLByte.space { index += 1 }
        while index < line.count, !ListingBytes.matches(line, at: index, "9999-99-99T99:99:99") {
            index += 1
        }
        guard index < line.count else { return nil }
        while index < line.count, line[index] != URLByte.space { index += 1 }
        while index < line.count, line[index] == URLByte.space { index += 1 }
        return isURL(line, at: index) ? index : nil
    }

    private static func isURL(_ line: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        (ListingBytes.hasPrefix(line, "gs://", at: offset) || ListingBytes.hasPrefix(line, "s3://", at: offset))
            && line.count > offset + 5
    }

    /// Where `  metageneration=N` starts at the end of a long `-a` line.
    private static func metagenerationStart(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = line.count
        while index > start, ListingBytes.isDigit(line[index - 1]) { index -= 1 }
        let marker = "  metageneration=".utf8.count
        guard index < line.count, index - marker >= start,
              ListingBytes.hasPrefix(line, "  metageneration=", at: index - marker) else { return nil }
        return index - marker
    }

    /// Where a `#GENERATION` suffix starts (`-a`): a `#` and at least ten digits at the end, as
    /// GCS generations are microsecond timestamps.
    static func generationStart(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = key.count
        while index > 0, ListingBytes.isDigit(key[index - 1]) { index -= 1 }
        guard key.count - index >= 10, index > 1, key[index - 1] == URLByte.hash else { return nil }
        return index - 1
    }
}
