/// A JSON-RPC request id: a string or an integer, never null (MCP forbids null ids).
public enum RequestID: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case string(String)

    public init?(json: JSONValue) {
        switch json {
        case .int(let number): self = .int(number)
        case .double, .number:
            // An id written `1.0` (or `1e0`) is the integer 1; a fraction is no id.
            guard let whole = json.doubleValue.flatMap({ Int(exactly: $0) }) else { return nil }
            self = .int(whole)
        case .string(let text): self = .string(text)
        default: return nil
        }
    }

    public var json: JSONValue {
        switch self {
        case .int(let number): return .int(number)
        case .string(let text): return .string(text)
        }
    }

    public var description: String {
        switch self {
        case .int(let number): return String(number)
        case .string(let text): return text
        }
    }
}

extension RequestID: Codable {
    public init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        guard let id = RequestID(json: json) else {
            throw DecodingError.typeMismatch(
                RequestID.self,
                .init(codingPath: decoder.codingPath, debugDescription: "expected a string or integer id"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }
}

/// A progress token: like a request id, a string or an integer.
public typealias ProgressToken = RequestID
