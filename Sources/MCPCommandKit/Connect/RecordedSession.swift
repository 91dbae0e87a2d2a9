import MCPCore

/// An HTTP session an earlier invocation opened and the journal remembers: its `Mcp-Session-Id` and, when
/// recorded, what the server answered to `initialize` in it, so the session is rejoined without a second
/// handshake.
package struct RecordedSession: Sendable, Equatable {
    package var sessionID: String
    /// The negotiated revision and the server's capabilities then; nil for entries written before they were
    /// recorded, which are rejoined the old way (initialize carrying the session id).
    package var initialized: InitializeResult?

    package init(sessionID: String, initialized: InitializeResult? = nil) {
        self.sessionID = sessionID
        self.initialized = initialized
    }

    /// The session of a journal entry, when it has one.
    package init?(_ entry: JournalEntry) {
        guard let sessionID = entry.sessionId else { return nil }
        self.sessionID = sessionID
        if let version = entry.protocolVersion {
            let capabilities =
                entry.serverCapabilities.flatMap { try? JSONValueDecoder.decode(ServerCapabilities.self, from: $0) }
                ?? ServerCapabilities()
            // The server's name is not needed to reach a task; the journal's name for the server stands in.
            initialized = InitializeResult(
                protocolVersion: version, capabilities: capabilities,
                serverInfo: Implementation(name: entry.server, version: "?"))
        }
    }
}
