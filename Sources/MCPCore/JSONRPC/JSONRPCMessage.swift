/// One JSON-RPC 2.0 message, classified in a single pass over the parsed object.
///
/// `params` and `result` stay `JSONValue` here; typed decoding happens where the method is known. The
/// top-level `_meta` some servers put beside `params` (pymcp-kit, FastMCP) is kept in `envelopeMeta`.
public enum JSONRPCMessage: Sendable, Equatable {
    case request(id: RequestID, method: String, params: JSONValue?, envelopeMeta: JSONValue?)
    case notification(method: String, params: JSONValue?, envelopeMeta: JSONValue?)
    case response(id: RequestID, result: JSONValue)
    case errorResponse(id: RequestID?, error: ResponseError)
}

/// Why an inbound message could not be understood. The description is one sentence for a person.
public struct MessageDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    /// The first bytes of the offending frame, for the error line.
    public var excerpt: String

    public init(reason: String, excerpt: String) {
        self.reason = reason
        self.excerpt = excerpt
    }

    public var description: String { excerpt.isEmpty ? reason : "\(reason): \(excerpt)" }
}

extension JSONRPCMessage {
    /// Parses and classifies one frame of bytes.
    public static func decode(_ bytes: some Collection<UInt8>) throws(MessageDecodingError) -> JSONRPCMessage {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw MessageDecodingError(reason: "not JSON (\(error))", excerpt: excerpt(bytes))
        }
        return try classify(json, excerpt: { excerpt(bytes) })
    }

    /// Classifies an already parsed value by the presence of `id`, `method`, `result` and `error`.
    public static func classify(
        _ json: JSONValue, excerpt: () -> String = { "" }
    ) throws(MessageDecodingError) -> JSONRPCMessage {
        guard case .object(let members) = json else {
            throw MessageDecodingError(reason: "a JSON-RPC message must be an object", excerpt: excerpt())
        }
        if let version = members["jsonrpc"], version != .string("2.0") {
            throw MessageDecodingError(reason: "unsupported jsonrpc version", excerpt: excerpt())
        }
        let rawID = members["id"]
        let id = rawID.flatMap(RequestID.init(json:))
        if let rawID, id == nil, rawID != .null {
            throw MessageDecodingError(reason: "id must be a string or an integer", excerpt: excerpt())
        }
        let params = members["params"]
        let meta = members["_meta"]
        switch (members["method"], id) {
        case (.string(let method)?, let id?):
            return .request(id: id, method: method, params: params, envelopeMeta: meta)
        case (.string(let method)?, nil):
            return .notification(method: method, params: params, envelopeMeta: meta)
        case (.some, _):
            throw MessageDecodingError(reason: "method must be a string", excerpt: excerpt())
        case (nil, _):
            break
        }
        if let result = members["result"], let id {
            return .response(id: id, result: result)
        }
        if let error = members["error"] {
            do {
                return .errorResponse(id: id, error: try JSONValueDecoder.decode(ResponseError.self, from: error))
            } catch {
                throw MessageDecodingError(reason: "malformed error object", excerpt: excerpt())
            }
        }
        throw MessageDecodingError(
            reason: "not a JSON-RPC request, notification or response", excerpt: excerpt())
    }

    /// A short, printable excerpt of a frame for error messages.
    public static func excerpt(_ bytes: some Collection<UInt8>, limit: Int = 80) -> String {
        let text = String(decoding: bytes.prefix(limit), as: UTF8.self)
        let cleaned = String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        return bytes.count > limit ? cleaned + "…" : cleaned
    }

    /// The message as a JSON object.
    public var json: JSONValue {
        var members: [String: JSONValue] = ["jsonrpc": "2.0"]
        switch self {
        case .request(let id, let method, let params, let meta):
            members["id"] = id.json
            members["method"] = .string(method)
            members["params"] = params
            members["_meta"] = meta
        case .notification(let method, let params, let meta):
            members["method"] = .string(method)
            members["params"] = params
            members["_meta"] = meta
        case .response(let id, let result):
            members["id"] = id.json
            members["result"] = result
        case .errorResponse(let id, let error):
            members["id"] = id?.json ?? .null
            members["error"] = (try? JSONValueEncoder.encode(error)) ?? .null
        }
        return .object(members)
    }

    /// The message as one line of compact JSON, without the trailing newline.
    public func encoded() -> [UInt8] { JSONWriter.compact(json) }
}
