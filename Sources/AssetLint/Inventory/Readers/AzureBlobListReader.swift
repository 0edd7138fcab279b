/// `az storage blob list --output tsv`: one blob a line, its fields separated by tabs, in the
/// order of the field names sorted (the Azure CLI writes a result object's values sorted by key),
/// an object-valued field as an empty column, a list as its length, null as `None`. The column of
/// `name` therefore depends on the CLI version; it is the one column that holds a name rather than
/// `None`, an empty value, `True`/`False` or a number, found on the listing's first lines (the
/// column before it, `container` in current versions, names the same container on every line).
/// With `--query "[].name"` each line is just the name. The container and its account are not
/// in the output: they come from `--inventory https://ACCOUNT.blob.core.windows.net/CONTAINER=FILE`.
struct AzureTSVReader: ListingLineReader {
    let bucket: BucketName
    /// The column holding the name, and how many columns a line has.
    let nameColumn: Int
    let columns: Int

    mutating func read(_ line: UnsafeBufferPointer<UInt8>, number: Int, into inventory: inout InventoryBuilder) {
        if line.isEmpty { return }
        if columns == 1 {
            inventory.add(key: line, to: bucket, line: number)
            return
        }
        var column = 0
        var start = 0
        var name: Range<Int>?
        for index in 0...line.count where index == line.count || line[index] == URLByte.tab {
            if column == nameColumn { name = start..<index }
            column += 1
            start = index + 1
        }
        guard column == columns, let name, !name.isEmpty else {
            inventory.warn(line: number, "\(column) tab-separated field\(column == 1 ? "" : "s") where the listing's first lines have \(columns)")
            return
        }
        inventory.add(key: UnsafeBufferPointer(rebasing: line[name]), to: bucket, line: number)
    }

    /// The name column and the column count of a TSV listing, from its first 64 lines: the most
    /// common width, and the column most of those lines hold a name in; nil when none does.
    static func layout(of head: UnsafeBufferPointer<UInt8>) -> (nameColumn: Int, columns: Int)? {
        var rows: [[Slice<UnsafeBufferPointer<UInt8>>]] = []
        var feed = LineFeed()
        feed.feed(head) { line, number in
            guard number <= 64, !line.isEmpty else { return }
            rows.append(line.split(separator: URLByte.tab, omittingEmptySubsequences: false))
        }
        let widths = Dictionary(grouping: rows, by: \.count)
        guard let (columns, _) = widths.max(by: { $0.value.count < $1.value.count || $0.value.count == $1.value.count && $0.key > $1.key })
        else { return nil }
        if columns == 1 { return (0, 1) }
        var votes: [Int: Int] = [:]
        for fields in widths[columns]! {
            if let column = fields.indices.dropFirst().first(where: { isNameLike(fields[$0]) }) { votes[column, default: 0] += 1 }
        }
        guard let best = votes.max(by: { $0.value < $1.value || $0.value == $1.value && $0.key > $1.key }) else { return nil }
        return (best.key, columns)
    }

    /// A value that is none of what the CLI prints for null, empty objects, booleans and numbers.
    private static func isNameLike(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let value = UnsafeBufferPointer(rebasing: field)
        if value.isEmpty || ListingBytes.equals(value, "None") || ListingBytes.equals(value, "True")
            || ListingBytes.equals(value, "False") { return false }
        return !value.allSatisfy(ListingBytes.isDigit)
    }
}

/// `az storage blob list --output json`: an array of blob objects, each with its `name`, and with
/// `container`, `deleted`, `snapshot` and `isCurrentVersion` in current CLI versions. A deleted
/// blob, a snapshot or a version that is not the current one is no object a URL reaches. Read
/// item by item with the JSON parser, so a listing of millions of blobs is never a tree.
enum AzureJSONReader {
    static func read(_ file: SourceFile, bucket: BucketName, into inventory: inout InventoryBuilder) {
        var parser = JSONParser(source: file)
        var tree = JSONTree(source: file)
        guard parser.openTopLevelArray() else {
            inventory.fail(line: firstIssueLine(&parser, file), "not a JSON array of blobs (az storage blob list --output json)")
            return
        }
        let container = bucket.name.split(separator: "/", maxSplits: 1).last.map(String.init)
        var reportedContainer = false
        var index = 0
        while parser.nextElement(into: &tree, index: index) {
            defer { index += 1 }
            let item = tree.root
            let line = file.position(of: tree[item].start).line
            guard tree[item].kind == .object, let nameNode = tree.member("name", of: item),
                  let name = tree.string(nameNode), !name.isEmpty else {
                inventory.warn(line: line, "item \(index) is not a blob with a \"name\"")
                continue
            }
            if let node = tree.member("deleted", of: item), tree.bool(node) == true { continue }
            if let node = tree.member("snapshot", of: item), tree[node].kind == .string { continue }
            if let node = tree.member("isCurrentVersion", of: item), tree.bool(node) == false { continue }
            if !reportedContainer, let container, let node = tree.member("container", of: item),
               let listed = tree.string(node), listed != container {
                reportedContainer = true
                inventory.warn(line: line, "this listing is of container '\(listed)', not '\(container)' as given with --inventory")
            }
            inventory.add(key: Array(name.utf8), to: bucket, line: line)
        }
        if let issue = parser.takeIssues().first(where: \.isFatal) {
            inventory.warn(line: file.position(of: issue.range.offset).line, "the JSON stops being readable here (\(issue.detail)); the blobs after it are not listed")
        }
    }

    private static func firstIssueLine(_ parser: inout JSONParser, _ file: SourceFile) -> Int {
        parser.takeIssues().first(where: \.isFatal).map { file.position(of: $0.range.offset).line } ?? 1
    }
}

/// A plain list of keys, one a line, as `az storage blob list --query "[].name" --output tsv`
/// prints: each line is a whole key, spaces included. The bucket comes from `--inventory`.
struct KeyListReader: ListingLineReader {
    let bucket: BucketName

    mutating func read(_ line: UnsafeBufferPointer<UInt8>, number: Int, into inventory: inout InventoryBuilder) {
        if !line.isEmpty { inventory.add(key: line, to: bucket, line: number) }
    }
}
