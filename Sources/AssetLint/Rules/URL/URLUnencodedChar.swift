/// U203: characters that must be percent-encoded are written raw.
public final class URLUnencodedChar: URLRule {
    public static let metadata = RuleMetadata(
        id: "U203", name: "url-unencoded-char", severity: .error, kinds: [.manifest],
        summary: "An asset URL holds a raw space, non-ASCII character, control character or one of `\"<>\\^`{|}`, which must be percent-encoded.",
        rationale: """
            The browser percent-encodes these characters itself before it sends the request (a space becomes \
            `%20`, `é` becomes `%C3%A9`), but the rest of the pipeline is not a browser: HTTP libraries reject \
            the URL or cut it at the space, signers encode it differently from the browser so the signature \
            does not match, and spreadsheets and shells split it. A URL with raw characters works by luck.

            The safe fix percent-encodes each character as UTF-8, which is what the browser sends (for `|`, \
            and for `^`, `` ` ``, `{` and `}` in a query, browsers send the raw character; the bucket decodes \
            the escape to the same name). Leading and trailing spaces and control characters, and tabs and line breaks anywhere, are removed \
            instead: the browser drops them. A backslash in the path is the exception that has only an unsafe \
            fix: browsers read it as `/`, so the request asks for another object than the text says; `%5C` \
            keeps the backslash in the name, `/` makes it a folder separator (U209 reports backslashes in the \
            `//` after the scheme).

            Combining marks written raw after a base letter (a decomposed, NFD name from a Mac) are one \
            finding of this rule, with U207's normalization as a note: the safe fix encodes them as written, \
            which keeps finding an object stored under the NFD name, and U207 then leaves the choice of NFC \
            to you; for a bucket a listing (`--inventory`) covers, the listing makes that choice (I501) and \
            the note is left out. Raw bytes that are not UTF-8 are J002's (the file's encoding is the mistake) when it runs.

            Each run of such characters is one diagnostic. Characters in the host are U208's (invalid or \
            upper-case hosts) and U209's (internationalized hosts); in the user name and password, U210's.
            """,
        fix: .sometimes,
        triggering: [
            RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/cats/my cat.jpg")),
            RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/Zürich/straße.jpg")),
            RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/cat.jpg "), note: "a trailing space"),
            RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/photos\\\\cat.jpg"), note: "a backslash: the fix is unsafe"),
            RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/cafe\u{0301}.jpg"),
                        note: "a decomposed (NFD) é from a Mac: U207 is a note of this finding"),
        ],
        nonTriggering: [
            RuleExample(.manifest, URLExamples.manifest("https://my-bucket.s3.amazonaws.com/cats/my%20cat.jpg")),
            RuleExample(.manifest, URLExamples.manifest("https://storage.googleapis.com/my-bucket/Z%C3%BCrich/stra%C3%9Fe.jpg")),
        ])

    public init() {}


    enum Treatment: Equatable {
        /// The browser drops it: leading/trailing C0 and space, tab and newlines.
        case remove
        /// The browser percent-encodes it (or should): encode as UTF-8.
        case encode
        /// `\` in the path of an http(s) URL: the browser reads `/`.
        case backslash
        /// Bytes that are not UTF-8: J002's, when it runs (the file's encoding is the mistake).
        case notUTF8
    }

    func check(_ url: AssetURL, in tree: JSONTree, context: LintContext) {
        guard url.hasObjectPath else { return }
        let skipped = url.skippedByU203
        let trimmed = url.trimmed
        let text = url.text
        var runs: [(range: Range<Int>, treatment: Treatment)] = []
        var index = 0
        while index < text.count {
            if let skip = skipped.first(where: { $0.contains(index) }) {
                index = skip.upperBound
                continue
            }
            let byte = text[index]
            var length = 1
            let treatment: Treatment?
            if index < trimmed.lowerBound || index >= trimmed.upperBound
                || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                treatment = .remove
            } else if byte >= 0x80 {
                length = text.withUnsafeBufferPointer { UTF8Decoding.scalarOrReplacement($0, at: index).length }
                let valid = text[index..<(index + length)].withUnsafeBufferPointer { UTF8Decoding.isValid($0) }
                treatment = valid ? .encode : .notUTF8
            } else if byte <= 0x20 || byte == 0x7F || Self.mustEncode.contains(byte) {
                treatment = .encode
            } else if byte == URLByte.backslash {
                treatment = url.scheme.isWeb && url.isInPath(index) ? .backslash : .encode
            } else {
                treatment = nil
            }
            if let treatment {
                let range = index..<(index + length)
                if let last = runs.last, last.range.upperBound == index, last.treatment == treatment, treatment != .backslash {
                    runs[runs.count - 1].range = last.range.lowerBound..<range.upperBound
                } else {
                    runs.append((range, treatment))
                }
            }
            index += length
        }
        // Raw characters that are part of a decomposed (NFD) letter: U207's finding on them is a
        // note of this one (see `URLNotNFC`), and so is an id with the same name (`NFDNameLink`).
        var decomposed: [NotNFCRun] = []
        if runs.contains(where: { $0.treatment == .encode && url.text[$0.range].contains { $0 >= 0x80 } }) {
            decomposed = url.notNFCRuns(context: context).filter(\.isRaw)
        }
        var idNote = decomposed.isEmpty ? [] : NFDNameLink.idNote(for: url, by: Self.metadata.id, in: tree, context: context)
        for run in runs {
            let overlapping = run.treatment == .encode ? decomposed.filter { $0.text.overlaps(run.range) } : []
            report(run.range, run.treatment, url, decomposed: overlapping, idNote: overlapping.isEmpty ? [] : idNote, in: tree, context: context)
            if !overlapping.isEmpty { idNote = [] }
        }
    }

    /// `"<>^`{|}`; the backslash is decided separately.
    static let mustEncode = ASCIIByteSet(low: 0x5000_0004_0000_0000, high: 0x3800_0001_4000_0000)

    private func report(
        _ range: Range<Int>, _ treatment: Treatment, _ url: AssetURL, decomposed: [NotNFCRun], idNote: [RelatedLocation],
        in tree: JSONTree, context: LintContext
    ) {
        let bytes = Array(url.text[range])
        let described = Self.describe(bytes)
        switch treatment {
        case .remove:
            let trimmed = url.trimmed
            let position = range.upperBound <= trimmed.lowerBound ? "leading " : range.lowerBound >= trimmed.upperBound ? "trailing " : ""
            report("\(position)\(described) in the URL", url, range, in: tree, context: context,
                   note: "the browser silently drops it, but other tools keep it and ask for a different object (or reject the URL)",
                   fix: Fix(.safe, "remove \(described)", edits: [url.edit(range, "", in: tree)]))
        case .notUTF8:
            // The file's encoding is the mistake: J002 reports these bytes.
            if context.isActive(InvalidUTF8.metadata.id) { return }
            let encoded = URLText.percentEncoded(bytes)
            report("raw bytes that are not UTF-8 in the URL", url, range, in: tree, context: context,
                   note: "readers replace them with U+FFFD or reject the file; \(encoded) keeps the bytes, and U206 then offers their UTF-8 spelling",
                   fix: Fix(.safe, "percent-encode the bytes as \(encoded)", edits: [url.edit(range, encoded, in: tree)]))
        case .encode:
            let encoded = URLText.percentEncoded(bytes)
            if !decomposed.isEmpty, let path = url.decodedPath {
                let letters = decomposed.map { ScalarNames.quoted(String(decoding: NFCCheck.nfc(path.bytes[$0.decoded]), as: UTF8.self)) }
                let notes = !context.isActive(URLNotNFC.metadata.id) || context.inventory.covers(url) ? [] : decomposed.map { run in
                    RelatedLocation(
                        message: "the path is not NFC here (U207): \(run.described(in: path)); the fix keeps this form, right if the object is stored NFD; list the bucket before writing NFC",
                        range: url.fileRange(run.text, in: tree))
                }
                report("raw \(described) in the URL, part of a decomposed (NFD) \(letters.joined(separator: ", "))",
                       url, range, in: tree, context: context, related: notes + idNote, note: "it must be percent-encoded: write \(encoded)",
                       fix: Fix(.safe, "percent-encode as \(encoded)", edits: [url.edit(range, encoded, in: tree)]))
                return
            }
            let note = url.browserEncodes(range)
                ? "the browser sends \(encoded), but HTTP clients, signers and spreadsheets do not all encode it that way (or reject the URL)"
                : "URLs may not contain it unencoded (RFC 3986); browsers send it as it is, but HTTP clients and signers reject it or encode it differently; \(encoded) decodes to the same name"
            report("raw \(described) in the URL", url, range, in: tree, context: context, note: note,
                   fix: Fix(.safe, "percent-encode as \(encoded)", edits: [url.edit(range, encoded, in: tree)]))
        case .backslash:
            let request = url.displayHref
            report("'\\' in the path: browsers read it as '/'", url, range, in: tree, context: context,
                   note: "this requests \(request); if the object name contains a backslash write %5C, if it separates folders write /",
                   fix: Fix(.unsafe, "encode the backslash as %5C (part of the object name)", edits: [url.edit(range, "%5C", in: tree)]))
        }
    }

    /// "space", "\"é\"", "control character U+0001 …".
    static func describe(_ bytes: [UInt8]) -> String {
        if bytes.allSatisfy({ $0 == 0x20 }) { return bytes.count == 1 ? "space" : "\(bytes.count) spaces" }
        let text = String(decoding: bytes, as: UTF8.self)
        let scalars = Array(text.unicodeScalars)
        if scalars.count == 1, let scalar = scalars.first, !ScalarNames.isVisible(scalar) || scalar.value < 0x80 {
            if scalar.value < 0x20 || scalar.value == 0x7F { return "control character \(ScalarNames.describe(scalar.value))" }
            if !ScalarNames.isVisible(scalar) { return "invisible character \(ScalarNames.describe(scalar.value))" }
            return "'\(text)'"
        }
        if !bytes.withUnsafeBufferPointer({ UTF8Decoding.isValid($0) }) {
            return "bytes that are not UTF-8"
        }
        if scalars.contains(where: { [.nonspacingMark, .spacingMark, .enclosingMark].contains($0.properties.generalCategory) }) {
            let names = scalars.map { ScalarNames.describe($0.value) }.joined(separator: ", ")
            return "\(scalars.count == 1 ? "character" : "characters") \(names)"
        }
        return "\(scalars.count == 1 ? "character" : "characters") \(ScalarNames.quoted(text))"
    }
}

extension AssetURL {
    /// Text ranges U203 leaves to other rules: the scheme and the slashes after it (U209), the host
    /// (U208, U209) and the credentials (U210).
    var skippedByU203: [Range<Int>] {
        var ranges: [Range<Int>] = []
        if let host = self.ranges.host {
            ranges.append(host)
            let authorityStart = self.ranges.username?.lowerBound ?? self.ranges.password?.lowerBound ?? host.lowerBound
            if trimmed.lowerBound < authorityStart { ranges.append(trimmed.lowerBound..<authorityStart) }
        }
        if let username = self.ranges.username { ranges.append(username) }
        if let password = self.ranges.password { ranges.append(password) }
        return ranges
    }

    /// Whether the browser percent-encodes the characters at `range` itself (the URL Standard's
    /// encode set of the component they are in).
    func browserEncodes(_ range: Range<Int>) -> Bool {
        let set: PercentEncodeSet
        if ranges.query?.contains(range.lowerBound) == true {
            set = url?.isSpecial == true ? .specialQuery : .query
        } else if ranges.fragment?.contains(range.lowerBound) == true {
            set = .fragment
        } else {
            set = .path
        }
        return text[range].allSatisfy(set.contains)
    }

    /// Whether text offset `offset` is in the path.
    func isInPath(_ offset: Int) -> Bool { ranges.path?.contains(offset) ?? false }
}
