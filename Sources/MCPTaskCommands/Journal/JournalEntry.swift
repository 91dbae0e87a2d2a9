/// What mcptask remembers of a task it started, so later invocations can reach it (`TASK` may be an id, a
/// unique prefix of one, or `last`).
struct JournalEntry: Codable, Sendable, Equatable {
    var taskId: String
    /// The server as the user named it: a config name, `demo`, a URL or a command.
    var server: String
    /// `stdio` or `http`.
    var transport: String
    var url: String?
    /// The stdio command line (executable first), to say which process the task lived in.
    var command: [String]?
    /// The HTTP session the task belongs to; servers scope tasks to it.
    var sessionId: String?
    var tool: String
    /// Seconds since the epoch, by this machine's clock.
    var createdAt: Double
    /// Retention in milliseconds, when the server said.
    var ttl: Int?
    var status: String
    var progressToken: String?

    /// Whether the server may already have deleted it: past its ttl, or a week old without one.
    func isExpired(now: Double) -> Bool {
        guard let ttl else { return now - createdAt > 7 * 86400 }
        return now > createdAt + Double(ttl) / 1000
    }
}
