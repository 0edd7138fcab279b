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
        commandName: "explain", abstract: "Show one rule's page: what it checks, why, examples and fix.",
        discussion: "Custom rules (X001-X999) come from the configuration, like in a lint run.")

    @Argument(help: "A rule id or name, e.g. U204, url-plus-in-path or a custom rule's X001.")
    var rule: String

    @Option(help: "Configuration whose custom rules can be explained too (default: the nearest .assetlint.yml).")
    var config: String?

    func run() throws {
        // A built-in rule needs no configuration (a broken one does not hide its page).
        if config == nil, let builtIn = RuleRegistry.rule(rule) {
            OutputSink.console.standardOutput(RuleDocumentation.page(for: RuleRegistry.metadata(of: builtIn)))
            return
        }
        var options = SessionOptions()
        options.configPath = config
        options.workingDirectory = currentDirectory()
        let catalog: [RuleMetadata]
        switch LintSession.loadConfiguration(options) {
        case .success(let configuration):
            catalog = Linter(configuration: configuration).catalog
        case .failure(let errors):
            OutputSink.console.standardError("\(errors)\n")
            throw ExitCode(ExitStatus.usageOrInput)
        }
        guard let found = catalog.first(where: { $0.id.equalsIgnoringCase(rule) || $0.name.equalsIgnoringCase(rule) }) else {
            let hint = RuleSelection.suggestion(for: rule, in: catalog).map { "; did you mean '\($0)'?" } ?? " (see 'assetlint rules')"
            OutputSink.console.standardError("error: unknown rule '\(rule)'\(hint)\n")
            throw ExitCode(ExitStatus.usageOrInput)
        }
        OutputSink.console.standardOutput(RuleDocumentation.page(for: found))
    }
}

extension String {
    func equalsIgnoringCase(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
