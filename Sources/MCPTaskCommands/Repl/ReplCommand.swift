import ArgumentParser
import MCPClient
import MCPRender

/// `mcptask repl` (also `mcptask -s SERVER` with no command): an interactive shell on one connection.
struct ReplCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "An interactive shell on one connection: the command line's verbs, background calls, live events.",
        discussion: """
            Commands: tools, call TOOL [KEY=VALUE ...] [&], watch, status, result, cancel, tasks (with the \
            command line's arguments), jobs, fg N, trace on|off, help, quit. 'call … &' runs in the background; \
            its status changes and its end are printed above the prompt. A task that asks for input gets a form. \
            Ctrl-C clears the line, or stops the command in the foreground as on the command line; Ctrl-D quits. \
            History is kept in $XDG_STATE_HOME/mcptask/history, without lines that carry --answer values. With \
            standard input not a terminal, commands are read from it one per line (no prompt, no forms), and the \
            exit status is the last command's.
            """)

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let environment = FileSystem.environment()
        let noServer =
            server.server == nil && ServerCommandLine.trailing.isEmpty
            && (environment["MCPTASK_SERVER"] ?? "").isEmpty
        if noServer {
            // `mcptask` alone still shows how to use it; `mcptask repl` without a server says what is missing.
            if CommandLine.arguments.count <= 1 { throw CleanExit.helpRequest(MCPTask.self) }
            let failure = CommandFailure(
                status: .usage, message: "choose a server: -s NAME|URL|@SESSION, or a stdio server after '--'")
            throw ErrorReport.report(failure, style: nil).exitCode
        }
        let status = await Repl.start(options: server, command: ServerCommandLine.trailing)
        if status != .success { throw status.exitCode }
    }
}

extension Repl {
    /// Connects once and runs the REPL on that connection. Ctrl-C while connecting gives up.
    static func start(options: ServerOptions, command: [String]) async -> ExitStatus {
        let context: CommandContext
        let tracer: SwitchableTracer
        do {
            (context, tracer) = try replContext(options: options, command: command)
        } catch {
            return ErrorReport.report(error, style: nil)
        }
        let console = ReplConsole(
            style: context.style, environment: context.environment,
            historyPath: ReplHistory.path(environment: context.environment))
        let signals = ReplSignals(editor: console.editor) { [console] in console.stopPlainInput() }
        return await signals.foreground(hardAtOnce: true) { connecting in
            do {
                // Tasks started here stay reachable afterwards (`mcptask result`): the HTTP session is kept.
                let ran = try await until(connecting.hard) {
                    try await context.withSession(keepSession: true) { session in
                        // Connected: from now on Ctrl-C is the prompt's and its commands'.
                        signals.endForeground()
                        return await Repl(
                            context: context, session: session, console: console, signals: signals, tracer: tracer
                        ).run()
                    }
                }
                guard let ran else {
                    OutputStream.standardError.line(context.style.dim("mcptask: interrupted"))
                    return .interrupted
                }
                return ran
            } catch {
                return ErrorReport.report(error, style: context.style)
            }
        }
    }

    /// The REPL's context: the command line's, with interrupts that do not listen to Ctrl-C (the REPL
    /// routes it) and a tracer `trace on|off` can switch. The context built on the way, whose interrupts
    /// do listen, is dropped here.
    private static func replContext(options: ServerOptions, command: [String]) throws -> (
        CommandContext, SwitchableTracer
    ) {
        let base = try CommandContext(options: options, command: command)
        let tracer = SwitchableTracer(initial: base.tracer)
        let context = CommandContext(
            copying: base, interrupts: Interrupts(timeout: nil, listensForSignals: false), tracer: .some(tracer))
        return (context, tracer)
    }
}
