#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An S3 Inventory report in CSV: no header, one object (or object version) a line, every field
/// in double quotes. The columns are the report's `fileSchema` (from its `manifest.json`), always
/// starting `Bucket, Key`; a report of all versions adds `VersionId, IsLatest, IsDeleteMarker`
/// next. The key is URL-encoded, a space as `+` (form encoding), and is decoded here to the key
/// as stored. A version that is not the latest, or a delete marker, is no object a URL reaches.
struct S3InventoryCSVReader: ListingLineReader {
    /// Column numbers, from the schema or the layout AWS always uses.
    struct Columns: Equatable {
        var bucket = 0
        var key = 1
        var isLatest: Int?
        var isDeleteMarker: Int?

        /// From a `fileSchema` such as `Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size`;
        /// nil when it names no `Bucket` or `Key`.
        init?(schema: String) {
            let names = schema.split(separator: ",").map { String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
            guard let bucket = names.firstIndex(of: "Bucket"), let key = names.firstIndex(of: "Key") else { return nil }
            self.bucket = bucket
            self.key = key
            isLatest = names.firstIndex(of: "IsLatest")
            isDeleteMarker = names.firstIndex(of: "IsDeleteMarker")
        }

        init() {}
    }

    /// Nil without a manifest: `Bucket, Key` first, and the version columns recognised by their
    /// `true`/`false` values at positions 4 and 5 (with versions, AWS puts `VersionId, IsLatest,
    /// IsDeleteMarker` right after the key; without, no two booleans follow the key there).
    let columns: Columns?

    private var fields: [Range<Int>] = []
    private var unescaped: [UInt8] = []
    private let key = DecodedKey()

    init(columns: Columns?) {
        self.columns = columns
    }

    mutating func read(_ line: UnsafeBufferPointer<UInt8>, number: Int, into inventory: inout InventoryBuilder) {
        if line.isEmpty { return }
        guard CSVLine.split(line, into: &fields) else {
            inventory.warn(line: number, "not a line of CSV fields (an unterminated or misplaced quote): '\(ListingBytes.text(line))'")
            return
        }
        var columns = self.columns ?? Columns()
        if self.columns == nil, fields.count >= 5, isBoolean(line, fields[3]), isBoolean(line, fields[4]) {
            columns.isLatest = 3
            columns.isDeleteMarker = 4
        }
        guard fields.count > max(columns.bucket, columns.key) else {
            inventory.warn(line: number, "\(fields.count) field\(fields.count == 1 ? "" : "s"), too few for the bucket and key columns of an S3 Inventory report")
            return
        }
        if let column = columns.isDeleteMarker, column < fields.count, isTrue(line, fields[column]) { return }
        if let column = columns.isLatest, column < fields.count, isFalse(line, fields[column]) { return }
        let bucket = UnsafeBufferPointer(rebasing: line[fields[columns.bucket]])
        let encodedKey = UnsafeBufferPointer(rebasing: line[fields[columns.key]])
        guard !CSVLine.isEmpty(bucket), !CSVLine.isEmpty(encodedKey) else {
            inventory.warn(line: number, CSVLine.isEmpty(bucket) ? "the bucket field is empty" : "the key field is empty")
            return
        }
        CSVLine.withValue(encodedKey, scratch: &unescaped) { key.decode($0, plusAsSpace: true) }
        CSVLine.withValue(bucket, scratch: &unescaped) { bucket in
            inventory.add(key: key.buffer, provider: .s3, bucketName: bucket, line: number)
        }
    }

    private func isBoolean(_ line: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Bool {
        isTrue(line, field) || isFalse(line, field)
    }

    private func isTrue(_ line: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Bool {
        let value = UnsafeBufferPointer(rebasing: line[field])
        return ListingBytes.equals(value, "\"true\"") || ListingBytes.equals(value, "true")
    }

    private func isFalse(_ line: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Bool {
        let value = UnsafeBufferPointer(rebasing: line[field])
        return ListingBytes.equals(value, "\"false\"") || ListingBytes.equals(value, "false")
    }
}

/// Fields of one CSV line (RFC 4180: commas between fields, a quoted field may hold commas and
/// `""` for a quote). No field of an S3 Inventory line holds a line break (keys are URL-encoded).
enum CSVLine {
    /// The ranges of the fields, quotes included; false when a quote is unterminated or a quoted
    /// field is followed by something other than a comma.
    static func split(_ line: UnsafeBufferPointer<UInt8>, into fields: inout [Range<Int>]) -> Bool {
        fields.removeAll(keepingCapacity: true)
        guard let base = line.baseAddress else {
            fields.append(0..<0)
            return true
        }
        let count = line.count
        /// The first `byte` at or after `from`, or `count`.
        func next(_ byte: UInt8, from: Int) -> Int {
            guard from < count, let found = memchr(base + from, Int32(byte), count - from) else { return count }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
        var start = 0
        while true {
            var end: Int
            if start < count, line[start] == URLByte.quote {
                end = start + 1
                while true {
                    end = next(URLByte.quote, from: end)
                    guard end < count else { return false }
                    if end + 1 < count, line[end + 1] == URLByte.quote {
                        end += 2
                        continue
                    }
                    end += 1
                    break
                }
                guard end == count || line[end] == UInt8(ascii: ",") else { return false }
            } else {
                end = next(UInt8(ascii: ","), from: start)
            }
            fields.append(start..<end)
            guard end < count else { return true }
            start = end + 1
        }
    }

    /// Whether a field is empty, quoted or not.
    static func isEmpty(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        field.isEmpty || field.count == 2 && field[0] == URLByte.quote && field[1] == URLByte.quote
    }

    /// Calls `body` with a field's value: without its quotes, `""` read as `"` (unescaped in
    /// `scratch`; a field without quotes inside is read in place).
    static func withValue<T>(
        _ field: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> T
    ) -> T {
        guard field.count >= 2, field.first == URLByte.quote, field.last == URLByte.quote else { return body(field) }
        let inner = UnsafeBufferPointer(rebasing: field[1..<(field.count - 1)])
        guard inner.contains(URLByte.quote) else { return body(inner) }
        scratch.removeAll(keepingCapacity: true)
        var index = 0
        while index < inner.count {
            scratch.append(inner[index])
            index += inner[index] == URLByte.quote ? 2 : 1
        }
        return scratch.withUnsafeBufferPointer(body)
    }
}
