import MCPCore

/// Where an MCP server sends its clients to authorize, found as the MCP authorization specification says:
/// the server's 401 challenge (`resource_metadata`), else the well-known Protected Resource Metadata URLs
/// (RFC 9728), then the first authorization server's metadata (RFC 8414, else OpenID Connect discovery).
public struct AuthorizationTarget: Sendable, Equatable {
    /// The MCP server's canonical URL: the `resource` parameter (RFC 8707).
    public var resource: String
    public var resourceMetadata: ResourceMetadata
    public var server: AuthorizationServerMetadata
    /// The scopes to ask for: the challenge's, else those the resource metadata lists.
    public var scopes: [String]

    /// The scopes a login asks for unless told otherwise: the server's, with `offline_access` added when the
    /// authorization server lists it, so it issues a refresh token and later commands need no new login (MCP
    /// authorization 2026-07-28 lets clients add it; a resource never asks for it itself). Nothing is added
    /// when the server's scopes are unknown, since no `scope` at all is sent then.
    public var defaultScopes: [String] {
        let offline = "offline_access"
        guard !scopes.isEmpty, server.scopesSupported.contains(offline) else { return scopes }
        return StepUp.union(scopes, [offline])
    }
}

public struct AuthDiscovery: Sendable {
    let http = AuthHTTP()

    public init() {}

    /// What a request without credentials to `serverURL` gets: the 401 and its Bearer challenge, or nil
    /// when the server asks for no authorization.
    public func challenge(of serverURL: String) async throws(AuthFailure) -> BearerChallenge? {
        let initialize: JSONValue = [
            "jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": [
                "protocolVersion": "2025-11-25", "capabilities": [:],
                "clientInfo": ["name": "mcptask", "version": "auth-probe"],
            ],
        ]
        let answer = try await http.postJSON(
            serverURL, initialize, headers: [("Accept", "application/json, text/event-stream")])
        guard answer.status == 401 || answer.status == 403 else { return nil }
        return answer.headers["WWW-Authenticate"].lazy.compactMap(BearerChallenge.init(header:)).first
            ?? BearerChallenge(header: "Bearer")
    }

    public func discover(serverURL: String, challenge: BearerChallenge?) async throws(AuthFailure)
        -> AuthorizationTarget
    {
        guard let url = WebURL(serverURL) else {
            throw AuthFailure(.invalidServer, "'\(serverURL)' is not an http:// or https:// URL")
        }
        let resource = try await resourceMetadata(of: url, challenge: challenge)
        guard let issuerText = resource.authorizationServers.first, let issuer = WebURL(issuerText) else {
            throw AuthFailure(.invalidServer, "the server at \(url.canonical) names no usable authorization server")
        }
        let server = try await serverMetadata(of: issuer)
        if !server.codeChallengeMethods.isEmpty && !server.codeChallengeMethods.contains(PKCE.method) {
            throw AuthFailure(
                .invalidServer,
                "the authorization server \(issuer.authority) does not support PKCE with S256, which MCP requires")
        }
        let scopes =
            challenge?.scope.map { $0.split(separator: " ").map(String.init) }
            ?? (resource.scopesSupported.isEmpty ? server.scopesSupported : resource.scopesSupported)
        return AuthorizationTarget(
            resource: url.canonical, resourceMetadata: resource, server: server, scopes: scopes)
    }

    private func resourceMetadata(of url: WebURL, challenge: BearerChallenge?) async throws(AuthFailure)
        -> ResourceMetadata
    {
        var candidates = [
            url.wellKnown("oauth-protected-resource"), url.wellKnown("oauth-protected-resource", keepingPath: false),
        ]
        if let named = challenge?.resourceMetadata { candidates.insert(named, at: 0) }
        for candidate in uniqued(candidates) {
            let answer = try await http.get(candidate)
            if answer.status == 200, let json = answer.json, let metadata = ResourceMetadata(json) {
                return metadata
            }
        }
        throw AuthFailure(
            .invalidServer,
            "the server at \(url.canonical) wants authorization but publishes no protected resource metadata "
                + "(RFC 9728); pass a token with -H 'Authorization: Bearer …' instead")
    }

    /// RFC 8414 first, then OpenID Connect discovery, in the orders the MCP specification lists.
    private func serverMetadata(of issuer: WebURL) async throws(AuthFailure) -> AuthorizationServerMetadata {
        let hasPath = issuer.path != "" && issuer.path != "/"
        let candidates =
            hasPath
            ? [
                issuer.wellKnown("oauth-authorization-server"), issuer.wellKnown("openid-configuration"),
                issuer.canonical + "/.well-known/openid-configuration",
            ]
            : [issuer.wellKnown("oauth-authorization-server"), issuer.wellKnown("openid-configuration")]
        for candidate in candidates {
            let answer = try await http.get(candidate)
            if answer.status == 200, let json = answer.json, let metadata = AuthorizationServerMetadata(json) {
                return metadata
            }
        }
        throw AuthFailure(
            .invalidServer, "the authorization server \(issuer.authority) publishes no metadata (RFC 8414 or OpenID)")
    }

    private func uniqued(_ list: [String]) -> [String] {
        var seen: Set<String> = []
        return list.filter { seen.insert($0).inserted }
    }
}
