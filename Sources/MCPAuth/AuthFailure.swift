/// Why authorization failed, in one line a user can act on. Never carries a token, a code or a secret.
public struct AuthFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The authorization server (or the metadata) could not be reached.
        case unreachable
        /// The server's metadata or answers are not what the specifications ask for.
        case invalidServer
        /// The authorization server refused (registration, the code, a refresh token).
        case refused
        /// No redirect came back in time, or the person declined.
        case abandoned
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
