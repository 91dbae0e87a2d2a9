import ArgumentParser
import MCPCommandKit

/// `mcptask`: the root command.
struct MCPTask: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcptask",
        abstract: "Inspect and drive MCP tasks: list tools, start task-augmented calls, follow them live.",
        discussion: """
            Choose a server with -s NAME|URL (NAME from a config file: mcptask servers lists them; or 'demo' \
            for the bundled demo server), or put a stdio server command after '--'.

            Exit status: 0 success, 1 tool error or task failed, 2 task cancelled, 3 input required but not \
            given, 4 connection or transport failure, 5 protocol violation, 6 no such task, 64 usage error, \
            124 --timeout elapsed, 129 SIGHUP, 130 interrupted (Ctrl-C), 143 SIGTERM.
            """,
        version: MCPTaskVersion.current,
        subcommands: [
            ToolsCommand.self, CallCommand.self, WatchCommand.self, StatusCommand.self, ResultCommand.self,
            CancelCommand.self, TasksCommand.self, ServersCommand.self, CheckCommand.self, SessionCommand.self,
            AuthCommand.self, BenchCommand.self,
            ReplCommand.self,
        ],
        // `mcptask -s SERVER` with no command starts the REPL.
        defaultSubcommand: ReplCommand.self
    )

    init() {}
}

/// The program: parses the arguments and runs the command they name with the console, signals and
/// environment the executable gives; the exit status.
public enum MCPTaskProgram {
    /// The executable's entry: the process's console, the signal router installed once, its environment.
    public static func main(_ arguments: [String]) async -> Int32 {
        if arguments.first == "---completion" {
            // Completion must never reach the terminal and never outlive its limit.
            CompletionDeadline.begin()
        }
        let signals = SignalRouter.installed()
        let variables = FileSystem.environment()
        var environment = CommandEnvironment(
            console: .standard(signals: signals), signals: signals, variables: variables,
            arguments: arguments, executablePath: FileSystem.executablePath())
        environment.interactiveLogin = { offer, console in
            await InteractiveLogin.run(offer, console: console, environment: variables)
        }
        return await run(arguments, in: environment)
    }

    /// Runs `arguments` (without the program name). A trailing `-- COMMAND ARGS` (a stdio server) is split
    /// off before parsing, so every command takes it the same way whatever positional arguments it has; a
    /// shell's completion request (`---completion ... -- ARGUMENT ...`) is passed through whole.
    package static func run(_ arguments: [String], in environment: CommandEnvironment) async -> Int32 {
        var environment = environment
        var parsed = arguments
        environment.arguments = arguments
        if arguments.first != "---completion", let terminator = arguments.firstIndex(of: "--") {
            environment.serverCommand = Array(arguments[(terminator + 1)...])
            parsed = Array(arguments[..<terminator])
        }
        if arguments.isEmpty && (environment.variables["MCPTASK_SERVER"] ?? "").isEmpty {
            // `mcptask` alone shows how to use it (with MCPTASK_SERVER set it starts the REPL).
            environment.console.stdout.line(MCPTask.helpMessage())
            return 0
        }
        do {
            var command = try await MCPTask.asyncParseAsRoot(parsed)
            if let runnable = command as? any RunnableCommand {
                return await runnable.run(in: environment).rawValue
            }
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            return report(error, environment.console)
        }
    }

    /// What argument-parser has to say (help, version, a usage error), printed where it belongs.
    private static func report(_ error: any Error, _ console: Console) -> Int32 {
        let code = MCPTask.exitCode(for: error)
        let message = MCPTask.fullMessage(for: error)
        if !message.isEmpty {
            (code == .success ? console.stdout : console.stderr).line(message)
        }
        return code.rawValue
    }
}
