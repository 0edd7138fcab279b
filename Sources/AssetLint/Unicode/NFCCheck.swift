/// Normalization questions over UTF-8 bytes, answered without ICU when every scalar is inert.
enum NFCCheck {
    /// Whether `bytes` (well-formed UTF-8) are in NFC.
    static func isNFC(_ bytes: UnsafeBufferPointer<UInt8>, table: UnicodeScalarTable) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let (scalar, length) = UTF8Decoding.scalarOrReplacement(bytes, at: index)
            if !table.isNFCInert(scalar) { return ICU.isNFC(utf8: bytes) }
            index += length
        }
        return true
    }

    /// The byte ranges of `bytes` that NFC changes, each a maximal run starting at an inert scalar
    /// (or the start) and holding the non-inert scalars after it: normalization never crosses
    /// the boundary before an inert scalar, so each run is normalized on its own.
    static func changedRuns(_ bytes: UnsafeBufferPointer<UInt8>, table: UnicodeScalarTable) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        forEachChangedRun(bytes, table: table) { runs.append($0) }
        return runs
    }

    /// The runs of `changedRuns(_:table:)`, in order, handed to `body` instead of gathered (a
    /// mebibyte of `e` + U+0301 is 349,525 of them).
    static func forEachChangedRun(_ bytes: UnsafeBufferPointer<UInt8>, table: UnicodeScalarTable, _ body: (Range<Int>) -> Void) {
        var runStart = 0
        var runHasNonInert = false
        var index = 0
        func close(at end: Int) {
            guard runHasNonInert, end > runStart else { return }
            let run = UnsafeBufferPointer(rebasing: bytes[runStart..<end])
            if !ICU.isNFC(utf8: run) { body(runStart..<end) }
        }
        while index < bytes.count {
            let (scalar, length) = UTF8Decoding.scalarOrReplacement(bytes, at: index)
            let inert = scalar < 0x80 || table.isNFCInert(scalar)
            if inert {
                close(at: index)
                runStart = index
                runHasNonInert = false
            } else {
                runHasNonInert = true
            }
            index += length
        }
        close(at: bytes.count)
    }

    static func nfc(_ bytes: some Collection<UInt8>) -> [UInt8] {
        Array(ICU.nfc(String(decoding: Array(bytes), as: UTF8.self)).utf8)
    }
}
