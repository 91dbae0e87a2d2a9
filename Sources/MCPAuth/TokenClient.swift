import MCPCore

/// Tokens as the token endpoint issued them, with the time the access token expires (seconds since the
/// epoch), kept so a later process refreshes before sending an expired token.
public struct TokenSet: Sendable, Equatable, Codable {
    public var accessToken: String
    public var refreshToken: String?
    public var expiresAt: Double?
    public var scope: String?

    /// Whether the access token has expired, or will within `margin` seconds.
    public func expires(within margin: Double, now: Double) -> Bool {
        guard let expiresAt else { return false }
        return now + margin >= expiresAt
    }
}

/// The token endpoint (OAuth 2.1): exchanging an authorization code, and refreshing.
struct TokenClient {
    let http = AuthHTTP()
    let endpoint: String
    let client: ClientIdentity
    let resource: String

    func exchange(code: String, verifier: String, redirectURI: String, now: Double) async throws(AuthFailure)
        -> TokenSet
    {
        try await request(
            [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
                ("code_verifier", verifier), ("resource", resource),
            ], previous: nil, now: now)
    }

    /// A new access token (and, where the server rotates them, a new refresh token).
    func refresh(_ tokens: TokenSet, now: Double) async throws(AuthFailure) -> TokenSet {
        guard let refreshToken = tokens.refreshToken else {
            throw AuthFailure(.refused, "the access token has expired and no refresh token was issued")
        }
        return try await request(
            [("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("resource", resource)],
            previous: tokens, now: now)
    }

    /// Whether the authorization server still knows this client (a stored registration may have been
    /// dropped): a code exchange with a code that cannot be valid is refused for the code (`invalid_grant`)
    /// when it does, and with `invalid_client` (HTTP 401; the SDK says `unauthorized_client`) when it does not
    /// (RFC 6749 §5.2). An unreachable server counts as knowing it: the login itself then says what is wrong.
    func knowsClient(redirectURI: String) async -> Bool {
        var parameters = [
            ("grant_type", "authorization_code"), ("code", "mcptask-registration-check"),
            ("redirect_uri", redirectURI), ("code_verifier", PKCE().verifier), ("resource", resource),
            ("client_id", client.clientID),
        ]
        if let secret = client.clientSecret { parameters.append(("client_secret", secret)) }
        guard let answer = try? await http.postForm(endpoint, parameters) else { return true }
        let error = answer.json?["error"]?.stringValue
        return !(answer.status == 401 || error == "invalid_client" || error == "unauthorized_client")
    }

    private func request(_ grant: [(String, String)], previous: TokenSet?, now: Double) async throws(AuthFailure)
        -> TokenSet
    {
        // client_id goes in the body even with a secret (authorization-notes.md, 4).
        var parameters = grant + [("client_id", client.clientID)]
        if let secret = client.clientSecret { parameters.append(("client_secret", secret)) }
        let answer = try await http.postForm(endpoint, parameters)
        guard answer.status == 200, let json = answer.json, let access = json["access_token"]?.stringValue else {
            let error = answer.json?["error"]?.stringValue ?? "HTTP \(answer.status)"
            let description = answer.json?["error_description"]?.stringValue.map { ": \($0)" } ?? ""
            let what = previous == nil ? "exchange the authorization code" : "refresh the access token"
            throw AuthFailure(
                .refused, "the authorization server would not \(what) (\(error)\(description))",
                code: answer.json?["error"]?.stringValue)
        }
        let lifetime = json["expires_in"]?.intValue ?? json["expires_in"]?.doubleValue.map { Int($0) }
        return TokenSet(
            accessToken: access,
            // A server that does not rotate keeps the old refresh token valid.
            refreshToken: json["refresh_token"]?.stringValue ?? previous?.refreshToken,
            expiresAt: lifetime.map { now + Double($0) },
            scope: json["scope"]?.stringValue ?? previous?.scope)
    }
}
