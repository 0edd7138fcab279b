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
        fixLargeBlockThreshold()
        FileLoader.installTruncationGuard()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
            OutputSink.console.standardOutput(rootHelp())
            Foundation_exit(ExitStatus.clean)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                let message = fullMessage(for: error)
                if !message.isEmpty { OutputSink.console.standardError(lowerCasingErrorPrefix(message) + "\n") }
                Foundation_exit(ExitStatus.usageOrInput)
            }
            exit(withError: error)
        }
    }

    /// Every message of the command line starts with `error:`, the parser's too (it writes `Error:`).
    static func lowerCasingErrorPrefix(_ message: String) -> String {
        message.hasPrefix("Error: ") ? "error: " + message.dropFirst("Error: ".count) : message
    }

    /// `assetlint --help`: linting is what the command does without a subcommand, so its help
    /// shows the lint options (those of `check`) and then lists the subcommands.
    static func rootHelp() -> String {
        let check = helpMessage(for: CheckCommand.self)
        let root = helpMessage()
        // The check command's arguments and options, under the usage of the bare command.
        var sections = check.components(separatedBy: "\n\n")
        sections.removeAll { $0.hasPrefix("OVERVIEW:") }
        sections = sections.map { section in
            guard section.hasPrefix("USAGE:") else { return section }
            return section.replacingFirst("assetlint check ", with: "assetlint ") + "\n       assetlint <subcommand>"
        }
        let overview = root.components(separatedBy: "\n\n").first { $0.hasPrefix("OVERVIEW:") }
        let subcommands = root.components(separatedBy: "\n\n").drop { !$0.hasPrefix("SUBCOMMANDS:") }
        let all = [overview].compactMap { $0 } + sections + subcommands
        return all.map { $0.trimmingTrailingNewlines() }.filter { !$0.isEmpty }.joined(separator: "\n\n") + "\n"
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }

    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
