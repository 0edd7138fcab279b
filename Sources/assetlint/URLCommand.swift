import ArgumentParser
import AssetLint

struct URLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "url",
        abstract: "Show how URLs parse, what the browser requests, and their U diagnostics.",
        discussion: """
            Each URL is checked by the U rules as the data of a one-item manifest, with the storage settings \
            of the configuration (storage.provider, storage.buckets). Exit status: 0 when no URL has an \
            error-severity finding, 1 otherwise, 2 on a usage or configuration error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The URLs to inspect.")
    var urls: [String]

    @Option(help: "text (default) or json.")
    var format: Format = .text

    @Option(help: "Configuration file (default: the nearest .assetlint.yml from the current folder upwards).")
    var config: String?

    func validate() throws {
        if urls.isEmpty { throw ValidationError("give at least one URL") }
    }

    func run() throws {
        let directory = currentDirectory()
        var configuration = Configuration(directory: directory)
        if let path = config ?? ConfigurationLoader.discover(from: directory) {
            let (loaded, errors) = ConfigurationLoader.validate(path: path) { RuleSelection.isKnown($0, in: RuleRegistry.catalog) }
            guard errors.isEmpty else {
                OutputSink.console.standardError(errors.map(\.description).joined(separator: "\n") + "\n")
                throw ExitCode(ExitStatus.usageOrInput)
            }
            configuration = loaded
        }
        let results = URLInspection.inspect(urls, configuration: configuration)
        switch format {
        case .text: OutputSink.console.standardOutput(URLInspection.renderText(results))
        case .json: OutputSink.console.standardOutput(URLInspection.renderJSON(results))
        }
        if results.contains(where: \.hasErrors) { throw ExitCode(ExitStatus.findings) }
    }
}
