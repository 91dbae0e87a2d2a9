/// A bidirectional channel of JSON-RPC frames: what the client session talks to, whatever the wire.
///
/// Concrete transports (stdio, HTTP) live in MCPTransport; the session only sees this protocol.
public protocol MessageTransport: Sendable {
    /// Sends one complete message (compact JSON, no trailing newline).
    func send(_ frame: [UInt8]) async throws(TransportError)
    /// Inbound frames. Finishes when the peer closes; throws `TransportError` when the channel fails.
    var inbound: FrameChannel { get }
    /// Called once the handshake is complete, with the negotiated revision (HTTP then sends the version
    /// header and opens its standalone stream).
    func sessionEstablished(protocolVersion: String) async
    /// The transport-level session (HTTP `Mcp-Session-Id`), when there is one.
    var sessionID: String? { get }
}

extension MessageTransport {
    public func sessionEstablished(protocolVersion: String) async {}
    public var sessionID: String? { nil }
}

/// A failure of the channel itself, with a message a user can act on.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server could not be started or reached.
        case connectFailed
        /// The server went away (exited, closed its output, dropped the connection).
        case closed
        /// The server sent bytes that are not a valid frame (too large, not JSON).
        case protocolViolation
        /// The server no longer knows the session the client resumed (HTTP 404); its tasks went with it.
        case sessionExpired
    }

    public var kind: Kind
    /// One lowercase line: what happened and, where useful, what to do.
    public var message: String
    /// Supporting lines, e.g. the last lines the server wrote to stderr.
    public var details: [String]
    /// The HTTP status the server answered with, when that is what failed (401, 404, 503, …).
    public var httpStatus: Int?
    /// The `WWW-Authenticate` header of a 401 or 403: what authorization the server wants (a step-up's
    /// scopes among it). Never holds a credential: it is what the server asks for, not what was sent.
    public var challenge: String?

    public init(_ kind: Kind, _ message: String, details: [String] = [], httpStatus: Int? = nil) {
        self.kind = kind
        self.message = message
        self.details = details
        self.httpStatus = httpStatus
    }

    public var description: String { message }
}
