/// A JSON-RPC error code. Open: any integer a server sends is kept, the known ones have names.
public struct ErrorCode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public init(_ rawValue: Int) { self.rawValue = rawValue }

    public static let parseError = ErrorCode(-32700)
    public static let invalidRequest = ErrorCode(-32600)
    public static let methodNotFound = ErrorCode(-32601)
    public static let invalidParams = ErrorCode(-32602)
    public static let internalError = ErrorCode(-32603)
    /// MCP 2025-11-25: a URL-mode elicitation is required first.
    public static let urlElicitationRequired = ErrorCode(-32042)
    /// MCP 2026-07-28: HTTP headers do not match the body.
    public static let headerMismatch = ErrorCode(-32020)
    /// MCP 2026-07-28: the request needs a client capability it did not declare.
    public static let missingRequiredClientCapability = ErrorCode(-32021)
    /// MCP 2026-07-28: unsupported protocol version.
    public static let unsupportedProtocolVersion = ErrorCode(-32022)

    public init(from decoder: any Decoder) throws { rawValue = try Int(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try rawValue.encode(to: encoder) }

    public var description: String { String(rawValue) }
}

/// The `error` member of a JSON-RPC response, kept whole: code, message and `data` verbatim.
public struct ResponseError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var code: ErrorCode
    public var message: String
    public var data: JSONValue?

    public init(code: ErrorCode, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var description: String { "\(message) (error \(code))" }
}
