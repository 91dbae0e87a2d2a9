import MCPCore

#if canImport(Glibc)
    import Glibc
#endif

/// What a background session says about itself in `NAME.json` (0600), for `session list` and for
/// commands that need to explain why a session went away.
package struct SessionRecord: Codable, Sendable, Equatable {
    package enum State: String, Codable, Sendable {
        case starting, ready
        /// The server exited or the connection broke; `message` says how.
        case exited
    }

    package var name: String
    package var pid: Int32
    /// The server as the user named it.
    package var target: String
    package var transport: String
    /// Seconds since the epoch.
    package var startedAt: Double
    package var state: State
    package var message: String?
    /// Tasks created through the session, for `session list`.
    package var liveTasks: Int?

    package init(
        name: String, pid: Int32, target: String, transport: String, startedAt: Double, state: State,
        message: String? = nil, liveTasks: Int? = nil
    ) {
        self.name = name
        self.pid = pid
        self.target = target
        self.transport = transport
        self.startedAt = startedAt
        self.state = state
        self.message = message
        self.liveTasks = liveTasks
    }

    package static func read(_ path: String) -> SessionRecord? {
        guard let bytes = try? FileSystem.read(path), let json = try? JSONParser.parse(bytes) else { return nil }
        return try? JSONValueDecoder.decode(SessionRecord.self, from: json)
    }

    package func write(to path: String) throws {
        let json = try JSONValueEncoder.encode(self)
        try FileSystem.writePrivate(path, bytes: Array(JSONWriter.pretty(json).utf8) + [0x0A])
    }

    /// Whether the process that wrote the record still runs.
    package var isAlive: Bool { kill(pid, 0) == 0 || errno == EPERM }
}
