import AsyncHTTPClient
import MCPCore
import NIOCore

/// A session the server forgot (HTTP 404) while this connection used it, replaced once by a new one when
/// the caller allows it for that session (it created no task that would be lost with it): the recorded
/// `initialize` is sent again, its answer consumed here (the session already has it), then
/// `notifications/initialized`, and the refused request is sent again in the new session.
extension HTTPConnection {
    /// Allows renewing an expired session whose id `allowed` accepts.
    public func renewsExpiredSession(when allowed: @escaping @Sendable (String) -> Bool) {
        state.withLock { $0.renewal = allowed }
    }

    /// Whether the expiry of `sessionID` may be answered with a new session: once per connection, after a
    /// handshake this connection sent itself, for a session the caller lets go.
    func mayRenew(_ sessionID: String) -> Bool {
        let (renewal, renewed, handshake) = state.withLock { ($0.renewal, $0.renewed, $0.initializeFrame) }
        guard let renewal, !renewed, handshake != nil, !isClosing else { return false }
        return renewal(sessionID)
    }

    func renewSession(_ expired: String) async throws(TransportError) {
        let handshake: [UInt8]? = state.withLock { state in
            guard !state.renewed, state.sessionID == expired else { return nil }
            state.renewed = true
            state.sessionID = nil
            return state.initializeFrame
        }
        // Another request renewed it already: the retry uses the new session.
        guard let handshake else { return }
        logger.info("the server no longer knows session \(expired) (HTTP 404); initializing a new session and retrying")
        var request = makeRequest(.POST, accept: "application/json, text/event-stream")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: handshake))
        let response = try await execute(request)
        let status = Int(response.status.code)
        guard (200..<300).contains(status), let value = response.headers.first(name: "Mcp-Session-Id") else {
            _ = try? await response.body.collect(upTo: 64 * 1024)
            throw HTTPFailure.sessionGone(expired, details: ["a new session could not be started (HTTP \(status))"])
        }
        // The answer repeats what the first handshake said; read it to its end and drop it.
        do {
            if Self.isEventStream(response) {
                var parser = SSEParser(maximumEventSize: options.maximumMessageSize)
                reading: for try await buffer in response.body {
                    for event in try parser.feed(buffer.readableBytesView) {
                        if let json = try? JSONParser.parse(Array(event.data.utf8)), json["method"] == nil,
                            json["id"] != nil
                        {
                            break reading
                        }
                    }
                }
            } else {
                _ = try await response.body.collect(upTo: options.maximumMessageSize)
            }
        } catch {
            throw HTTPFailure.sessionGone(expired, details: ["a new session could not be started: \(error)"])
        }
        state.withLock { $0.sessionID = value }
        var initialized = makeRequest(.POST, accept: "application/json, text/event-stream")
        initialized.headers.add(name: "Content-Type", value: "application/json")
        initialized.body = .bytes(ByteBuffer(string: #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#))
        let acknowledged = try await execute(initialized)
        _ = try? await acknowledged.body.collect(upTo: 64 * 1024)
        logger.info("continuing in the new session \(value)")
        // The standalone stream ended with the old session; the new one gets its own.
        if state.withLock({ $0.protocolVersion != nil }) { jobs.yield { await self.runStandaloneStream() } }
    }
}
