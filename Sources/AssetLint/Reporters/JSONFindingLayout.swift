/// One finding of the json report written as bytes in a single pass: at a given depth of the
/// document every finding has the same keys, separators and indentation, so those are made once
/// (`init(depth:)`) and copied, and only the values are written per finding. A million findings
/// are tens of millions of members; writing them through `ReportJSONWriter` key by key made the
/// report's thread the slowest of the run.
///
/// The bytes are exactly those `ReportJSONWriter` gives for the same members written one by one
/// in `JSONReporter`'s order (`JSONFindingLayoutTests` compares the two over findings of every
/// shape: related locations, fixes with no, one or several edits, notes, texts to escape).
struct JSONFindingLayout {
    /// `{` and the members' keys, each with the separator and indentation before it.
    private let rule: [UInt8]
    private let name: [UInt8]
    private let severity: [UInt8]
    private let message: [UInt8]
    private let line: [UInt8]
    private let column: [UInt8]
    private let endLine: [UInt8]
    private let endColumn: [UInt8]
    private let offset: [UInt8]
    private let length: [UInt8]
    private let pointer: [UInt8]
    private let help: [UInt8]
    private let note: [UInt8]
    private let close: [UInt8]

    private let related: [UInt8]
    private let firstRelated: [UInt8]
    private let nextRelated: [UInt8]
    private let relatedLine: [UInt8]
    private let relatedColumn: [UInt8]
    private let relatedClose: [UInt8]
    private let relatedEnd: [UInt8]

    private let fixApplicability: [UInt8]
    private let fixDescription: [UInt8]
    private let fixEdits: [UInt8]
    private let editsEnd: [UInt8]
    private let firstEdit: [UInt8]
    private let nextEdit: [UInt8]
    private let editLength: [UInt8]
    private let editText: [UInt8]
    private let editClose: [UInt8]
    private let fixClose: [UInt8]

    /// For a finding that is an element of an array `depth` containers deep (the json report's
    /// findings are 4 deep: document, files, file, diagnostics), written after its separator
    /// and indentation.
    init(depth: Int) {
        typealias P = JSONLayoutPieces
        let member = depth + 1
        rule = P.open("rule", level: member)
        name = P.key("name", level: member)
        severity = P.key("severity", level: member)
        message = P.key("message", level: member)
        line = P.key("line", level: member)
        column = P.key("column", level: member)
        endLine = P.key("endLine", level: member)
        endColumn = P.key("endColumn", level: member)
        offset = P.key("offset", level: member)
        length = P.key("length", level: member)
        pointer = P.key("pointer", level: member)
        note = P.key("note", level: member)
        help = P.key("help", level: member)
        close = P.close("}", level: member)

        // "related": [ {"message", "line", "column"}, ... ]
        related = P.key("related", level: member) + P.bytes("[")
        firstRelated = P.newline(level: member + 1) + P.open("message", level: member + 2)
        nextRelated = P.bytes(",") + firstRelated
        relatedLine = P.key("line", level: member + 2)
        relatedColumn = P.key("column", level: member + 2)
        relatedClose = P.close("}", level: member + 2)
        relatedEnd = P.close("]", level: member + 1)

        // "fix": {"applicability", "description", "edits": [ {"offset", "length", "text"}, ... ]}
        fixApplicability = P.key("fix", level: member) + P.open("applicability", level: member + 1)
        fixDescription = P.key("description", level: member + 1)
        fixEdits = P.key("edits", level: member + 1) + P.bytes("[")
        firstEdit = P.newline(level: member + 2) + P.open("offset", level: member + 3)
        nextEdit = P.bytes(",") + firstEdit
        editLength = P.key("length", level: member + 3)
        editText = P.key("text", level: member + 3)
        editClose = P.close("}", level: member + 3)
        editsEnd = P.close("]", level: member + 2)
        fixClose = P.close("}", level: member + 1)
    }

    /// Appends the finding's object, `{` to `}`, with its positions from `locator`.
    func append(_ diagnostic: Diagnostic, locator: ReportLocator, to output: inout [UInt8]) {
        let span = locator.span(diagnostic.range)
        output.append(rule, string: diagnostic.ruleID)
        output.append(name, string: diagnostic.ruleName)
        output.append(severity, string: diagnostic.severity.rawValue)
        output.append(message, string: diagnostic.message)
        output.append(line, number: span.start.line)
        output.append(column, number: span.start.column)
        output.append(endLine, number: span.end.line)
        output.append(endColumn, number: span.end.column)
        output.append(offset, number: diagnostic.range.offset)
        output.append(length, number: diagnostic.range.length)
        output.append(pointer, string: diagnostic.pointer)
        if !diagnostic.related.isEmpty {
            output.append(contentsOf: related)
            for (index, item) in diagnostic.related.enumerated() {
                let location = locator.location(item.range.offset)
                output.append(index == 0 ? firstRelated : nextRelated, string: item.message)
                output.append(relatedLine, number: location.line)
                output.append(relatedColumn, number: location.column)
                output.append(contentsOf: relatedClose)
            }
            output.append(contentsOf: relatedEnd)
        }
        if let fix = diagnostic.fix {
            output.append(fixApplicability, string: fix.applicability.rawValue)
            output.append(fixDescription, string: fix.description)
            output.append(contentsOf: fixEdits)
            for (index, edit) in fix.edits.enumerated() {
                output.append(index == 0 ? firstEdit : nextEdit, number: edit.range.offset)
                output.append(editLength, number: edit.range.length)
                output.append(editText, string: edit.replacement)
                output.append(contentsOf: editClose)
            }
            // An empty array is `[]`, closed on the line it opened.
            if fix.edits.isEmpty { output.append(UInt8(ascii: "]")) } else { output.append(contentsOf: editsEnd) }
            output.append(contentsOf: fixClose)
        }
        if let text = diagnostic.note {
            output.append(note, string: text)
        }
        output.append(contentsOf: help)
        output.append(UInt8(ascii: "\""))
        output.append(contentsOf: Self.helpPrefix)
        ReportJSONWriter.appendEscaped(diagnostic.ruleID, to: &output)
        output.append(contentsOf: Self.helpSuffix)
        output.append(contentsOf: close)
    }

    // `ReportText.helpPath` without making a string per finding.
    private static let helpPrefix = JSONLayoutPieces.bytes("Rules/")
    private static let helpSuffix = JSONLayoutPieces.bytes(".md\"")
}
