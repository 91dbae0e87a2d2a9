/// The few messages of mcptask's own between a command and a background session, besides MCP itself.
package enum SessionMethods {
    /// A command says it has a terminal (or answers), so elicitations without an attached owner may go to it.
    package static let terminalNotice = "notifications/mcptask/terminal"
    /// The session's clients and tasks (`session list`).
    package static let status = "mcptask/session/status"
    /// Stops the session (`session stop`).
    package static let stop = "mcptask/session/stop"
}
