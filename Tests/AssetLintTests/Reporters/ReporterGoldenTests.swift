import XCTest
@testable import AssetLint

/// Every format, byte for byte, against `Fixtures/golden/`.
final class ReporterGoldenTests: XCTestCase {
    private func render(_ format: OutputFormat, _ run: LintRun, _ options: ReportOptions = ReportOptions()) -> String {
        format.reporter.render(run, options: options)
    }

    func testHandmadeRunInEveryFormat() {
        let run = ReporterFixtures.handmadeRun()
        for format in OutputFormat.allCases {
            Golden.check(render(format, run), "handmade.\(format.rawValue)")
        }
    }

    func testRealLintRunInEveryFormat() {
        let run = ReporterFixtures.realRun()
        for format in OutputFormat.allCases {
            Golden.check(render(format, run), "real.\(format.rawValue)")
        }
    }

    func testCleanRunInEveryFormat() {
        let run = ReporterFixtures.cleanRun()
        for format in OutputFormat.allCases {
            Golden.check(render(format, run), "clean.\(format.rawValue)")
        }
    }

    func testTextVariants() {
        let run = ReporterFixtures.handmadeRun()
        Golden.check(render(.text, run, ReportOptions(color: true)), "handmade-color.text")
        Golden.check(render(.text, run, ReportOptions(quiet: true)), "handmade-quiet.text")
        Golden.check(render(.text, run, ReportOptions(statistics: true)), "handmade-statistics.text")
        Golden.check(render(.concise, run, ReportOptions(statistics: true)), "handmade-statistics.concise")
        Golden.check(render(.concise, run, ReportOptions(color: true)), "handmade-color.concise")
    }

    func testEmptyRun() {
        let run = LintRun(files: [], catalog: [], toolVersion: "0.1.0")
        for format in OutputFormat.allCases {
            Golden.check(render(format, run), "empty.\(format.rawValue)")
        }
    }

    func testRenderingIsDeterministic() {
        for format in OutputFormat.allCases {
            XCTAssertEqual(render(format, ReporterFixtures.handmadeRun()), render(format, ReporterFixtures.handmadeRun()), "\(format)")
        }
    }
}
