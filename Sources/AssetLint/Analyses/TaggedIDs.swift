/// An `externalId` of a manifest checked in parts, as the parts keep it until the file is done:
/// the high 32 bits of its fingerprint (its tag), its item and where its string literal starts.
struct TaggedID {
    var tag: UInt32
    var item: UInt32
    var literalStart: Int
}

/// The tagged ids of one share of a split manifest, for finding the ids that share a tag (the
/// only ones that can be equal, or equal after NFC, or look alike).
///
/// They are sorted by tag rather than entered in a hash table: a table far larger than the cache
/// costs a cache miss per id, while the sort reads and writes the records in sequence. The sort
/// is stable, so ids of equal tag stay in file order.
struct TaggedIDs {
    private var records: [TaggedID] = []

    init(capacity: Int) { records.reserveCapacity(capacity) }

    mutating func append(_ record: TaggedID) { records.append(record) }

    /// Calls `body` with each run of two or more ids of equal tag, in file order within the run.
    mutating func forEachGroupOfEqualTags(_ body: (UnsafeBufferPointer<TaggedID>) -> Void) {
        sortByTag()
        records.withUnsafeBufferPointer { records in
            var start = 0
            while start < records.count {
                var end = start + 1
                while end < records.count, records[end].tag == records[start].tag { end += 1 }
                if end - start > 1 { body(UnsafeBufferPointer(rebasing: records[start..<end])) }
                start = end
            }
        }
    }

    /// A least-significant-digit radix sort on the tag: three counting passes of 11, 11 and 10 bits.
    private mutating func sortByTag() {
        let count = records.count
        guard count > 1 else { return }
        // Every record is written by the first pass before the buffer is read.
        var sorted = [TaggedID](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        var counts = [Int](repeating: 0, count: 1 << 11)
        records.withUnsafeMutableBufferPointer { original in
            sorted.withUnsafeMutableBufferPointer { spare in
                counts.withUnsafeMutableBufferPointer { counts in
                    var source = original, target = spare
                    for shift: UInt32 in [0, 11, 22] {
                        for digit in counts.indices { counts[digit] = 0 }
                        for record in source { counts[Int(record.tag >> shift) & 0x7FF] += 1 }
                        var total = 0
                        for digit in counts.indices {
                            let size = counts[digit]
                            counts[digit] = total
                            total += size
                        }
                        for record in source {
                            let digit = Int(record.tag >> shift) & 0x7FF
                            target[counts[digit]] = record
                            counts[digit] += 1
                        }
                        swap(&source, &target)
                    }
                }
            }
        }
        // Three passes: the sorted records are in the spare buffer.
        records = sorted
    }
}
