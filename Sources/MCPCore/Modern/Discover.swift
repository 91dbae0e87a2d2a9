/// `server/discover` (MCP 2026-07-28): what the server supports; it replaces the `initialize` handshake.
public struct DiscoverRequest: MCPRequest {
    public static let method = "server/discover"
    public typealias Response = DiscoverResult

    public init() {}
}

/// The answer to `server/discover`, kept verbatim with typed views.
public struct DiscoverResult: Decodable, Sendable, Equatable {
    public var json: JSONValue
    public var supportedVersions: [String]
    public var instructions: String?

    public init(from decoder: any Decoder) throws {
        json = try JSONValue(from: decoder)
        let versions = json["supportedVersions"]?.arrayValue?.compactMap(\.stringValue)
        guard let versions else {
            throw DecodingError.keyNotFound(
                CodingKeysForDiscover.supportedVersions,
                .init(codingPath: decoder.codingPath, debugDescription: "server/discover without supportedVersions"))
        }
        supportedVersions = versions
        instructions = json["instructions"]?.stringValue
    }

    private enum CodingKeysForDiscover: String, CodingKey { case supportedVersions }

    /// The server's capabilities object (with its `extensions` map).
    public var capabilities: JSONValue { json["capabilities"] ?? [:] }

    /// Whether the server offers the tasks extension.
    public var offersTasks: Bool { capabilities["extensions"]?[Extension.tasks] != nil }

    /// Who the server says it is, from the result's `_meta`.
    public var serverInfo: Implementation? {
        json["_meta"]?[MetaKey.serverInfo].flatMap { try? JSONValueDecoder.decode(Implementation.self, from: $0) }
    }

    /// Whether it speaks 2026-07-28 (a legacy server may answer discover after initialize, listing only 2025).
    public var isModern: Bool { supportedVersions.contains(ProtocolVersion.rev20260728) }
}
