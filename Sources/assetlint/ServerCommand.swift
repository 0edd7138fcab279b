import ArgumentParser
import AssetLintServer

struct ServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run the language server: live diagnostics, quick fixes and hover in editors.",
        discussion: """
            Speaks the Language Server Protocol (3.17) over standard input and output. Each document is \
            linted with the nearest .assetlint.yml above it, reloaded when it changes. Exit status: 0 after the \
            client's shutdown and exit, 1 when the client exits or goes away without a shutdown.
            """,
        aliases: ["lsp"])

    @Flag(help: "Use standard input and output (the only transport; accepted because clients pass it).")
    var stdio = false

    func run() throws {
        let status = StdioServer.run()
        if status != 0 { throw ExitCode(status) }
    }
}
