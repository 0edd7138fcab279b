/// `json`: the stable, versioned format editors and scripts consume (SPEC §4), pretty-printed
/// with two-space indentation and keys in exactly this order:
///
/// ```
/// {
///   "version": 1,
///   "tool": {"name": "assetlint", "version": "0.1.0"},
///   "files": [
///     {"path": "assets.json", "kind": "manifest", "diagnostics": [
///       {"rule": "U204", "name": "url-plus-in-path", "severity": "error", "message": "...",
///        "line": 3, "column": 14, "endLine": 3, "endColumn": 15, "offset": 120, "length": 1,
///        "pointer": "/1/data",
///        "related": [{"message": "first used here", "line": 2, "column": 5}],
///        "fix": {"applicability": "unsafe", "description": "...",
///                "edits": [{"offset": 120, "length": 1, "text": "%20"}]},
///        "note": "...",
///        "help": "Rules/U204.md"}]}],
///   "summary": {"files": 1, "errors": 1, "warnings": 0, "infos": 0, "fixable": 1}
/// }
/// ```
///
/// - Lines and columns are 1-based, columns count Unicode scalars; `endLine`/`endColumn` is the
///   position just after the range. `offset`/`length` (also in edits) are bytes of the file.
/// - `related` is omitted when a diagnostic has no related locations, `fix` when it has no fix,
///   `note` (the line of context the text format shows as `= note:`) when it has none.
/// - Every file is listed, also those without diagnostics (`"diagnostics": []`).
/// - A file that could not be read has `"kind": null`, an `"error"` member with the reason
///   (after `kind`) and `"diagnostics": []`; `error` appears on no other file.
/// - `summary.files` counts every listed file; `summary.fixable` counts diagnostics with a fix of
///   either applicability.
/// - `options` (colour, quiet, statistics) do not change this format.
public struct JSONReporter: JSONDocumentReporter {
    public static let formatVersion = 1

    public init() {}

    func document(_ run: LintRun, into json: inout ReportJSONWriter) {
        json.object { json in
            json.field("version", Self.formatVersion)
            json.object("tool") { json in
                json.field("name", "assetlint")
                json.field("version", run.toolVersion)
            }
            json.array("files") { json in
                for file in run.files { write(file, into: &json) }
            }
            json.object("summary") { json in
                json.field("files", run.files.count)
                json.field("errors", run.count(.error))
                json.field("warnings", run.count(.warning))
                json.field("infos", run.count(.info))
                json.field("fixable", run.fixableCount)
            }
        }
    }

    private func write(_ file: FileReport, into json: inout ReportJSONWriter) {
        let locator = ReportLocator(report: file)
        json.object { json in
            json.field("path", file.path)
            json.field("kind", optional: file.kind?.rawValue)
            if let failure = file.failure { json.field("error", failure) }
            json.array("diagnostics") { json in
                let layout = JSONFindingLayout(depth: json.depth)
                // Findings are read back from the spool ahead, on a thread of their own.
                FindingPipeline.run(threaded: file.findingCount >= FindingPipeline.threadedFrom) { send in
                    var batch: [Diagnostic] = []
                    batch.reserveCapacity(FindingPipeline.batchSize)
                    file.forEachFinding { diagnostic in
                        batch.append(diagnostic)
                        if batch.count == FindingPipeline.batchSize {
                            send(batch)
                            batch.removeAll(keepingCapacity: true)
                        }
                    }
                    send(batch)
                } consume: { diagnostic in
                    json.element { layout.append(diagnostic, locator: locator, to: &$0) }
                }
            }
        }
    }
}

extension ReportJSONWriter {
    /// `"fix": {"applicability", "description", "edits": [{"offset", "length", "text"}]}`, as the
    /// json format and `assetlint url --format json` write it.
    mutating func fix(_ fix: Fix) {
        object("fix") { json in
            json.field("applicability", fix.applicability.rawValue)
            json.field("description", fix.description)
            json.array("edits") { json in
                for edit in fix.edits {
                    json.object { json in
                        json.field("offset", edit.range.offset)
                        json.field("length", edit.range.length)
                        json.field("text", edit.replacement)
                    }
                }
            }
        }
    }
}
