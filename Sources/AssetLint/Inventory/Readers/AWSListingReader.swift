/// `aws s3 ls s3://BUCKET --recursive` output. Each object is a line `DATE TIME SIZE KEY`: the
/// last-modified time as `YYYY-MM-DD HH:MM:SS` (19 characters, local time), a space, the size
/// right-aligned in at least 10 characters (with `--human-readable` a number and a unit, `1.0 KiB`,
/// `10 Bytes`), a space, and the whole key as stored, spaces included. The bucket is not in the
/// output: it comes from `--inventory s3://BUCKET=FILE`.
///
/// Skipped: blank lines and `--summarize`'s `Total Objects:` and `Total Size:`. A `PRE folder/`
/// line means the listing was made without `--recursive`, so its keys are only the last segment
/// of each name: that is a warning on the line.
struct AWSListingReader: ListingLineReader {
    let bucket: BucketName

    mutating func read(_ line: UnsafeBufferPointer<UInt8>, number: Int, into inventory: inout InventoryBuilder) {
        if line.isEmpty { return }
        guard ListingBytes.matches(line, at: 0, "9999-99-99 99:99:99 ") else {
            var first = 0
            while first < line.count, line[first] == URLByte.space { first += 1 }
            let rest = UnsafeBufferPointer(rebasing: line[first...])
            if ListingBytes.hasPrefix(rest, "Total Objects: ") || ListingBytes.hasPrefix(rest, "Total Size: ") { return }
            if ListingBytes.hasPrefix(rest, "PRE ") {
                inventory.warn(line: number, "a folder line: this listing was made without --recursive, so it names no object below this folder and its keys lack their folders; list with `aws s3 ls s3://BUCKET --recursive`")
                return
            }
            inventory.warn(line: number, "not an `aws s3 ls` object line (date, time, size, key): '\(ListingBytes.text(line))'")
            return
        }
        guard let keyStart = Self.keyStart(line) else {
            inventory.warn(line: number, "no size and key after the date: '\(ListingBytes.text(line))'")
            return
        }
        inventory.add(key: UnsafeBufferPointer(rebasing: line[keyStart...]), to: bucket, line: number)
    }

    private static let units: [StaticString] = ["Bytes", "Byte", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]

    /// Where the key starts: after the size field, which ends at column 30 at the earliest
    /// (right-aligned to 10 characters after the 19-character time and a space) and is followed
    /// by exactly one space.
    static func keyStart(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 20
        while index < 30, index < line.count, line[index] == URLByte.space { index += 1 }
        let digits = index
        while index < line.count, ListingBytes.isDigit(line[index]) { index += 1 }
        guard index > digits else { return nil }
        if index < line.count, line[index] == URLByte.dot {
            index += 1
            while index < line.count, ListingBytes.isDigit(line[index]) { index += 1 }
        }
        // A unit only where the field is right-aligned to end at column 30.
        if index < 30, index < line.count, line[index] == URLByte.space {
            for unit in units where ListingBytes.hasPrefix(line, unit, at: index + 1) && index + 1 + unit.utf8CodeUnitCount == 30 {
                index = 30
                break
            }
        }
        guard index >= 30, index < line.count, line[index] == URLByte.space, index + 1 < line.count else { return nil }
        return index + 1
    }
}
