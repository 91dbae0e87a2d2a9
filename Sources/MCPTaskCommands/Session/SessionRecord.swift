import MCPCore

#if canImport(Glibc)
    import Glibc
#endif

/// What a background session says about itself in `NAME.json` (0600), for `session list` and for
/// commands that need to explain why a session went away.
struct SessionRecord: Codable, Sendable, Equatable {
    enum State: String, Codable, Sendable {
        case starting, ready
        /// The server exited or the connection broke; `message` says how.
        case exited
    }

    var name: String
    var pid: Int32
    /// The server as the user named it.
    var target: String
    var transport: String
    /// Seconds since the epoch.
    var startedAt: Double
    var state: State
    var message: String?
    /// Tasks created through the session, for `session list`.
    var liveTasks: Int?

    static func read(_ path: String) -> SessionRecord? {
        guard let bytes = try? FileSystem.read(path), let json = try? JSONParser.parse(bytes) else { return nil }
        return try? JSONValueDecoder.decode(SessionRecord.self, from: json)
    }

    func write(to path: String) throws {
        let json = try JSONValueEncoder.encode(self)
        try FileSystem.writePrivate(path, bytes: Array(JSONWriter.pretty(json).utf8) + [0x0A])
    }

    /// Whether the process that wrote the record still runs.
    var isAlive: Bool { kill(pid, 0) == 0 || errno == EPERM }
}
