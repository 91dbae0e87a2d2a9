/// How to start a stdio MCP server: the program, its arguments, extra environment and working directory.
public struct StdioServerCommand: Sendable, Equatable {
    public var executable: String
    public var arguments: [String]
    /// Added to (and overriding) the inherited environment.
    public var environment: [String: String]
    public var workingDirectory: String?

    public init(
        executable: String, arguments: [String] = [], environment: [String: String] = [:],
        workingDirectory: String? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// The command as a person would type it, for messages.
    public var displayString: String {
        ([executable] + arguments).map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}

/// Limits of a stdio connection.
public struct StdioOptions: Sendable {
    /// The largest inbound message accepted.
    public var maximumFrameSize: Int
    /// How long the server gets after its stdin closes, and again after SIGTERM, before it is killed.
    public var shutdownGrace: Duration
    /// How many of the server's last stderr lines are kept to explain a failure.
    public var stderrLinesKept: Int
    /// Starts the server in a session of its own, without a controlling terminal (for shell completion,
    /// where a server must never read from or write to the user's terminal). Either way the server leads a
    /// process group of its own, which teardown ends as a whole.
    public var detachedFromTerminal = false
    /// Told the server's process id (which is also its process group) when it starts (`true`) and again
    /// once it has been torn down (`false`), so the caller can end the group if it must exit at once.
    public var processObserver: (@Sendable (Int32, _ running: Bool) -> Void)?

    public init(
        maximumFrameSize: Int = 16 * 1024 * 1024, shutdownGrace: Duration = .seconds(2), stderrLinesKept: Int = 10
    ) {
        self.maximumFrameSize = maximumFrameSize
        self.shutdownGrace = shutdownGrace
        self.stderrLinesKept = stderrLinesKept
    }
}
