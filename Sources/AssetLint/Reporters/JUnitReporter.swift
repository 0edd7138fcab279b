/// `junit`: JUnit XML that validates against the Jenkins JUnit schema
/// (`Fixtures/schemas/junit-jenkins.xsd`) and reads well in Jenkins, GitLab and GitHub test reporters.
///
/// ```
/// <?xml version="1.0" encoding="UTF-8"?>
/// <testsuites name="assetlint" tests="7" failures="1" errors="1">
///   <testsuite name="assets.json" tests="6" failures="1" errors="0">
///     <testcase classname="assetlint.manifest" name="J001 json-syntax"/>
///     <testcase classname="assetlint.manifest" name="J003 duplicate-key">
///       <failure message="2 findings" type="J003">3:5 key "a" appears more than once ...
/// 7:5 key "b" appears more than once ...</failure>
///     </testcase>
///   </testsuite>
///   <testsuite name="missing.json" tests="1" failures="0" errors="1">
///     <testcase classname="assetlint.missing.json" name="read missing.json">
///       <error message="No such file or directory" type="unreadable-file">missing.json: No such file or directory</error>
///     </testcase>
///   </testsuite>
/// </testsuites>
/// ```
///
/// - One `<testsuite>` per file (named by its path), one `<testcase>` per rule that ran on it
///   (`rulesRun`, in that order; a rule that reported without being listed gets a case after them),
///   `classname` `assetlint.<kind>` (`assetlint.<path>` when the kind is unknown).
/// - A rule with error or warning findings fails: one `<failure>` whose `message` is
///   `N finding(s)`, `type` the rule id, and text one `line:col message` line per finding.
///   A rule whose findings are all `info` passes; its findings are listed in `<system-out>`.
/// - An unreadable file is a suite with one case holding an `<error>`.
/// - No `time` or `timestamp` attributes: the output is a pure function of the run.
/// - Everything is escaped; characters XML 1.0 cannot carry become `\uXXXX`.
public struct JUnitReporter: Reporter {
    public init() {}

    private struct Case {
        var name: String
        var failure: (message: String, type: String, text: String)?
        var error: (message: String, type: String, text: String)?
        var systemOut: String?
    }

    private struct Suite {
        var name: String
        var classname: String
        var cases: [Case]
        var failures: Int { cases.filter { $0.failure != nil }.count }
        var errors: Int { cases.filter { $0.error != nil }.count }
    }

    public func render(_ run: LintRun, options: ReportOptions) -> String {
        let suites = run.files.map(suite(for:))
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let tests = suites.reduce(0) { $0 + $1.cases.count }
        let failures = suites.reduce(0) { $0 + $1.failures }
        let errors = suites.reduce(0) { $0 + $1.errors }
        xml += "<testsuites name=\"assetlint\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        for suite in suites {
            xml += "  <testsuite name=\"\(ReportXML.attribute(suite.name))\" tests=\"\(suite.cases.count)\""
            xml += " failures=\"\(suite.failures)\" errors=\"\(suite.errors)\""
            guard !suite.cases.isEmpty else {
                xml += "/>\n"
                continue
            }
            xml += ">\n"
            for testCase in suite.cases {
                xml += "    <testcase classname=\"\(ReportXML.attribute(suite.classname))\" name=\"\(ReportXML.attribute(testCase.name))\""
                if testCase.failure == nil, testCase.error == nil, testCase.systemOut == nil {
                    xml += "/>\n"
                    continue
                }
                xml += ">\n"
                if let failure = testCase.failure {
                    xml += "      " + element("failure", failure) + "\n"
                }
                if let error = testCase.error {
                    xml += "      " + element("error", error) + "\n"
                }
                if let systemOut = testCase.systemOut {
                    xml += "      <system-out>\(ReportXML.text(systemOut))</system-out>\n"
                }
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    private func element(_ name: String, _ content: (message: String, type: String, text: String)) -> String {
        "<\(name) message=\"\(ReportXML.attribute(content.message))\" type=\"\(ReportXML.attribute(content.type))\">"
            + ReportXML.text(content.text) + "</\(name)>"
    }

    private func suite(for file: FileReport) -> Suite {
        let classname = "assetlint." + (file.kind?.rawValue ?? file.path)
        if let failure = file.failure {
            let error = (message: failure, type: "unreadable-file", text: "\(file.path): \(failure)")
            return Suite(name: file.path, classname: classname, cases: [Case(name: "read \(file.path)", error: error)])
        }
        let locator = ReportLocator(report: file)
        var findings: [String: [Diagnostic]] = [:]
        var reportedOrder: [String] = []
        for diagnostic in file.diagnostics {
            if findings[diagnostic.ruleID] == nil { reportedOrder.append(diagnostic.ruleID) }
            findings[diagnostic.ruleID, default: []].append(diagnostic)
        }
        var rules: [(id: String, name: String)] = []
        var listed = Set<String>()
        for rule in file.rulesRun where listed.insert(rule.id).inserted {
            rules.append((rule.id, rule.name))
        }
        for id in reportedOrder where listed.insert(id).inserted {
            rules.append((id, findings[id]?.first?.ruleName ?? id))
        }
        let cases = rules.map { rule -> Case in
            var testCase = Case(name: "\(rule.id) \(rule.name)")
            guard let diagnostics = findings[rule.id], !diagnostics.isEmpty else { return testCase }
            let text = diagnostics.map { diagnostic in
                let location = locator.location(diagnostic.range.offset)
                return "\(location.line):\(location.column) \(diagnostic.message)"
            }.joined(separator: "\n")
            if diagnostics.contains(where: { $0.severity > .info }) {
                testCase.failure = (ReportText.count(diagnostics.count, "finding"), rule.id, text)
            } else {
                testCase.systemOut = text
            }
            return testCase
        }
        return Suite(name: file.path, classname: classname, cases: cases)
    }
}
