/// Reads the objects of a line-based listing, one line at a time.
protocol ListingLineReader {
    mutating func read(_ line: UnsafeBufferPointer<UInt8>, number: Int, into inventory: inout InventoryBuilder)
}
