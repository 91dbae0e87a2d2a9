import Logging
import MCPClient
import MCPCore
import MCPTestSupport
import Testing

/// A transport whose every send fails with `error`; its inbound stays open until the session ends.
private struct RefusingTransport: MessageTransport {
    let error: TransportError
    let inbound = FrameChannel()

    func send(_ frame: [UInt8]) async throws(TransportError) { throw error }
}

/// An HTTP refusal as the HTTP transport reports it: status, message and the body's excerpt.
private let refusal = TransportError(
    .connectFailed,
    "the server at http://127.0.0.1:1/mcp wants credentials (HTTP 401); pass them with -H 'Authorization: Bearer $TOKEN'",
    details: ["the server said: no token"], httpStatus: 401)

@Suite(.timeLimit(.minutes(1))) struct SessionErrorTests {
    @Test(
        arguments: zip(
            [TransportError.Kind.connectFailed, .closed, .protocolViolation, .sessionExpired],
            [SessionError.Kind.transport, .transport, .protocolViolation, .sessionExpired]))
    func wrappingKeepsTheTransportError(transportKind: TransportError.Kind, sessionKind: SessionError.Kind) {
        let cause = TransportError(transportKind, "what happened", details: ["a line"], httpStatus: 503)
        let error = SessionError(cause)
        #expect(error.kind == sessionKind)
        #expect(error.message == "what happened")
        #expect(error.details == ["a line"])
        #expect(error.transportError == cause)
        #expect(error.transportError?.kind == transportKind)
        #expect(error.transportError?.httpStatus == 503)
        #expect(error.description == "what happened")
    }

    @Test func aSessionFailureWrapsNothing() {
        let error = SessionError(.timeout, "the server did not answer ping within 1s", details: ["x"])
        #expect(error.kind == .timeout)
        #expect(error.message == "the server did not answer ping within 1s")
        #expect(error.details == ["x"])
        #expect(error.transportError == nil)
    }

    /// A pending request fails with the very error the transport ended with, whatever its kind.
    @Test(arguments: [TransportError.Kind.connectFailed, .closed])
    func pendingRequestsFailWithTheTransportsError(kind: TransportError.Kind) async throws {
        let ending = TransportError(kind, "the server exited with status 1", details: ["stderr: boom"])
        let error = await #expect(throws: SessionError.self) {
            try await withFakeServer { peer in
                _ = try await peer.expectRequest("test/wait")
                peer.end.toClient.finish(throwing: ending)
            } client: { session in
                try await session.sendRequest(method: "test/wait", params: nil, timeout: nil)
            }
        }
        #expect(error?.kind == .transport)
        #expect(error?.transportError == ending)
        #expect(error?.details == ["stderr: boom"])
    }

    @Test func aCleanEndIsAClosedTransport() async throws {
        let (error, closing) = try await withFakeServer { peer in
            _ = try await peer.expectRequest("test/wait")
            peer.end.toClient.finish()
        } client: { session in
            do {
                _ = try await session.sendRequest(method: "test/wait", params: nil, timeout: nil)
                return (SessionError?.none, session.closingError as? SessionError)
            } catch {
                return (error as? SessionError, session.closingError as? SessionError)
            }
        }
        #expect(error?.kind == .transport)
        #expect(error?.transportError?.kind == .closed)
        #expect(error?.message == "the server closed the connection")
        #expect(closing == error)
    }

    @Test func aRefusedSendKeepsTheHTTPStatusAndDetails() async throws {
        let error = await #expect(throws: SessionError.self) {
            try await withClientSession(
                transport: RefusingTransport(error: refusal), configuration: testConfiguration,
                logger: Logger(label: "test.client")
            ) { session in
                try await session.ping()
            }
        }
        #expect(error?.kind == .transport)
        #expect(error?.message == refusal.message)
        #expect(error?.details == ["the server said: no token"])
        #expect(error?.transportError == refusal)
        #expect(error?.transportError?.httpStatus == 401)
    }

    /// `--protocol 2026-07-28` rewords a refused probe, and keeps what the transport said.
    @Test func aRefusedStatelessProbeKeepsTheTransportError() async throws {
        let error = await #expect(throws: SessionError.self) {
            try await withClientSession(
                transport: RefusingTransport(error: refusal), configuration: testConfiguration,
                logger: Logger(label: "test.client")
            ) { session in
                try await session.connect(.stateless)
            }
        }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.contains("HTTP 401") == true)
        #expect(error?.details == ["the server said: no token"])
        #expect(error?.transportError == refusal)
    }
}
