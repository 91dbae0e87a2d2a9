import MCPClient
import MCPCore
import MCPTestSupport
import Testing

/// Who the server is: what it reported, and an explicit nil when it reported nothing.
@Suite(.timeLimit(.minutes(1))) struct ServerSummaryTests {
    /// Answers server/discover with a 2026-07-28 result, with `serverInfo` in `_meta` when given.
    private static func discover(_ peer: inout Peer, serverInfo: JSONValue?) async throws {
        let (id, _) = try await peer.expectRequest("server/discover")
        var result: [String: JSONValue] = ["supportedVersions": ["2026-07-28"], "capabilities": [:]]
        if let serverInfo { result["_meta"] = [MetaKey.serverInfo: serverInfo] }
        peer.respond(id, .object(result))
    }

    @Test func aHandshakeReportsTheServer() async throws {
        let summary = try await withFakeServer { peer in
            _ = try await peer.handshake()
        } client: { session in
            #expect(session.serverSummary == nil)
            try await session.connect(.handshake)
            return session.serverSummary
        }
        #expect(summary?.serverInfo == Implementation(name: "fake", version: "0.1"))
        #expect(summary?.name == "fake")
        #expect(summary?.version == "0.1")
        #expect(summary?.protocolVersion == "2025-11-25")
    }

    @Test func aDiscoverWithServerInfoReportsIt() async throws {
        let summary = try await withFakeServer { peer in
            try await Self.discover(&peer, serverInfo: ["name": "modern", "version": "2.0", "title": "Modern"])
        } client: { session in
            try await session.connect(.stateless)
            return session.serverSummary
        }
        #expect(summary?.serverInfo == Implementation(name: "modern", version: "2.0", title: "Modern"))
        #expect(summary?.name == "modern")
        #expect(summary?.protocolVersion == "2026-07-28")
    }

    @Test func aDiscoverWithoutServerInfoSaysSo() async throws {
        let summary = try await withFakeServer { peer in
            try await Self.discover(&peer, serverInfo: nil)
        } client: { session in
            try await session.connect(.stateless)
            return session.serverSummary
        }
        #expect(summary != nil)
        #expect(summary?.serverInfo == nil)
        // The String properties keep their old placeholder for callers that have not moved to serverInfo.
        #expect(summary?.name == "?")
        #expect(summary?.version == "?")
    }

    /// Before any handshake the wire offers nothing, and says why rather than naming a made-up revision.
    @Test func beforeConnectingTheWireOffersNothing() async throws {
        let error = await #expect(throws: SessionError.self) {
            try await withFakeServer { _ in
            } client: { session in
                #expect(!session.runsToolCallsAsTasks)
                return try await session.listTasks()
            }
        }
        #expect(error?.kind == .unsupported)
        #expect(error?.message == "the server does not support tasks/list: the session is not connected yet")
    }
}
