/// The `params._meta` every 2026-07-28 request carries instead of a handshake: the protocol version, the
/// client's capabilities for this request, and who the client is.
public struct RequestEnvelope: Sendable, Equatable {
    public var protocolVersion: String
    /// Client capabilities as the 2026-07-28 schema has them (with an `extensions` map).
    public var clientCapabilities: JSONValue
    public var clientInfo: Implementation?

    public init(protocolVersion: String, clientCapabilities: JSONValue, clientInfo: Implementation?) {
        self.protocolVersion = protocolVersion
        self.clientCapabilities = clientCapabilities
        self.clientInfo = clientInfo
    }

    /// mcptask's envelope: form and URL elicitation, and the tasks extension unless `tasks` is false (a
    /// request that must not become a task leaves it out, since the server decides).
    public static func mcptask(clientInfo: Implementation, tasks: Bool = true) -> RequestEnvelope {
        var capabilities: [String: JSONValue] = ["elicitation": ["form": [:], "url": [:]]]
        if tasks { capabilities["extensions"] = .object([Extension.tasks: [:]]) }
        return RequestEnvelope(
            protocolVersion: ProtocolVersion.rev20260728, clientCapabilities: .object(capabilities),
            clientInfo: clientInfo)
    }

    /// The envelope as `_meta` members.
    public var members: [String: JSONValue] {
        var meta: [String: JSONValue] = [
            MetaKey.protocolVersion: .string(protocolVersion), MetaKey.clientCapabilities: clientCapabilities,
        ]
        meta[MetaKey.clientInfo] = clientInfo.flatMap { try? JSONValueEncoder.encode($0) }
        return meta
    }

    /// `params` with the envelope merged into its `_meta`, keeping members already there (a progressToken).
    public func stamp(_ params: JSONValue?) -> JSONValue {
        var object = params?.objectValue ?? [:]
        var meta = object["_meta"]?.objectValue ?? [:]
        meta.merge(members) { _, envelope in envelope }
        object["_meta"] = .object(meta)
        return .object(object)
    }
}

/// Names of protocol extensions.
public enum Extension {
    /// The tasks extension of 2026-07-28 (SEP-2663).
    public static let tasks = "io.modelcontextprotocol/tasks"
}

extension MetaKey {
    /// 2026-07-28 request envelope keys.
    public static let protocolVersion = "io.modelcontextprotocol/protocolVersion"
    public static let clientCapabilities = "io.modelcontextprotocol/clientCapabilities"
    public static let clientInfo = "io.modelcontextprotocol/clientInfo"
    /// 2026-07-28: every result names the server in its `_meta`.
    public static let serverInfo = "io.modelcontextprotocol/serverInfo"
}
