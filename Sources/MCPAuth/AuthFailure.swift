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
    /// The OAuth error code the server answered with (`invalid_grant`, `invalid_client`, …), if any.
    public var code: String?

    public init(_ kind: Kind, _ message: String, code: String? = nil) {
        self.kind = kind
        self.message = message
        self.code = code
    }

    /// Whether the server refused the client itself: it does not know it (any more).
    var rejectsClient: Bool { code == "invalid_client" || code == "unauthorized_client" }

    public var description: String { message }
}
