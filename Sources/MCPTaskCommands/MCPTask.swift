import ArgumentParser

/// `mcptask`: the root command.
public struct MCPTask: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mcptask",
        abstract: "Inspect and drive MCP tasks: list tools, start task-augmented calls, follow them live.",
        discussion: """
            Choose a server with -s NAME|URL (NAME from .mcp.json or servers.json, or 'demo' for the bundled \
            demo server), or put a stdio server command after '--'.

            Exit status: 0 success, 1 tool error or task failed, 2 task cancelled, 3 input required but not \
            given, 4 connection or transport failure, 5 protocol violation, 6 no such task, 64 usage error, \
            124 --timeout elapsed, 130 interrupted.
            """,
        version: MCPTaskVersion.current,
        subcommands: [
            ToolsCommand.self, CallCommand.self, WatchCommand.self, StatusCommand.self, ResultCommand.self,
            CancelCommand.self, TasksCommand.self, SessionCommand.self, BenchCommand.self, ReplCommand.self,
        ],
        // `mcptask -s SERVER` with no command starts the REPL.
        defaultSubcommand: ReplCommand.self
    )

    public init() {}

    /// Splits off a trailing `-- COMMAND ARGS` (a stdio server) before parsing the rest, so every command
    /// takes it the same way whatever positional arguments it has. A shell's completion request
    /// (`---completion ... -- ARGUMENT ...`) is passed through whole: its `--` is part of the request.
    public static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "---completion" {
            CompletionDeadline.begin()
        } else if let terminator = arguments.firstIndex(of: "--") {
            ServerCommandLine.trailing = Array(arguments[(terminator + 1)...])
            arguments = Array(arguments[..<terminator])
        }
        do {
            var command = try await asyncParseAsRoot(arguments)
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// The server command given after `--`, if any.
enum ServerCommandLine {
    nonisolated(unsafe) static var trailing: [String] = []
}

enum MCPTaskVersion {
    static let current = "0.1.0"
}
