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
///   `N finding(s)`, `type` the rule id, and text one `line:col message` line per finding, with
///   the finding's note (why it matters, how to change it) indented on the line after.
///   A rule whose findings are all `info` passes; its findings are listed in `<system-out>`.
/// - An unreadable file is a suite with one case holding an `<error>`.
/// - No `time` or `timestamp` attributes: the output is a pure function of the run.
/// - Everything is escaped; characters XML 1.0 cannot carry become `\uXXXX`.
public struct JUnitReporter: PiecewiseReporter {
    public init() {}

    private struct Case {
        enum Outcome {
            case passed
            /// Error or warning findings: a `<failure>` listing them.
            case failed
            /// Only `info` findings: listed in `<system-out>`.
            case noted
            case unreadable(String)
        }

        var name: String
        var ruleID = ""
        var outcome: Outcome = .passed
        /// How many findings the rule has in the file (they are read again when written).
        var findings = 0
    }

    /// A file's suite: counts only, so that the totals can be written first.
    private struct Suite {
        var name: String
        var classname: String
        var cases: [Case]
        var file: FileReport

        var failures: Int { cases.filter { if case .failed = $0.outcome { true } else { false } }.count }
        var errors: Int { cases.filter { if case .unreadable = $0.outcome { true } else { false } }.count }
    }

    func write(_ run: LintRun, into xml: inout ReportPieces) {
        let suites = run.files.map(suite(for:))
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        let tests = suites.reduce(0) { $0 + $1.cases.count }
        let failures = suites.reduce(0) { $0 + $1.failures }
        let errors = suites.reduce(0) { $0 + $1.errors }
        xml.append("<testsuites name=\"assetlint\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">\n")
        for suite in suites {
            let locator = ReportLocator(report: suite.file)
            xml.append("  <testsuite name=\"\(ReportXML.attribute(suite.name))\" tests=\"\(suite.cases.count)\"")
            xml.append(" failures=\"\(suite.failures)\" errors=\"\(suite.errors)\"")
            guard !suite.cases.isEmpty else {
                xml.append("/>\n")
                continue
            }
            xml.append(">\n")
            for testCase in suite.cases {
                xml.append("    <testcase classname=\"\(ReportXML.attribute(suite.classname))\" name=\"\(ReportXML.attribute(testCase.name))\"")
                switch testCase.outcome {
                case .passed:
                    xml.append("/>\n")
                    continue
                case .failed:
                    let message = ReportText.count(testCase.findings, "finding")
                    xml.append(">\n      <failure message=\"\(ReportXML.attribute(message))\" type=\"\(ReportXML.attribute(testCase.ruleID))\">")
                    writeLines(of: testCase.ruleID, in: suite.file, locator: locator, into: &xml)
                    xml.append("</failure>\n")
                case .noted:
                    xml.append(">\n      <system-out>")
                    writeLines(of: testCase.ruleID, in: suite.file, locator: locator, into: &xml)
                    xml.append("</system-out>\n")
                case .unreadable(let failure):
                    xml.append(">\n      <error message=\"\(ReportXML.attribute(failure))\" type=\"unreadable-file\">")
                    xml.append(ReportXML.text("\(suite.name): \(failure)") + "</error>\n")
                }
                xml.append("    </testcase>\n")
            }
            xml.append("  </testsuite>\n")
        }
        xml.append("</testsuites>\n")
    }

    /// One `line:col message` line per finding of rule `ruleID`, and its note indented on the next.
    private func writeLines(of ruleID: String, in file: FileReport, locator: ReportLocator, into xml: inout ReportPieces) {
        var first = true
        file.forEachFinding(rule: ruleID) { diagnostic in
            let location = locator.location(diagnostic.range.offset)
            var line = "\(location.line):\(location.column) \(diagnostic.message)"
            if let note = diagnostic.note { line += "\n    " + note }
            xml.append((first ? "" : "\n") + ReportXML.text(line))
            first = false
        }
    }

    private func suite(for file: FileReport) -> Suite {
        let classname = "assetlint." + (file.kind?.rawValue ?? file.path)
        if let failure = file.failure {
            return Suite(name: file.path, classname: classname, cases: [Case(name: "read \(file.path)", outcome: .unreadable(failure))], file: file)
        }
        var counts: [String: (findings: Int, failing: Bool)] = [:]
        file.forEachFinding { diagnostic in
            var count = counts[diagnostic.ruleID] ?? (0, false)
            count.findings += 1
            count.failing = count.failing || diagnostic.severity > .info
            counts[diagnostic.ruleID] = count
        }
        var rules: [(id: String, name: String)] = []
        var listed = Set<String>()
        for rule in file.rulesRun where listed.insert(rule.id).inserted {
            rules.append((rule.id, rule.name))
        }
        for rule in file.reportingRules where listed.insert(rule.id).inserted {
            rules.append(rule)
        }
        let cases = rules.map { rule -> Case in
            var testCase = Case(name: "\(rule.id) \(rule.name)", ruleID: rule.id)
            guard let count = counts[rule.id], count.findings > 0 else { return testCase }
            testCase.findings = count.findings
            testCase.outcome = count.failing ? .failed : .noted
            return testCase
        }
        return Suite(name: file.path, classname: classname, cases: cases, file: file)
    }
}
