/// `assetlint url`: how URLs parse, what the browser requests, and every U diagnostic, for URLs
/// given as plain strings. Each URL is linted by the U rules as the `data` of a one-item manifest,
/// so the command and manifests can never disagree; the diagnostics' ranges and fixes are mapped
/// back to UTF-8 offsets of the URL itself.
public enum URLInspection {
    public struct Finding: Sendable {
        public var ruleID: String
        public var ruleName: String
        public var severity: Severity
        public var message: String
        /// UTF-8 byte range in the input.
        public var range: Range<Int>
        public var fix: Fix?
    }

    public struct Result: Sendable {
        public var input: String
        /// Whether the URL Standard's parser accepts it (validation errors aside).
        public var isValid: Bool
        /// What a browser requests; nil when the parser fails.
        public var href: String?
        public var components: [(name: String, value: String)]
        public var findings: [Finding]

        public var hasErrors: Bool { findings.contains { $0.severity == .error } }
    }

    public static func inspect(_ inputs: [String], configuration: Configuration) -> [Result] {
        let linter = Linter(configuration: configuration, options: LintOptions(kind: .manifest), rules: RuleRegistry.rules(in: .url))
        return inputs.map { inspect($0, with: linter) }
    }

    static func inspect(_ input: String, with linter: Linter) -> Result {
        // The manifest `[{"data": "<input, JSON-escaped>"}]`, remembering where each input byte went.
        let prefix = #"[{"data": ""#
        var document = Array(prefix.utf8)
        var sourceToInput: [Int: Int] = [:]
        let inputBytes = Array(input.utf8)
        var scalarStart = 0
        for scalar in input.unicodeScalars {
            sourceToInput[document.count] = scalarStart
            document.append(contentsOf: JSONLiteral.escape(String(scalar)).utf8)
            scalarStart += String(scalar).utf8.count
        }
        sourceToInput[document.count] = inputBytes.count
        document.append(contentsOf: #""}]"#.utf8)
        let source = SourceFile(path: "url", bytes: document)
        let report = linter.lint(source)

        func inputOffset(_ offset: Int) -> Int {
            if let mapped = sourceToInput[offset] { return mapped }
            // Inside an escape: the input scalar it belongs to.
            var probe = offset
            while probe > 0, sourceToInput[probe] == nil { probe -= 1 }
            return sourceToInput[probe] ?? 0
        }
        func inputRange(_ range: ByteRange) -> Range<Int> {
            let lower = min(max(inputOffset(range.offset), 0), inputBytes.count)
            return lower..<max(lower, min(inputOffset(range.end), inputBytes.count))
        }

        let findings = report.diagnostics.filter { $0.ruleID.hasPrefix("U") }.map { diagnostic in
            Finding(
                ruleID: diagnostic.ruleID, ruleName: diagnostic.ruleName, severity: diagnostic.severity,
                message: diagnostic.message, range: inputRange(diagnostic.range),
                fix: diagnostic.fix.map { fix in
                    Fix(fix.applicability, fix.description, edits: fix.edits.map { edit in
                        let range = inputRange(edit.range)
                        let literal = Array(("\"" + edit.replacement + "\"").utf8)
                        let text = literal.withUnsafeBufferPointer {
                            JSONString.decode($0, literalStart: 0, literalEnd: literal.count)
                        }
                        return TextEdit(range: ByteRange(start: range.lowerBound, end: range.upperBound), replacement: text)
                    })
                })
        }
        let url = AssetURL(node: 0, text: inputBytes)
        return Result(input: input, isValid: url.url != nil, href: url.url?.href, components: components(url), findings: findings)
    }

    /// The parsed components, with the password and signature values hidden.
    static func components(_ url: AssetURL) -> [(name: String, value: String)] {
        guard let parsed = url.url else {
            let reason = url.result.failure.map { $0.kind.summary } ?? "not a URL"
            return [("error", reason)]
        }
        var out: [(String, String)] = [("scheme", parsed.scheme)]
        if !parsed.username.isEmpty { out.append(("username", parsed.username)) }
        if !parsed.password.isEmpty { out.append(("password", "***")) }
        if let host = parsed.host {
            var text = host.description
            if case .domain = host, url.ranges.host.map({ url.string($0) }) != text, url.string(url.ranges.host ?? 0..<0).utf8.contains(where: { $0 >= 0x80 }) {
                text += " (\(ICU.domainToUnicode(text).ascii))"
            }
            out.append(("host", text))
        }
        if let port = parsed.port { out.append(("port", String(port))) }
        out.append(("path", parsed.pathname))
        if let query = parsed.query { out.append(("query", redactedQuery(query))) }
        if let fragment = parsed.fragment { out.append(("fragment", fragment)) }
        if let location = url.location {
            var storage = "\(location.provider.displayName), \(Self.styleName(location.style))"
            storage += location.provider == .azure ? ", account \"\(location.account ?? "")\", container \"\(location.container ?? "")\"" : ", bucket \"\(location.bucket)\""
            if let region = location.region { storage += ", region \(region)" }
            if location.isDualStack { storage += ", dual-stack" }
            out.append(("storage", storage))
            out.append((location.provider == .azure ? "blob" : "key", ScalarNames.quoted(location.key, limit: 200)))
        }
        return out
    }

    static func redactedQuery(_ query: String) -> String {
        SignedURL.parameters(query).map { parameter in
            SignedURL.isSecretParameter(parameter.name) ? parameter.name + "=REDACTED" : (parameter.value.isEmpty && !query.contains(parameter.name + "=") ? parameter.name : parameter.name + "=" + parameter.value)
        }.joined(separator: "&")
    }

    static func styleName(_ style: StorageURLStyle) -> String {
        switch style {
        case .virtualHosted: "virtual-hosted"
        case .pathStyle: "path-style"
        case .gcsPath: "path-style"
        case .gcsVirtualHosted: "virtual-hosted"
        case .gcsAuthenticatedBrowser: "authenticated browser endpoint"
        case .azureBlob: "blob endpoint"
        case .gsURI: "gs:// URI"
        case .s3URI: "s3:// URI"
        }
    }

    // MARK: - Output

    /// `{"urls": [{"input", "valid", "href", "diagnostics"}]}`, one entry per URL in order.
    public static func renderJSON(_ results: [Result]) -> String {
        var json = ReportJSONWriter()
        json.object { json in
            json.array("urls") { json in
                for result in results {
                    json.object { json in
                        json.field("input", result.input)
                        json.field("valid", result.isValid)
                        json.field("href", optional: result.href)
                        json.array("diagnostics") { json in
                            for finding in result.findings { write(finding, into: &json) }
                        }
                    }
                }
            }
        }
        return json.finish()
    }

    private static func write(_ finding: Finding, into json: inout ReportJSONWriter) {
        json.object { json in
            json.field("rule", finding.ruleID)
            json.field("name", finding.ruleName)
            json.field("severity", finding.severity.rawValue)
            json.field("message", finding.message)
            json.field("offset", finding.range.lowerBound)
            json.field("length", finding.range.count)
            if let fix = finding.fix { json.fix(fix) }
            json.field("help", ReportText.helpPath(finding.ruleID))
        }
    }

    /// The human-readable form: components, then each diagnostic with the URL underlined.
    public static func renderText(_ results: [Result]) -> String {
        var out = ""
        for (index, result) in results.enumerated() {
            if index > 0 { out += "\n" }
            out += "\(result.input)\n"
            out += "  valid: \(result.isValid ? "yes" : "no (the URL parser fails)")\n"
            if let href = result.href { out += "  href: \(href)\n" }
            for (name, value) in result.components { out += "  \(name): \(value)\n" }
            if result.findings.isEmpty {
                out += "  no findings\n"
                continue
            }
            for finding in result.findings {
                out += "  \(finding.severity.rawValue)[\(finding.ruleID)] \(finding.message)\n"
                out += "    \(displayed(result.input))\n"
                out += "    \(underline(result.input, finding.range))\n"
                if let fix = finding.fix {
                    out += "    help: \(fix.description)\(fix.applicability == .unsafe ? " (unsafe fix)" : "")\n"
                }
            }
        }
        return out
    }

    /// The input with controls shown as `␀`-style pictures so the underline lines up.
    private static func displayed(_ input: String) -> String {
        String(String.UnicodeScalarView(input.unicodeScalars.map { scalar in
            scalar.value < 0x20 ? Unicode.Scalar(0x2400 + scalar.value)! : scalar.value == 0x7F ? "\u{2421}" : scalar
        }))
    }

    private static func underline(_ input: String, _ range: Range<Int>) -> String {
        var column = 0, start = 0, width = 0
        var offset = 0
        for scalar in input.unicodeScalars {
            let length = String(scalar).utf8.count
            if offset < range.lowerBound { column += 1 }
            if offset >= range.lowerBound, offset < range.upperBound { width += 1 }
            offset += length
        }
        start = column
        return String(repeating: " ", count: start) + String(repeating: "^", count: max(1, width))
    }
}
