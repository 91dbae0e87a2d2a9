import MCPCore
import Testing

@testable import MCPTransport

@Suite("2026-07-28 HTTP headers from the envelope")
struct EnvelopeHeadersTests {
    private func message(_ method: String, _ params: JSONValue) -> JSONValue {
        var params = params.objectValue ?? [:]
        params["_meta"] = [MetaKey.protocolVersion: "2026-07-28"]
        return ["jsonrpc": "2.0", "id": 1, "method": .string(method), "params": .object(params)]
    }

    private func headers(_ message: JSONValue) -> [String: String] {
        Dictionary(EnvelopeHeaders.headers(for: message).map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
    }

    @Test("tools/call names the tool, tasks/* the task, server/discover nothing")
    func names() {
        #expect(
            headers(message("tools/call", ["name": "slow_count"]))
                == ["MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": "slow_count"])
        #expect(headers(message("tasks/get", ["taskId": "t-9"]))["Mcp-Name"] == "t-9")
        #expect(headers(message("tasks/update", ["taskId": "t-9"]))["Mcp-Name"] == "t-9")
        #expect(headers(message("server/discover", [:]))["Mcp-Name"] == nil)
        #expect(headers(message("server/discover", [:]))["Mcp-Method"] == "server/discover")
    }

    @Test("a request without the envelope (the 2025-11-25 handshake) gets none")
    func legacy() {
        let initialize: JSONValue = ["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": [:]]
        #expect(EnvelopeHeaders.headers(for: initialize).isEmpty)
    }

    @Test("values that are not plain visible ASCII use the Base64 sentinel")
    func sentinel() {
        #expect(EnvelopeHeaders.headerValue("never_task") == "never_task")
        #expect(EnvelopeHeaders.headerValue("never_task\n") == "=?base64?bmV2ZXJfdGFzawo=?=")
        #expect(EnvelopeHeaders.headerValue("café") == "=?base64?Y2Fmw6k=?=")
        #expect(EnvelopeHeaders.headerValue(" lead") == "=?base64?IGxlYWQ=?=")
    }
}
