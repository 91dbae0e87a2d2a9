import MCPCore

/// What mcptask remembers of a task it started, so later invocations can reach it (`TASK` may be an id, a
/// unique prefix of one, or `last`).
package struct JournalEntry: Codable, Sendable, Equatable {
    package var taskId: String
    /// The server as the user named it: a config name, `demo`, a URL or a command.
    package var server: String
    /// `stdio` or `http`.
    package var transport: String
    package var url: String?
    /// The stdio command line (executable first), to say which process the task lived in.
    package var command: [String]?
    /// The HTTP session the task belongs to; servers scope tasks to it.
    package var sessionId: String?
    /// The protocol revision negotiated in that session, so a later command rejoins it without a second
    /// `initialize` (which strict servers refuse on a live session).
    package var protocolVersion: String?
    /// The capabilities the server declared in that session (which task requests it serves).
    package var serverCapabilities: JSONValue?
    package var tool: String
    /// Seconds since the epoch, by this machine's clock.
    package var createdAt: Double
    /// Retention in milliseconds, when the server said.
    package var ttl: Int?
    package var status: String
    package var progressToken: String?

    package init(
        taskId: String, server: String, transport: String, url: String? = nil, command: [String]? = nil,
        sessionId: String? = nil, tool: String, createdAt: Double, ttl: Int? = nil, status: String,
        progressToken: String? = nil
    ) {
        self.taskId = taskId
        self.server = server
        self.transport = transport
        self.url = url
        self.command = command
        self.sessionId = sessionId
        self.tool = tool
        self.createdAt = createdAt
        self.ttl = ttl
        self.status = status
        self.progressToken = progressToken
    }

    /// When the server may delete it: at the end of its ttl, or a week after creation without one.
    package var expiresAt: Double {
        guard let ttl else { return createdAt + 7 * 86400 }
        return createdAt + Double(ttl) / 1000
    }

    /// Whether the server may already have deleted it.
    package func isExpired(now: Double) -> Bool { now > expiresAt }

    /// Completed, failed or cancelled: it will not change again.
    package var isTerminal: Bool { TaskStatus(rawValue: status).isTerminal }
}
