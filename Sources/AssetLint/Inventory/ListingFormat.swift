/// The listing formats, told apart by their first lines.
enum ListingFormat: Equatable {
    /// `gsutil ls -r` / `gcloud storage ls -r`: object URLs.
    case cloudURLs
    /// `aws s3 ls --recursive`.
    case awsList
    /// An S3 Inventory data file (CSV).
    case s3InventoryCSV
    /// An S3 Inventory `manifest.json`.
    case s3InventoryManifest
    /// `az storage blob list --output json`.
    case azureJSON
    /// `az storage blob list --output tsv`, with the name's column and the column count.
    case azureTSV(nameColumn: Int, columns: Int)
    /// One key a line.
    case keyList

    var title: String {
        switch self {
        case .cloudURLs: "gsutil/gcloud listing"
        case .awsList: "aws s3 ls listing"
        case .s3InventoryCSV: "S3 Inventory CSV"
        case .s3InventoryManifest: "S3 Inventory manifest"
        case .azureJSON: "az storage blob list (JSON)"
        case .azureTSV(_, let columns): columns == 1 ? "list of keys" : "az storage blob list (TSV)"
        case .keyList: "list of keys"
        }
    }

    /// Whether the lines name no bucket, so it must be given as `BUCKET=FILE`.
    var needsBucket: Bool {
        switch self {
        case .cloudURLs, .s3InventoryCSV, .s3InventoryManifest: false
        case .awsList, .azureJSON, .azureTSV, .keyList: true
        }
    }

    /// The format of a listing whose text starts with `head` (a UTF-8 byte-order mark already
    /// skipped), or the reason it cannot be a listing.
    static func detect(_ head: UnsafeBufferPointer<UInt8>) -> Result<ListingFormat, Unreadable> {
        if head.count >= 2, head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF
            || head.prefix(512).contains(0) {
            return .failure(Unreadable(message: "the listing is UTF-16 or binary, not text: save it as UTF-8 (in PowerShell, `| Out-File -Encoding utf8`)"))
        }
        var first: UnsafeBufferPointer<UInt8>?
        var feed = LineFeed()
        feed.feed(head) { line, _ in
            if first == nil, line.contains(where: { !JSONParser.isWhitespace($0) }) { first = line }
        }
        feed.finish { line, _ in
            if first == nil, line.contains(where: { !JSONParser.isWhitespace($0) }) { first = line }
        }
        guard let line = first else { return .failure(Unreadable(message: "the listing is empty: it names no object")) }
        let start = line.firstIndex { !JSONParser.isWhitespace($0) }!
        switch line[start] {
        case UInt8(ascii: "{"):
            return .success(.s3InventoryManifest)
        case UInt8(ascii: "["):
            return .success(.azureJSON)
        case UInt8(ascii: "\""):
            return .success(.s3InventoryCSV)
        default:
            break
        }
        if CloudURLListingReader.urlStart(line) != nil { return .success(.cloudURLs) }
        if ListingBytes.matches(line, at: 0, "9999-99-99 99:99:99 ")
            || ListingBytes.hasPrefix(UnsafeBufferPointer(rebasing: line[start...]), "PRE ") {
            return .success(.awsList)
        }
        if line.contains(URLByte.tab) {
            guard let layout = AzureTSVReader.layout(of: head) else {
                return .failure(Unreadable(message: "tab-separated lines, but not an `az storage blob list --output tsv` listing (no column of names, or lines of different widths)"))
            }
            return .success(.azureTSV(nameColumn: layout.nameColumn, columns: layout.columns))
        }
        return .success(.keyList)
    }

    struct Unreadable: Error {
        var message: String
    }
}
