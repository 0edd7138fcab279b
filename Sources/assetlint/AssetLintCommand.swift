import ArgumentParser
import AssetLint

@main
struct AssetLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assetlint",
        abstract: "Lint asset-import manifests, bucket CORS configurations and service-account keys before they reach the labeling hub.",
        version: AssetLintVersion.current,
        subcommands: [CheckCommand.self, RulesCommand.self, ExplainCommand.self, URLCommand.self, ServerCommand.self],
        defaultSubcommand: CheckCommand.self)

    /// Usage errors exit with status 2, as the other input problems do (not the parser's default 64).
    static func main() {
        FileLoader.installTruncationGuard()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                let message = fullMessage(for: error)
                if !message.isEmpty { OutputSink.console.standardError(message + "\n") }
                Foundation_exit(ExitStatus.usageOrInput)
            }
            exit(withError: error)
        }
    }
}
