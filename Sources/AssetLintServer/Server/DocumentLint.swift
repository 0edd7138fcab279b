import AssetLint

/// One finding in the protocol's terms, with what code actions and hover need.
struct Finding {
    var diagnostic: Diagnostic
    /// The LSP `Diagnostic` as published.
    var json: JSONValue
    var range: LSPRange
    /// The fix's edits as LSP `TextEdit`s.
    var fixEdits: [JSONValue]
}

/// A range in protocol positions.
struct LSPRange: Equatable {
    var start: TextPosition
    var end: TextPosition

    var json: JSONValue {
        ["start": Self.json(start), "end": Self.json(end)]
    }

    static func json(_ position: TextPosition) -> JSONValue {
        ["line": .int(position.line), "character": .int(position.character)]
    }

    /// Whether the ranges share a position (touching counts: a cursor at the end of a finding
    /// still offers its fix).
    func touches(_ other: LSPRange) -> Bool {
        start <= other.end && other.start <= end
    }
}

/// The lint of one version of a document under one generation of configurations.
struct DocumentLint {
    var version: Int
    var generation: Int
    /// The findings published, at most `maxDiagnostics`, in report order.
    var findings: [Finding]
    /// What the client gets: the findings, and a note when some were left out.
    var diagnostics: [JSONValue]
    /// Whether the document was linted at all (not excluded, a JSON document).
    var linted: Bool

    var resultID: String { "\(generation).\(version)" }

    static func notLinted(version: Int, generation: Int) -> DocumentLint {
        DocumentLint(version: version, generation: generation, findings: [], diagnostics: [], linted: false)
    }

    /// The findings of `report` (the lint of `text`) in the protocol's terms: positions in
    /// `encoding`, related locations in `uri`, at most `limit` of them, and one informational
    /// diagnostic saying how many more there are.
    static func convert(
        _ report: FileReport, text: EditableText, encoding: PositionEncoding, uri: String, catalog: [RuleMetadata],
        limit: Int, version: Int, generation: Int
    ) -> DocumentLint {
        let total = report.diagnostics.count + report.omitted.reduce(0) { $0 + $1.count }
        let shown = Array(report.diagnostics.prefix(limit))
        // Every offset that needs a position, converted in one pass over the text.
        var offsets: [Int] = []
        for diagnostic in shown {
            offsets += [diagnostic.range.offset, diagnostic.range.end]
            for related in diagnostic.related { offsets += [related.range.offset, related.range.end] }
            for edit in diagnostic.fix?.edits ?? [] { offsets += [edit.range.offset, edit.range.end] }
        }
        let positions = text.positions(of: offsets, encoding: encoding)
        var next = 0
        func range() -> LSPRange {
            defer { next += 2 }
            return LSPRange(start: positions[next], end: positions[next + 1])
        }
        let rules = Dictionary(catalog.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var findings: [Finding] = []
        findings.reserveCapacity(shown.count)
        for diagnostic in shown {
            let primary = range()
            var json: JSONValue = [
                "range": primary.json,
                "severity": .int(severity(diagnostic.severity)),
                "code": .string(diagnostic.ruleID),
                "source": "assetlint",
                "message": .string(diagnostic.messageAndNote),
            ]
            let metadata = rules[diagnostic.ruleID]
            if let page = metadata?.pageURI { json.set("codeDescription", ["href": .string(page)]) }
            if metadata?.flagsUnneededText == true { json.set("tags", [1]) }
            if !diagnostic.related.isEmpty {
                json.set("relatedInformation", .array(diagnostic.related.map { related in
                    ["location": ["uri": .string(uri), "range": range().json], "message": .string(related.message)]
                }))
            }
            let edits: [JSONValue] = (diagnostic.fix?.edits ?? []).map { edit in
                ["range": range().json, "newText": .string(edit.replacement)]
            }
            findings.append(Finding(diagnostic: diagnostic, json: json, range: primary, fixEdits: edits))
        }
        var diagnostics = findings.map(\.json)
        if total > shown.count {
            let start = LSPRange(start: TextPosition(line: 0, character: 0), end: TextPosition(line: 0, character: 0))
            diagnostics.append([
                "range": start.json,
                "severity": 3,
                "source": "assetlint",
                "message": .string("Showing the first \(shown.count) of \(total) findings; `assetlint FILE` on the command line lists them all."),
            ])
        }
        return DocumentLint(version: version, generation: generation, findings: findings, diagnostics: diagnostics, linted: true)
    }

    /// The protocol's `DiagnosticSeverity`.
    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: 1
        case .warning: 2
        case .info: 3
        }
    }
}
