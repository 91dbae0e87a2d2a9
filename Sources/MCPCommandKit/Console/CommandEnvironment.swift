import ArgumentParser

/// What a command is given by the program that runs it, as values: its console, the signal router, the
/// environment variables, the stdio server command after `--`, and the program's whole argument list
/// (`session start` runs it again as the background process). Nothing reads `CommandLine` or a global.
package struct CommandEnvironment: Sendable {
    package var console: Console
    package var signals: SignalRouter
    package var variables: [String: String]
    /// The stdio server command given after `--`, if any.
    package var serverCommand: [String]
    /// The program's arguments, without the program name, `--` and the server command included.
    package var arguments: [String]
    /// The path of the running mcptask executable (a background session is started with it, and `-s demo`
    /// finds the demo server beside it).
    package var executablePath: String?
    /// The child processes the command runs, ended before a forced exit.
    package var children = ChildProcesses()
    /// Logs in to the HTTP server of the offer with a person at the terminal (the authorization page shown,
    /// opened only after their yes); true once tokens are stored. Nil: a 401 or a step-up's 403 only says how
    /// to log in.
    package var interactiveLogin: (@Sendable (_ offer: LoginOffer, _ console: Console) async -> Bool)?

    package init(
        console: Console, signals: SignalRouter, variables: [String: String], serverCommand: [String] = [],
        arguments: [String] = [], executablePath: String? = nil
    ) {
        self.console = console
        self.signals = signals
        self.variables = variables
        self.serverCommand = serverCommand
        self.arguments = arguments
        self.executablePath = executablePath
    }

    /// Whether the arguments give elicitation answers (--answer, --answers).
    package var carriesAnswers: Bool {
        arguments.prefix { $0 != "--" }.contains { argument in
            argument == "--answer" || argument == "--answers" || argument.hasPrefix("--answer=")
                || argument.hasPrefix("--answers=")
        }
    }
}

/// A command the program runs with an environment, giving its exit status (the commands' `run()` is
/// never called).
package protocol RunnableCommand: ParsableCommand {
    func run(in environment: CommandEnvironment) async -> ExitStatus
}
