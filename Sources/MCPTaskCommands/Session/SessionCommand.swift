import ArgumentParser
import MCPClient
import MCPCore
import MCPRender
import MCPTransport

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
struct StartSessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Start a background session connected to a server.",
        discussion: "Returns once the server is connected and initialized, or with the reason it is not.")

    @OptionGroup var server: ServerOptions

    @Argument(help: "The session's name, used as -s @NAME.")
    var name: String

    @Option(name: .long, help: "Stop the session after this long with no command attached, e.g. 30m.")
    var idleTimeout: DurationArgument?

    func run() async throws {
        let environment = FileSystem.environment()
        let status: ExitStatus
        do {
            status = try start(environment: environment)
        } catch {
            status = ErrorReport.report(error, style: nil)
        }
        if status != .success { throw status.exitCode }
    }

    private func start(environment: [String: String]) throws -> ExitStatus {
        let paths = try SessionPaths(name: name, environment: environment)
        try paths.prepare()
        // Resolve now, so a wrong -s or config fails here, in the user's terminal.
        let target = try ServerResolver(environment: environment, executablePath: FileSystem.executablePath())
            .resolve(server: server.server, config: server.config, command: ServerCommandLine.trailing)
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
        var arguments = Array(CommandLine.arguments.dropFirst())
        if let index = arguments.firstIndex(of: "start") { arguments[index] = "serve" }
        let wait = server.requestTimeout.duration + .seconds(30)
        let outcome = try SessionSpawner.spawn(
            arguments: arguments, log: paths.log, environment: environment, wait: wait)
        let style = Style.resolve(
            choice: server.color.rawValue, isTerminal: OutputStream.standardError.isTerminal,
            environment: environment)
        switch outcome {
        case .ready(let pid):
            OutputStream.standardError.line(
                style.dim(
                    "mcptask: session '\(name)' is running (pid \(pid)) on \(target.displayName); use -s @\(name)"))
            return .success
        case .failed(let why):
            let lines = why.split(separator: "\n").map(String.init)
            throw CommandFailure(
                status: .connection, message: "session '\(name)' could not start: " + (lines.first ?? why),
                details: Array(lines.dropFirst()) + ["the log is \(paths.log)"])
        case .vanished:
            let tail = SessionLogsCommand.tail(of: paths.log, lines: 5)
            throw CommandFailure(
                status: .connection, message: "session '\(name)' ended before it was ready; its log says:",
                details: tail.isEmpty ? ["(nothing; the log is \(paths.log))"] : tail)
        }
    }
}

/// `session serve NAME …` (hidden): the background process itself.
struct ServeSessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run a session in the foreground (what session start runs).",
        shouldDisplay: false)

    @OptionGroup var server: ServerOptions

    @Argument var name: String

    @Option(name: .long) var idleTimeout: DurationArgument?

    func run() async throws {
        let environment = FileSystem.environment()
        let ready = ReadySignal(descriptor: environment["MCPTASK_READY_FD"].flatMap { Int32($0) })
        let status: ExitStatus
        do {
            let paths = try SessionPaths(name: name, environment: environment)
            try paths.prepare()
            var options = server
            options.verbose = true
            let context = try CommandContext(options: options, command: ServerCommandLine.trailing)
            status = await SessionHost(
                paths: paths, context: context, idleTimeout: idleTimeout?.duration, ready: ready
            ).run()
        } catch {
            ready.send("failed: " + ErrorReport.status(for: error).1)
            status = ErrorReport.report(error, style: nil)
        }
        if status != .success { throw status.exitCode }
    }
}
