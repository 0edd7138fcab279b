import ArgumentParser
import AssetLint

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rule catalog.",
        discussion: "With --format markdown --output DIR, writes one page per rule and an index (how Rules/ is generated).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @Option(help: "text, json or markdown.")
    var format: Format = .text

    @Option(help: "With --format markdown: the folder to write the rule pages to.")
    var output: String?

    @Option(help: "Configuration whose custom rules are listed too (default: the nearest .assetlint.yml).")
    var config: String?

    func validate() throws {
        if output != nil, format != .markdown { throw ValidationError("--output needs --format markdown") }
    }

    func run() throws {
        var catalog = RuleRegistry.catalog
        // The generated pages are the built-in catalog only; listings include custom rules.
        if output == nil {
            var options = SessionOptions()
            options.configPath = config
            options.workingDirectory = currentDirectory()
            switch LintSession.loadConfiguration(options) {
            case .success(let configuration):
                catalog = Linter(configuration: configuration).catalog
            case .failure(let errors):
                OutputSink.console.standardError("\(errors)\n")
                throw ExitCode(ExitStatus.usageOrInput)
            }
        }
        switch format {
        case .text:
            OutputSink.console.standardOutput(RuleDocumentation.textCatalog(catalog))
        case .json:
            OutputSink.console.standardOutput(RuleDocumentation.jsonCatalog(catalog))
        case .markdown:
            guard let output else {
                OutputSink.console.standardOutput(RuleDocumentation.index(catalog))
                return
            }
            do {
                let written = try RulePages.write(catalog, to: output)
                OutputSink.console.standardError("wrote \(written) pages to \(output)\n")
            } catch {
                OutputSink.console.standardError("error: \(error)\n")
                throw ExitCode(ExitStatus.usageOrInput)
            }
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Show one rule's page: what it checks, why, examples and fix.")

    @Argument(help: "A rule id or name, e.g. U204 or url-plus-in-path.")
    var rule: String

    func run() throws {
        guard let found = RuleRegistry.rule(rule) else {
            OutputSink.console.standardError("error: unknown rule '\(rule)' (see 'assetlint rules')\n")
            throw ExitCode(ExitStatus.usageOrInput)
        }
        OutputSink.console.standardOutput(RuleDocumentation.page(for: RuleRegistry.metadata(of: found)))
    }
}
