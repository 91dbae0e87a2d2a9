import ArgumentParser
import MCPClient
import MCPCommandKit
import MCPCore
import MCPRender
import MCPSessionRelay

#if canImport(Glibc)
    import Glibc
#endif

/// `mcptask session …`: named background sessions that keep one connection (and a stdio server's
/// process) alive between commands, reached with `-s @NAME`.
struct SessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session", abstract: "Background sessions that keep a server connection between commands.",
        discussion: """
            A session owns one connection to the server, so tasks of a stdio server (which live only as long \
            as its process) and of HTTP servers that scope tasks to a session stay reachable: start one, then \
            use -s @NAME with any command, from any shell.
            """,
        subcommands: [
            StartSessionCommand.self, ListSessionsCommand.self, StopSessionCommand.self, SessionLogsCommand.self,
            ServeSessionCommand.self,
        ])
}

/// `session start NAME (-s SERVER | -- COMMAND...)`.
struct StartSessionCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Start a background session connected to a server.",
        usage: """
            mcptask session start <name> -s <server> [<options>]
            mcptask session start <name> [<options>] -- <command> [<argument> ...]
            """,
        discussion: """
            The server is -s NAME, URL or 'demo', or the stdio server command after '--'. Returns once the \
            server is connected and initialized, or with the reason it is not.
            """)

    @OptionGroup var server: ServerOptions

    @Argument(help: "The session's name, used as -s @NAME.")
    var name: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Stop the session after this long with no command attached, e.g. 30m.", valueName: "duration"))
    var idleTimeout: DurationArgument?

    func run(in environment: CommandEnvironment) async -> ExitStatus {
        do {
            return try start(environment: environment)
        } catch {
            return ErrorReport.report(error, style: nil, to: environment.console.stderr)
        }
    }

    private func start(environment: CommandEnvironment) throws -> ExitStatus {
        let (variables, console) = (environment.variables, environment.console)
        let paths = try SessionPaths(name: name, environment: variables)
        try paths.prepare()
        // Resolve now, so a wrong -s or config fails here, in the user's terminal.
        let target = try ServerResolver(environment: variables, executablePath: environment.executablePath)
            .resolve(server: server.server, config: server.config, command: environment.serverCommand)
        if case .session = target {
            throw CommandFailure(status: .usage, message: "a session cannot be started on another session")
        }
        if let record = SessionRecord.read(paths.record), record.isAlive {
            throw CommandFailure(
                status: .usage,
                message: "session '\(name)' is already running (pid \(record.pid), \(record.target)); "
                    + "stop it first with mcptask session stop \(name)")
        }
        unlink(paths.socket)
        unlink(paths.record)
        var arguments = environment.arguments
        if let index = arguments.firstIndex(of: "start") { arguments[index] = "serve" }
        let wait = server.requestTimeout.duration + .seconds(30)
        let outcome = try SessionSpawner.spawn(
            executable: environment.executablePath, arguments: arguments, log: paths.log, environment: variables,
            wait: wait)
        let style = Style.resolve(
            choice: server.color.rawValue, isTerminal: console.stderr.isTerminal, environment: variables)
        switch outcome {
        case .ready(let pid):
            console.stderr.line(
                style.dim(
                    "mcptask: session '\(name)' is running (pid \(pid)) on \(target.displayName); use -s @\(name)"))
            return .success
        case .failed(let why):
            let lines = why.split(separator: "\n").map(String.init)
            throw CommandFailure(
                status: .connection, message: "session '\(name)' could not start: " + (lines.first ?? why),
                details: Array(lines.dropFirst()) + ["the log is \(paths.log)"])
        case .vanished:
            let tail = logTail(of: paths.log, lines: 5)
            throw CommandFailure(
                status: .connection, message: "session '\(name)' ended before it was ready; its log says:",
                details: tail.isEmpty ? ["(nothing; the log is \(paths.log))"] : tail)
        }
    }
}

/// `session serve NAME …` (hidden): the background process itself.
struct ServeSessionCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run a session in the foreground (what session start runs).",
        shouldDisplay: false)

    @OptionGroup var server: ServerOptions

    @Argument var name: String

    @Option(name: .long) var idleTimeout: DurationArgument?

    func run(in environment: CommandEnvironment) async -> ExitStatus {
        let ready = ReadySignal(descriptor: environment.variables["MCPTASK_READY_FD"].flatMap { Int32($0) })
        do {
            let paths = try SessionPaths(name: name, environment: environment.variables)
            try paths.prepare()
            var settings = server.settings
            settings.verbose = true
            let context = try CommandContext(settings: settings, environment: environment)
            return await SessionHost(
                paths: paths, context: context, idleTimeout: idleTimeout?.duration, ready: ready
            ).run()
        } catch {
            ready.send("failed: " + ErrorReport.status(for: error).1)
            return ErrorReport.report(error, style: nil, to: environment.console.stderr)
        }
    }
}
