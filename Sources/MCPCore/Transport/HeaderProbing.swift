/// A transport whose requests carry HTTP headers (Streamable HTTP), able to send one request with those
/// headers changed: how `mcptask check` sees whether a 2026-07-28 server validates `Mcp-Method` and
/// `Mcp-Name` against the body, which an ordinary client never shows it.
public protocol HeaderProbing: Sendable {
    /// Posts `message` outside the session's flow, its usual headers changed by `changes` (a nil value removes
    /// the header), and returns what came back; the answer is not delivered as an inbound message.
    func probe(_ message: JSONValue, changing changes: [HeaderChange]) async throws(TransportError) -> ProbeAnswer
}

/// One header to set, or to remove when `value` is nil.
public struct HeaderChange: Sendable, Equatable {
    public var name: String
    public var value: String?

    public init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }
}

/// The HTTP status of a probe and the JSON-RPC message it answered with (from a JSON body or the SSE event
/// that carried a response), when there was one.
public struct ProbeAnswer: Sendable, Equatable {
    public var status: Int
    public var message: JSONValue?

    public init(status: Int, message: JSONValue?) {
        self.status = status
        self.message = message
    }
}
