/// One request for input inside a 2026-07-28 result (`inputRequests` of an InputRequiredResult, or of an
/// `input_required` task): what a 2025-11-25 server would have sent as a server-to-client request.
public struct InputRequest: Decodable, Sendable, Equatable {
    public var method: String
    public var params: JSONValue?

    public init(method: String, params: JSONValue?) {
        self.method = method
        self.params = params
    }

    /// The elicitation it asks for, when it is one.
    public var elicitation: ElicitRequest? {
        guard method == ElicitRequest.method else { return nil }
        return try? JSONValueDecoder.decode(ElicitRequest.self, from: params ?? [:])
    }
}

/// `resultType: "input_required"` (MCP 2026-07-28 multi round-trip requests): the server needs answers
/// before it can finish; the client retries the same request with `inputResponses` and the `requestState`
/// returned verbatim.
public struct InputRequiredResult: Decodable, Sendable, Equatable {
    /// Keyed by the server's names; each key is answered under the same name.
    public var inputRequests: [String: InputRequest]
    /// Opaque; sent back unchanged.
    public var requestState: JSONValue?
}
