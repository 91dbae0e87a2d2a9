/// A tool's result (MCP 2025-11-25 `CallToolResult`), kept verbatim with typed views.
public struct CallToolResult: Decodable, Sendable, Equatable {
    /// The result exactly as the server sent it.
    public var json: JSONValue

    public init(json: JSONValue) { self.json = json }

    public init(from decoder: any Decoder) throws {
        json = try JSONValue(from: decoder)
        guard json.objectValue != nil else {
            throw DecodingError.typeMismatch(
                CallToolResult.self, .init(codingPath: decoder.codingPath, debugDescription: "expected an object"))
        }
    }

    public var isError: Bool { json["isError"]?.boolValue ?? false }
    public var content: [ContentBlock] { (json["content"]?.arrayValue ?? []).map(ContentBlock.init(json:)) }
    public var structuredContent: JSONValue? { json["structuredContent"] }
    /// True when the result holds nothing but `_meta` (how the Python SDK answers for a failed or cancelled task).
    public var isEmpty: Bool { (json.objectValue ?? [:]).keys.allSatisfy { $0 == "_meta" } }
}

/// One content block of a tool result, by kind.
public enum ContentBlock: Sendable, Equatable {
    case text(String)
    case image(mimeType: String, byteCount: Int)
    case audio(mimeType: String, byteCount: Int)
    case resourceLink(uri: String, name: String?)
    case resource(uri: String, text: String?)
    case other(type: String, json: JSONValue)

    public init(json: JSONValue) {
        let type = json["type"]?.stringValue ?? "unknown"
        let mimeType = json["mimeType"]?.stringValue ?? "application/octet-stream"
        // Base64 length / 4 * 3 approximates the decoded size well enough for a summary.
        let size = (json["data"]?.stringValue?.utf8.count ?? 0) / 4 * 3
        switch type {
        case "text": self = .text(json["text"]?.stringValue ?? "")
        case "image": self = .image(mimeType: mimeType, byteCount: size)
        case "audio": self = .audio(mimeType: mimeType, byteCount: size)
        case "resource_link":
            self = .resourceLink(uri: json["uri"]?.stringValue ?? "", name: json["name"]?.stringValue)
        case "resource":
            self = .resource(
                uri: json["resource"]?["uri"]?.stringValue ?? "", text: json["resource"]?["text"]?.stringValue)
        default: self = .other(type: type, json: json)
        }
    }
}
