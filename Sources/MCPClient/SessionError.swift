import MCPCore

/// A local failure of the client session (not an error the server answered with, which is `ResponseError`).
public struct SessionError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The transport failed or closed (exit 4).
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

    public init(_ kind: Kind, _ message: String, details: [String] = []) {
        self.kind = kind
        self.message = message
        self.details = details
    }

    init(_ error: TransportError) {
        switch error.kind {
        case .connectFailed, .closed: self.init(.transport, error.message, details: error.details)
        case .protocolViolation: self.init(.protocolViolation, error.message, details: error.details)
        case .sessionExpired: self.init(.sessionExpired, error.message, details: error.details)
        }
    }

    public var description: String { message }
}
