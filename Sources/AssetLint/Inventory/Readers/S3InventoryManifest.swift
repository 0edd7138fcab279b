#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `manifest.json` of an S3 Inventory report: the source bucket, the format and column
/// schema of the data files, and the data files (keys in the destination bucket). A report is
/// downloaded as the manifest and its `data/` folder (`aws s3 cp --recursive`); each data file is
/// looked for by its name beside the manifest, in `data/` beside it or above it, or at its key
/// under the manifest's folder.
struct S3InventoryManifest {
    var sourceBucket: String
    var columns: S3InventoryCSVReader.Columns?
    /// Each data file's key and the line of the manifest that names it.
    var files: [(key: String, line: Int)]

    struct Failure: Error {
        var line: Int
        var message: String
    }

    /// Whether `file` may be an S3 Inventory manifest: a JSON object naming `sourceBucket` near its
    /// start. A `manifest.json` that is not one (an asset manifest is an array, and can be
    /// hundreds of megabytes) is then never parsed when a data file's columns are looked for.
    static func mayBe(_ file: SourceFile) -> Bool {
        let bytes = file.bytes
        guard let first = bytes.firstIndex(where: { !JSONParser.isWhitespace($0) }), bytes[first] == UInt8(ascii: "{") else { return false }
        let head = UnsafeBufferPointer(rebasing: bytes[first..<min(bytes.count, first + (64 << 10))])
        return ListingBytes.contains(head, "\"sourceBucket\"")
    }

    static func read(_ file: SourceFile) -> Result<S3InventoryManifest, Failure> {
        var tree = JSONTree(source: file)
        var parser = JSONParser(source: file)
        let parsed = parser.parseDocument(into: &tree)
        if !parsed || tree[tree.root].kind != .object {
            let line = parser.takeIssues().first(where: \.isFatal).map { file.position(of: $0.range.offset).line } ?? 1
            return .failure(Failure(line: line, message: "not the JSON object of an S3 Inventory manifest.json"))
        }
        let root = tree.root
        func line(_ node: JSONTree.Index) -> Int { file.position(of: tree[node].start).line }
        guard let bucketNode = tree.member("sourceBucket", of: root), let sourceBucket = tree.string(bucketNode), !sourceBucket.isEmpty else {
            return .failure(Failure(line: 1, message: "the manifest has no \"sourceBucket\": is this an S3 Inventory manifest.json?"))
        }
        if let formatNode = tree.member("fileFormat", of: root), let format = tree.string(formatNode), format.uppercased() != "CSV" {
            return .failure(Failure(
                line: line(formatNode),
                message: "the report's data files are \(format); only CSV reports can be read: set the inventory's output format to CSV"))
        }
        var columns: S3InventoryCSVReader.Columns?
        if let schemaNode = tree.member("fileSchema", of: root), let schema = tree.string(schemaNode) {
            guard let read = S3InventoryCSVReader.Columns(schema: schema) else {
                return .failure(Failure(line: line(schemaNode), message: "the \"fileSchema\" names no Bucket and Key columns"))
            }
            columns = read
        }
        guard let filesNode = tree.member("files", of: root), tree[filesNode].kind == .array else {
            return .failure(Failure(line: 1, message: "the manifest has no \"files\" list of data files"))
        }
        var files: [(String, Int)] = []
        for entry in tree.children(of: filesNode) {
            guard tree[entry].kind == .object, let keyNode = tree.member("key", of: entry), let key = tree.string(keyNode), !key.isEmpty else {
                return .failure(Failure(line: line(entry), message: "a \"files\" entry without a \"key\""))
            }
            files.append((key, line(keyNode)))
        }
        return .success(S3InventoryManifest(sourceBucket: sourceBucket, columns: columns, files: files))
    }

    /// Where the data file `key` is on disk, or nil.
    static func locate(_ key: String, manifest path: String) -> String? {
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let name = key.split(separator: "/").last.map(String.init) ?? key
        let candidates = [
            "\(folder)/\(name)", "\(folder)/data/\(name)", "\(folder)/../data/\(name)", "\(folder)/\(key)",
        ]
        return candidates.first { access($0, F_OK) == 0 }
    }
}
