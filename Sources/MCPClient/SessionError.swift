import MCPCore

/// A local failure of the client session (not an error the server answered with, which is `ResponseError`).
///
/// A failure of the transport underneath keeps that `TransportError` whole in `transportError`, so wrapping
/// loses nothing: its kind tells a server that could not be reached (`connectFailed`) from one that went away
/// (`closed`), and its HTTP status and details stay readable.
public struct SessionError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The transport failed or closed (exit 4); `transportError` says how.
        case transport
        /// The server broke the protocol (exit 5).
        case protocolViolation
        /// A request got no answer in time.
        case timeout
        /// The server lacks a capability the operation needs (exit 4).
        case unsupported
        /// The server no longer knows the (resumed) transport session, nor so its tasks.
        case sessionExpired
    }

    public var kind: Kind
    public var message: String
    public var details: [String]
    /// The transport failure this error wraps, when the transport is what failed; nil for failures of the
    /// session itself (a timeout, a missing capability, an answer that does not decode).
    public var transportError: TransportError?

    public init(_ kind: Kind, _ message: String, details: [String] = []) {
        self.kind = kind
        self.message = message
        self.details = details
        self.transportError = nil
    }

    /// Wraps a transport failure: message and details as the transport gave them, the kind mapped to the
    /// session's, and the error itself kept in `transportError`.
    public init(_ error: TransportError) {
        self.init(Self.kind(of: error.kind), error.message, details: error.details)
        self.transportError = error
    }

    /// The session's kind for a transport failure: both `connectFailed` and `closed` are `.transport`.
    static func kind(of transportKind: TransportError.Kind) -> Kind {
        switch transportKind {
        case .connectFailed, .closed: .transport
        case .protocolViolation: .protocolViolation
        case .sessionExpired: .sessionExpired
        }
    }

    public var description: String { message }
}
