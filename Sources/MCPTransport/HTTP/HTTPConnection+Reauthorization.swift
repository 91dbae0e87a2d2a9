import AsyncHTTPClient
import MCPCore

/// What a caller that holds an OAuth login answers when the server refuses a request with 403 (a scope
/// challenge): the new `Authorization` header value to send the request again with, or nil to let the
/// refusal stand; it may also throw a refusal of its own that says more. `afterRetry` is true for a 403 to
/// the request already sent again: the caller then only says why.
public typealias Reauthorization =
    @Sendable (_ refusal: TransportError, _ afterRetry: Bool) async throws(TransportError) -> String?

extension HTTPConnection {
    /// Lets `handler` answer a 403: with a new Authorization header the refused request is sent once more
    /// (a step-up authorization; the MCP authorization specification asks clients to retry "no more than a
    /// few times", and mcptask retries once per connection so a server that keeps refusing is not looped on).
    public func reauthorizes(with handler: @escaping Reauthorization) {
        state.withLock { $0.reauthorization = handler }
    }

    /// The answer to a 403 to `frame`: sent again with the handler's new authorization, or the refusal
    /// thrown (the handler's own, when it has one).
    func answerForbidden(_ refusal: TransportError, resending frame: [UInt8]) async throws(TransportError) {
        let (handler, retried) = state.withLock { ($0.reauthorization, $0.reauthorized) }
        guard let handler else { throw refusal }
        if retried {
            _ = try await handler(refusal, true)
            throw refusal
        }
        // Only a request actually sent again uses up the retry: a refusal the handler let stand (a probe
        // before the handshake, say) leaves it for the next.
        guard let authorization = try await handler(refusal, false) else { throw refusal }
        state.withLock {
            $0.reauthorized = true
            $0.authorization = authorization
        }
        try await send(frame)
    }

    /// The request's Authorization header replaced by the one a step-up got, if any.
    func applyReauthorization(to request: inout HTTPClientRequest) {
        if let authorization = state.withLock({ $0.authorization }) {
            request.headers.replaceOrAdd(name: "Authorization", value: authorization)
        }
    }
}
