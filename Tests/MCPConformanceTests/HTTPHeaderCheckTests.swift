import Logging
import MCPClient
import MCPConformance
import MCPCore
import MCPTestSupport
import Testing

/// The demo server on 2026-07-28 over an in-memory pipe that also takes header probes, answered as `respond`
/// says: the judging of the HTTP header checks against servers that validate and ones that do not (FastMCP 4,
/// which validates, is checked over real HTTP in CheckInteropTests).
struct HeaderProbingPipe: MessageTransport, HeaderProbing {
    let end: PipeEnd
    let respond: @Sendable (JSONValue, [HeaderChange]) -> ProbeAnswer

    var inbound: FrameChannel { end.inbound }
    func send(_ frame: [UInt8]) async throws(TransportError) { try await end.send(frame) }
    func probe(_ message: JSONValue, changing changes: [HeaderChange]) async throws(TransportError) -> ProbeAnswer {
        respond(message, changes)
    }
}

func checkHeaders(
    _ respond: @escaping @Sendable (JSONValue, [HeaderChange]) -> ProbeAnswer
) async throws -> ConformanceReport {
    let (client, server) = makeMessagePipe()
    return try await withThrowingTaskGroup(of: Void.self, returning: ConformanceReport.self) { group in
        group.addTask { try await serveDemo(arguments: ["--protocol-versions", "2026-07-28"], on: server) }
        defer { client.close() }
        return try await withClientSession(
            transport: HeaderProbingPipe(end: client, respond: respond), configuration: testConfiguration,
            logger: Logger(label: "test.client"), tracer: nil
        ) { session in
            try await session.connect(.stateless)
            return try await ConformanceRun(tools: [], areas: [.robustness], transport: "http").run(on: session)
        }
    }
}

func error(_ code: Int, status: Int, for message: JSONValue) -> ProbeAnswer {
    ProbeAnswer(
        status: status, message: ["jsonrpc": "2.0", "id": message["id"] ?? .null, "error": ["code": .int(code)]])
}

@Suite(.timeLimit(.minutes(1))) struct HTTPHeaderCheckTests {
    @Test("a server that refuses every missing or disagreeing header with 400 -32020 passes both checks")
    func validating() async throws {
        let report = try await checkHeaders { message, _ in error(-32020, status: 400, for: message) }
        #expect(report.flagged.isEmpty, "\(report.outcomes)")
        let headers = try #require(report.records.first { $0.id == "robustness.http-headers" })
        #expect(headers.finding.outcome == .pass)
        #expect(headers.finding.evidence.contains { $0.contains("with Mcp-Name: mcptask-check-other-tool") })
        #expect(headers.finding.evidence.contains { $0.hasPrefix("← HTTP 400") })
    }

    @Test("a server that reads only the body fails robustness.http-headers and warns on http-task-name")
    func headerBlind() async throws {
        let report = try await checkHeaders { message, _ in
            message["method"] == "tasks/get"
                ? error(-32602, status: 400, for: message)
                : ProbeAnswer(status: 200, message: ["jsonrpc": "2.0", "id": message["id"] ?? .null, "result": [:]])
        }
        #expect(report.flagged == ["robustness.http-headers": .fail, "robustness.http-task-name": .warn])
        let headers = try #require(report.records.first { $0.id == "robustness.http-headers" })
        #expect(headers.finding.detail.contains("Mcp-Name of another tool (HTTP 200)"), "\(headers.finding)")
        #expect(headers.finding.detail.contains("Mcp-Name of another task (HTTP 400, error -32602)"))
    }

    @Test("-32020 with a status other than 400 is a failure: the transport MUST answer 400")
    func wrongStatus() async throws {
        let report = try await checkHeaders { message, _ in error(-32020, status: 200, for: message) }
        #expect(report.flagged["robustness.http-headers"] == .fail, "\(report.outcomes)")
    }
}
