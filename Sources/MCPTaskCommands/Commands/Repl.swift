import ArgumentParser
import MCPCommandKit
import MCPRepl

/// `mcptask repl` (also `mcptask -s SERVER` with no command): an interactive shell on one connection.
struct ReplCommand: RunnableCommand {
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

    func run(in environment: CommandEnvironment) async -> ExitStatus {
        let noServer =
            server.server == nil && environment.serverCommand.isEmpty
            && (environment.variables["MCPTASK_SERVER"] ?? "").isEmpty
        if noServer {
            // (`mcptask` alone shows the help instead.)
            let failure = CommandFailure(
                status: .usage, message: "choose a server: -s NAME|URL|@SESSION, or a stdio server after '--'")
            return ErrorReport.report(failure, style: nil, to: environment.console.stderr)
        }
        return await Repl.start(settings: server.settings, environment: environment)
    }
}
