import AssetLint

/// Hover: a finding's rule (its summary and page), and what `assetlint url` says of an asset URL.
extension LanguageServer {
    func hover(_ params: MessageView) -> Result<JSONValue, RequestError> {
        guard let uri = params["textDocument"]["uri"].string, let position = lspPosition(params["position"]) else {
            return .failure(.invalidParams("a hover request needs textDocument.uri and a position"))
        }
        guard let document = documents[uri] else { return .success(.null) }
        let lint = refresh(document)
        guard lint.linted else { return .success(.null) }
        let offset = document.text.offset(of: position, encoding: encoding)
        let catalog = configurations.resolve(forDocumentAt: document.path).linter.catalog
        let rules = Dictionary(catalog.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var sections: [String] = []
        var range: LSPRange?
        for finding in lint.findings where finding.range.start <= position && position <= finding.range.end {
            let diagnostic = finding.diagnostic
            var section = markdown ? "**\(diagnostic.ruleID)** `\(diagnostic.ruleName)` (\(diagnostic.severity.rawValue))" : "\(diagnostic.ruleID) \(diagnostic.ruleName) (\(diagnostic.severity.rawValue))"
            if let rule = rules[diagnostic.ruleID] {
                section += "\n\n" + rule.summary
                if let page = rule.pageURI { section += markdown ? "\n\n[\(diagnostic.ruleID) rule page](\(page))" : "\n\n" + page }
            }
            sections.append(section)
            range = range ?? finding.range
        }
        if let literal = StringLiteralLocator.literal(at: offset, in: document.text.bytes), !literal.isKey, Self.hasScheme(literal.value) {
            let configuration = configurations.resolve(forDocumentAt: document.path).configuration
            let inspection = URLInspection.renderText(URLInspection.inspect([literal.value], configuration: configuration))
            sections.append(markdown ? "```text\n\(inspection)```" : inspection)
            let positions = document.text.positions(of: [literal.range.lowerBound, literal.range.upperBound], encoding: encoding)
            range = LSPRange(start: positions[0], end: positions[1])
        }
        guard !sections.isEmpty else { return .success(.null) }
        var result: JSONValue = [
            "contents": ["kind": .string(markdown ? "markdown" : "plaintext"), "value": .string(sections.joined(separator: markdown ? "\n\n---\n\n" : "\n\n"))]
        ]
        if let range { result.set("range", range.json) }
        return .success(result)
    }

    private var markdown: Bool { client.markdownHover }

    /// Whether `text` starts with a URL scheme (`https:`, `gs:`): asset URLs and origins, not ids.
    static func hasScheme(_ text: String) -> Bool {
        var sawLetter = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): sawLetter = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if !sawLetter { return false }
            case UInt8(ascii: ":"): return sawLetter
            default: return false
            }
        }
        return false
    }
}
