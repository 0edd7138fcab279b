@testable import AssetLint

extension Diagnostic {
    /// Everything the finding tells the user: its message, then its note and its fix's description
    /// (the text format's `= note:` and `= help:` lines). Tests that a finding says why and how
    /// look here; the message alone only says what and where.
    var told: String {
        [message, note, fix?.description].compactMap { $0 }.joined(separator: "\n")
    }
}
