/// U217: a percent escape that was encoded again (`%2520`).
public final class URLDoubleEncoded: URLRule {
    public static let metadata = RuleMetadata(
        id: "U217", name: "url-double-encoded", severity: .warning, kinds: [.manifest],
        summary: "An asset URL's path holds `%25` followed by two hex digits (`%2520`): an escape that was percent-encoded twice.",
        rationale: """
            `%25` is an encoded `%`. `%2520` therefore decodes to the three characters `%20`, not to a space: \
            the bucket looks up a name that literally contains `%20`. This happens when an already encoded \
            URL goes through an encoder again (a script that quotes what it read from a previous export, a \
            spreadsheet formula, a second `encodeURIComponent`).

            The unsafe fix removes one level of encoding (`%2520` → `%20`); keep the URL if the object's name \
            really contains the characters `%20` (some upload tools create such names).
            """,
        fix: .unsafe,
        triggering: [RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/cats/my%2520cat.jpg"))],
        nonTriggering: [
            RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/cats/my%20cat.jpg")),
            RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/sale/100%25.jpg")),
        ])

    public init() {}


    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        guard url.hasObjectPath, let path = url.pathRange else { return }
        let text = url.text
        var index = path.lowerBound
        while index + 4 < path.upperBound {
            guard text[index] == URLByte.percent, text[index + 1] == 0x32, text[index + 2] == 0x35,
                  Hex.isDigit(text[index + 3]), Hex.isDigit(text[index + 4]) else {
                index += 1
                continue
            }
            let range = index..<(index + 5)
            let once = "%" + url.string((index + 3)..<(index + 5))
            let meant = PercentDecoding.decode(Array(once.utf8))
            let meaning = meant.first.map { $0 < 0x80 && $0 >= 0x20 ? " (\(Self.name(of: $0)))" : "" } ?? ""
            report("\(url.string(range)) decodes to the three characters \"\(once)\", not to what \(once) encodes\(meaning): the bucket looks up a name containing \"\(once)\"; the URL was percent-encoded twice; write \(once)",
                   url, range, in: tree, context: context,
                   fix: Fix(.unsafe, "decode one level: \(once)", edits: [url.edit(range, once, in: tree)]))
            index += 5
        }
    }

    private static func name(of byte: UInt8) -> String {
        byte == 0x20 ? "a space" : "'\(Character(Unicode.Scalar(byte)))'"
    }
}
