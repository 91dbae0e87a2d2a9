import MCPClient
import MCPCore
import MCPRender

/// Where a command's output goes and what it can ask of the person: standard output and error, whether
/// standard input is a terminal, a prompter for questions, and the clock. The executable passes the real
/// one; tests pass a recording one. Nothing below the executable writes to the process's streams directly.
package struct Console: Sendable {
    package let stdout: OutputStream
    package let stderr: OutputStream
    /// Whether standard input is a terminal (with standard error one too, a person can be asked).
    package let inputIsTerminal: Bool
    /// Makes the prompter that asks the person at the terminal, in the given style; nil when nobody can be
    /// asked.
    package let prompter: @Sendable (Style, [String: String]) -> (any Prompter)?
    /// Seconds since 1970, for task ages and journal stamps.
    package let now: @Sendable () -> Double

    package init(
        stdout: OutputStream, stderr: OutputStream, inputIsTerminal: Bool,
        prompter: @escaping @Sendable (Style, [String: String]) -> (any Prompter)? = { _, _ in nil },
        now: @escaping @Sendable () -> Double = { Timestamps.now() }
    ) {
        self.stdout = stdout
        self.stderr = stderr
        self.inputIsTerminal = inputIsTerminal
        self.prompter = prompter
        self.now = now
    }

    /// Whether a person is at the terminal: standard input and standard error are both terminals.
    package var isInteractive: Bool { inputIsTerminal && stderr.isTerminal }

    /// A diagnostic line on standard error, held back while a question is on the terminal.
    package func note(_ text: String, style: Style) {
        TerminalHold.line(style.dim("mcptask: " + Sanitizer.clean(text)), to: stderr)
    }
}

/// Asks the person at the terminal an elicitation's questions (the form, or consent to open a URL).
package protocol Prompter: Sendable {
    func ask(_ request: ElicitRequest, asker: ElicitationAsker) async -> ElicitResult
    /// Waits for the person to finish URL elicitations in the browser (the server's completion notice, or
    /// their word); false when they gave up.
    func waitForBrowser(ids: Set<String>, notifications: AsyncStream<ServerNotification>) async -> Bool
}
