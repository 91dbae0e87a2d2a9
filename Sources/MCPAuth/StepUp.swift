/// A step-up authorization (MCP authorization, "Scope Challenge Handling"): a server answered a request made
/// with a stored login `403` with `error="insufficient_scope"` and the scopes the operation needs (RFC 6750
/// §3.1). The new authorization asks for the union of what the login asked for and was granted and what the
/// challenge names: the 2026-07-28 revision makes accumulating scopes the client's job, so a server that names
/// only the operation's scope does not cost the login its earlier permissions, and on 2025-11-25 servers
/// (whose challenges should already include the granted scopes) the union changes nothing.
public struct StepUp: Sendable, Equatable {
    /// The scopes the challenge names.
    public var challenged: [String]
    /// What to ask for: the login's scopes first, then the challenge's new ones.
    public var scopes: [String]

    /// The step-up for `challenge` on a login that asked for `requested` and was granted `granted`; nil
    /// when the challenge is not an insufficient-scope one, names no scope, or names nothing the login does
    /// not already have (asking again would get the same token and the same refusal).
    public init?(challenge: BearerChallenge, requested: [String], granted: [String]) {
        guard challenge.error == "insufficient_scope" else { return nil }
        let named = Self.split(challenge.scope ?? "")
        let held = Self.union(requested, granted)
        guard !named.isEmpty, named.contains(where: { !held.contains($0) }) else { return nil }
        challenged = named
        scopes = Self.union(held, named)
    }

    /// The scopes of a space-separated `scope` value (RFC 6749 §3.3).
    public static func split(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// `first` and then whatever of `second` it lacks, each once, in order.
    public static func union(_ first: [String], _ second: [String]) -> [String] {
        var seen: Set<String> = []
        return (first + second).filter { seen.insert($0).inserted }
    }
}

extension StoredCredentials {
    /// Every scope the login asked for or was granted.
    public var heldScopes: [String] { StepUp.union(scopes, StepUp.split(tokens.scope ?? "")) }
}
