import Logging
import MCPClient
import MCPCore
import MCPTestSupport
import Testing

/// What a session does with messages it cannot read: skip them with one warning per kind (as the official
/// SDKs read on past a stray line), repair invalid UTF-8, and with `strict` end the session.
@Suite(.timeLimit(.minutes(1))) struct UnreadableMessageTests {
    @Test("stray lines are skipped and counted; invalid UTF-8 in a message is replaced, the message kept")
    func skipsAndRepairs() async throws {
        let tools = try await withFakeServer({ peer in
            _ = try await peer.handshake()
            peer.sendRaw("print() left in a server")
            peer.sendRaw("print() left in a server, again")
            peer.sendRaw("[1, 2, 3]")
            // A progress notification whose message has a byte that is not UTF-8.
            var bytes = Array(
                #"{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"caf"#.utf8)
            bytes += [0xE9] + Array(#""}}"#.utf8)
            peer.end.toClient.yield(bytes)
            let (id, _) = try await peer.expectRequest("tools/list")
            peer.respond(id, ["tools": []])
        }) { session in
            try await session.connect(.handshake)
            let listed = try await session.listTools()
            return (listed, session.skippedMessages.map(\.kind))
        }
        #expect(tools.0.isEmpty)
        #expect(tools.1 == ["not-json", "not-json", "not-jsonrpc", "invalid-utf8"])
    }

    @Test("strict: the first unreadable message ends the session as a protocol violation")
    func strictEnds() async throws {
        var configuration = testConfiguration
        configuration.strict = true
        let error = await #expect(throws: SessionError.self) {
            try await withFakeServer(
                configuration: configuration,
                { peer in
                    _ = try await peer.handshake()
                    peer.sendRaw("print() left in a server")
                    _ = try? await peer.receive()
                }
            ) { session in
                try await session.connect(.handshake)
                _ = try await session.listTools()
            }
        }
        #expect(error?.kind == .protocolViolation)
    }
}
