import LineEditor
import MCPRender

#if canImport(Glibc)
    import Glibc
#endif

extension Console {
    /// The process's own console: file descriptors 1 and 2, standard input's terminal, and a prompter on the
    /// terminal when a person is there.
    package static func standard(signals: SignalRouter) -> Console {
        Console(
            stdout: .standardOutput, stderr: .standardError, inputIsTerminal: isatty(0) == 1,
            prompter: { style, environment in
                TerminalPrompter.forCommand(style: style, environment: environment, signals: signals)
            })
    }
}
