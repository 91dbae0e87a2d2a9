/// `elicitation/create` (MCP 2025-11-25), server to client: asks the user for input, by form or by URL.
public struct ElicitRequest: MCPRequest {
    public static let method = "elicitation/create"
    public typealias Response = ElicitResult

    /// `form` when absent.
    public var mode: ElicitationMode?
    public var message: String
    /// Form mode: a flat object schema of primitive properties.
    public var requestedSchema: JSONValue?
    /// URL mode: where to send the user, and the id a completion notification will name.
    public var url: String?
    public var elicitationId: String?
    public var _meta: JSONValue?

    public init(
        mode: ElicitationMode? = .form, message: String, requestedSchema: JSONValue? = nil, url: String? = nil,
        elicitationId: String? = nil, _meta: JSONValue? = nil
    ) {
        self.mode = mode
        self.message = message
        self.requestedSchema = requestedSchema
        self.url = url
        self.elicitationId = elicitationId
        self._meta = _meta
    }

    public var effectiveMode: ElicitationMode { mode ?? .form }
}

/// Form or URL elicitation. Open, so an unknown mode is kept and can be refused properly.
public struct ElicitationMode: RawRepresentable, Codable, Sendable, Hashable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let form = ElicitationMode(rawValue: "form")
    public static let url = ElicitationMode(rawValue: "url")

    public init(from decoder: any Decoder) throws { rawValue = try String(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try rawValue.encode(to: encoder) }
}

/// The user's answer to an elicitation.
public struct ElicitResult: Codable, Sendable, Equatable {
    public var action: ElicitAction
    /// Only with `accept` in form mode.
    public var content: [String: JSONValue]?
    public var _meta: JSONValue?

    public init(action: ElicitAction, content: [String: JSONValue]? = nil, _meta: JSONValue? = nil) {
        self.action = action
        self.content = content
        self._meta = _meta
    }
}

public enum ElicitAction: String, Codable, Sendable {
    case accept, decline, cancel
}

/// `notifications/elicitation/complete` (MCP 2025-11-25): a URL-mode elicitation finished out of band.
public struct ElicitationCompleteNotification: MCPNotification {
    public static let method = "notifications/elicitation/complete"
    public var elicitationId: String
    public init(elicitationId: String) { self.elicitationId = elicitationId }
}
