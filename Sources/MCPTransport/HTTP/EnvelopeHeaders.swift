import MCPCore

/// The HTTP headers a 2026-07-28 request carries beside its envelope: `MCP-Protocol-Version` (equal to the
/// envelope's), `Mcp-Method`, and `Mcp-Name` for the methods that name something. Derived from the message
/// itself, so a request without the envelope (the 2025-11-25 handshake) gets none of them.
enum EnvelopeHeaders {
    static func headers(for message: JSONValue) -> [(name: String, value: String)] {
        guard let method = message["method"]?.stringValue,
            let version = message["params"]?["_meta"]?[MetaKey.protocolVersion]?.stringValue
        else { return [] }
        var headers = [("MCP-Protocol-Version", version), ("Mcp-Method", headerValue(method))]
        if let name = named(method: method, params: message["params"]) {
            headers.append(("Mcp-Name", headerValue(name)))
        }
        return headers
    }

    /// What `Mcp-Name` carries for a method: the tool or prompt name, the resource URI, the task id.
    private static func named(method: String, params: JSONValue?) -> String? {
        switch method {
        case "tools/call", "prompts/get": return params?["name"]?.stringValue
        case "resources/read": return params?["uri"]?.stringValue
        case "tasks/get", "tasks/update", "tasks/cancel": return params?["taskId"]?.stringValue
        default: return nil
        }
    }

    /// The value itself when it is plain visible ASCII, else the Base64 sentinel `=?base64?…?=`.
    static func headerValue(_ value: String) -> String {
        let plain =
            !value.isEmpty && value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
            && value.first != " " && value.last != " " && !value.hasPrefix("=?")
        return plain ? value : "=?base64?" + base64(Array(value.utf8)) + "?="
    }

    private static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = UInt32(0)
            for (offset, byte) in chunk.enumerated() { value |= UInt32(byte) << (16 - 8 * offset) }
            for position in 0..<4 {
                if position <= chunk.count {
                    out.append(alphabet[Int((value >> (18 - 6 * position)) & 0x3F)])
                } else {
                    out.append(UInt8(ascii: "="))
                }
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
