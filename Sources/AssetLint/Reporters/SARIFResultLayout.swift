/// One result of the sarif report written as bytes in a single pass, as `JSONFindingLayout` does
/// for the json format: the members of every result sit at the same depth, so their keys,
/// brackets and indentation are made once per file and copied, and only values are written per
/// result. A result is about sixty members deep in objects; written through `ReportJSONWriter`
/// one by one, a million of them took longer than the rest of the run.
///
/// The bytes are exactly what the writer gives for `SARIFReporter`'s members in its order
/// (`SARIFResultLayoutTests` compares the two over results of every shape).
struct SARIFResultLayout {
    private typealias P = JSONLayoutPieces

    private let ruleID: [UInt8]
    private let ruleIndex: [UInt8]
    private let level: [UInt8]
    private let message: [UInt8]
    private let messageEnd: [UInt8]
    private let locations: [UInt8]
    private let locationsEnd: [UInt8]
    private let relatedLocations: [UInt8]
    private let firstRelated: [UInt8]
    private let nextRelated: [UInt8]
    private let relatedPhysicalLocation: [UInt8]
    private let relatedMessage: [UInt8]
    private let relatedEnd: [UInt8]
    private let relatedLocationsEnd: [UInt8]
    private let primaryHash: [UInt8]
    private let fullHash: [UInt8]
    private let fingerprintsEnd: [UInt8]
    private let fixDescription: [UInt8]
    private let fixReplacements: [UInt8]
    private let fixReplacementsOpen: [UInt8]
    private let firstReplacement: [UInt8]
    private let nextReplacement: [UInt8]
    private let replacementLength: [UInt8]
    private let replacementText: [UInt8]
    private let replacementEnd: [UInt8]
    private let fixApplicability: [UInt8]
    private let fixEnd: [UInt8]
    private let pointer: [UInt8]
    private let close: [UInt8]

    /// `"physicalLocation": {...}`'s value (at the same depth in `locations` and
    /// `relatedLocations`): the artifact's URI, then the region when the file was read.
    private let physicalLocation: [UInt8]
    private let artifactEnd: [UInt8]
    private let startLine: [UInt8]
    private let startColumn: [UInt8]
    private let endLine: [UInt8]
    private let endColumn: [UInt8]
    private let charOffset: [UInt8]
    private let charLength: [UInt8]
    private let regionEnd: [UInt8]
    private let physicalLocationEnd: [UInt8]

    /// The file's URI, quoted.
    private let uri: [UInt8]
    private let hasSource: Bool

    /// For results that are elements of an array `depth` containers deep (4 in the sarif report:
    /// document, runs, run, results), all of one file, written after their separator and
    /// indentation. `fingerprintKey` is the key of the full fingerprint.
    init(depth: Int, uri: String, hasSource: Bool, fingerprintKey: String) {
        let member = depth + 1
        ruleID = P.open("ruleId", level: member)
        ruleIndex = P.key("ruleIndex", level: member)
        level = P.key("level", level: member)
        message = P.key("message", level: member) + P.open("text", level: member + 1)
        messageEnd = P.close("}", level: member + 1)
        locations = P.key("locations", level: member) + P.bytes("[") + P.newline(level: member + 1)
            + P.open("physicalLocation", level: member + 2)
        locationsEnd = P.close("}", level: member + 2) + P.close("]", level: member + 1)

        relatedLocations = P.key("relatedLocations", level: member) + P.bytes("[")
        firstRelated = P.newline(level: member + 1) + P.open("id", level: member + 2)
        nextRelated = P.bytes(",") + firstRelated
        relatedPhysicalLocation = P.key("physicalLocation", level: member + 2)
        relatedMessage = P.key("message", level: member + 2) + P.open("text", level: member + 3)
        relatedEnd = P.close("}", level: member + 3) + P.close("}", level: member + 2)
        relatedLocationsEnd = P.close("]", level: member + 1)

        // Physical locations' members are three levels in from the result's.
        let location = member + 3
        physicalLocation = P.open("artifactLocation", level: location) + P.open("uri", level: location + 1)
        artifactEnd = P.close("}", level: location + 1)
        startLine = P.key("region", level: location) + P.open("startLine", level: location + 1)
        startColumn = P.key("startColumn", level: location + 1)
        endLine = P.key("endLine", level: location + 1)
        endColumn = P.key("endColumn", level: location + 1)
        charOffset = P.key("charOffset", level: location + 1)
        charLength = P.key("charLength", level: location + 1)
        regionEnd = P.close("}", level: location + 1)
        physicalLocationEnd = P.close("}", level: location)

        primaryHash = P.key("partialFingerprints", level: member) + P.open("primaryLocationLineHash", level: member + 1) + P.bytes("\"")
        fullHash = P.bytes("\"") + P.key(fingerprintKey, level: member + 1) + P.bytes("\"")
        fingerprintsEnd = P.bytes("\"") + P.close("}", level: member + 1)

        // "fixes": [{"description": {"text"}, "artifactChanges": [{"artifactLocation": {"uri"},
        //   "replacements": [{"deletedRegion": {"charOffset", "charLength"}, "insertedContent": {"text"}}]}],
        //   "properties": {"applicability"}}]
        fixDescription = P.key("fixes", level: member) + P.bytes("[") + P.newline(level: member + 1)
            + P.open("description", level: member + 2) + P.open("text", level: member + 3)
        fixReplacements = P.close("}", level: member + 3) + P.key("artifactChanges", level: member + 2) + P.bytes("[")
            + P.newline(level: member + 3) + P.open("artifactLocation", level: member + 4) + P.open("uri", level: member + 5)
        fixReplacementsOpen = P.close("}", level: member + 5) + P.key("replacements", level: member + 4) + P.bytes("[")
        firstReplacement = P.newline(level: member + 5) + P.open("deletedRegion", level: member + 6) + P.open("charOffset", level: member + 7)
        nextReplacement = P.bytes(",") + firstReplacement
        replacementLength = P.key("charLength", level: member + 7)
        replacementText = P.close("}", level: member + 7) + P.key("insertedContent", level: member + 6) + P.open("text", level: member + 7)
        replacementEnd = P.close("}", level: member + 7) + P.close("}", level: member + 6)
        fixApplicability = P.close("]", level: member + 5) + P.close("}", level: member + 4) + P.close("]", level: member + 3)
            + P.key("properties", level: member + 2) + P.open("applicability", level: member + 3)
        fixEnd = P.close("}", level: member + 3) + P.close("}", level: member + 2) + P.close("]", level: member + 1)

        pointer = P.key("properties", level: member) + P.open("jsonPointer", level: member + 1)
        close = P.close("}", level: member + 1) + P.close("}", level: member)

        var quotedURI: [UInt8] = []
        ReportJSONWriter.appendQuoted(uri, to: &quotedURI)
        self.uri = quotedURI
        self.hasSource = hasSource
    }

    /// Appends the result's object, `{` to `}`: the finding with its fingerprint (`digest`, the
    /// how-many-th `occurrence`), its positions from `locator`.
    func append(
        _ diagnostic: Diagnostic, digest: SIMD8<UInt32>, occurrence: Int, ruleIndex index: Int?, locator: ReportLocator,
        to output: inout [UInt8]
    ) {
        output.append(ruleID, string: diagnostic.ruleID)
        if let index {
            output.append(ruleIndex, number: index)
        }
        output.append(level, string: ReportText.sarifLevel(diagnostic.severity))
        output.append(message, string: diagnostic.messageAndNote)
        output.append(contentsOf: messageEnd)
        output.append(contentsOf: locations)
        appendPhysicalLocation(locator.span(diagnostic.range), to: &output)
        output.append(contentsOf: locationsEnd)
        if !diagnostic.related.isEmpty {
            output.append(contentsOf: relatedLocations)
            for (position, related) in diagnostic.related.enumerated() {
                output.append(position == 0 ? firstRelated : nextRelated, number: position + 1)
                output.append(contentsOf: relatedPhysicalLocation)
                appendPhysicalLocation(locator.span(related.range), to: &output)
                output.append(relatedMessage, string: related.message)
                output.append(contentsOf: relatedEnd)
            }
            output.append(contentsOf: relatedLocationsEnd)
        }
        output.append(contentsOf: primaryHash)
        Self.appendFingerprint(digest, digits: 16, occurrence: occurrence, to: &output)
        output.append(contentsOf: fullHash)
        Self.appendFingerprint(digest, digits: 64, occurrence: occurrence, to: &output)
        output.append(contentsOf: fingerprintsEnd)
        if let fix = diagnostic.fix, !fix.edits.isEmpty {
            output.append(fixDescription, string: ReportText.fixHelp(fix))
            output.append(contentsOf: fixReplacements)
            output.append(contentsOf: uri)
            output.append(contentsOf: fixReplacementsOpen)
            for (position, edit) in fix.edits.enumerated() {
                let span = locator.span(edit.range)
                output.append(position == 0 ? firstReplacement : nextReplacement, number: span.start.scalarOffset)
                output.append(replacementLength, number: span.scalarLength)
                output.append(replacementText, string: edit.replacement)
                output.append(contentsOf: replacementEnd)
            }
            output.append(fixApplicability, string: fix.applicability.rawValue)
            output.append(contentsOf: fixEnd)
        }
        output.append(pointer, string: diagnostic.pointer)
        output.append(contentsOf: close)
    }

    /// The value of `"physicalLocation": `, its key already written.
    private func appendPhysicalLocation(_ span: ReportSpan, to output: inout [UInt8]) {
        output.append(contentsOf: physicalLocation)
        output.append(contentsOf: uri)
        output.append(contentsOf: artifactEnd)
        if hasSource {
            output.append(startLine, number: span.start.line)
            output.append(startColumn, number: span.start.column)
            output.append(endLine, number: span.end.line)
            output.append(endColumn, number: span.end.column)
            output.append(charOffset, number: span.start.scalarOffset)
            output.append(charLength, number: span.scalarLength)
            output.append(contentsOf: regionEnd)
        }
        output.append(contentsOf: physicalLocationEnd)
    }

    /// Hex digits of the digest, a colon and the occurrence: the content of a fingerprint string.
    private static func appendFingerprint(_ digest: SIMD8<UInt32>, digits: Int, occurrence: Int, to output: inout [UInt8]) {
        ReportSHA256.appendHex(digest, count: digits, to: &output)
        output.append(UInt8(ascii: ":"))
        ReportJSONWriter.appendDecimal(occurrence, to: &output)
    }
}
