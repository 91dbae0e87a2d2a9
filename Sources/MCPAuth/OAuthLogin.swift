/// What `auth login` asks for.
public struct LoginRequest: Sendable {
    public var serverURL: String
    /// A pre-registered client, preferred over everything else.
    public var clientID: String?
    public var clientSecret: String?
    /// A Client ID Metadata Document URL, used when the authorization server supports them.
    public var clientMetadataURL: String?
    /// Scopes to ask for instead of the challenge's or the metadata's (step-up).
    public var scopes: [String]?
    /// The loopback port for the redirect, when the client is registered with a fixed one (a config entry's
    /// `callbackPort`); else the system picks one.
    public var callbackPort: Int?
    /// How long to wait for the browser's redirect.
    public var redirectLimit: Duration

    public init(
        serverURL: String, clientID: String? = nil, clientSecret: String? = nil, clientMetadataURL: String? = nil,
        scopes: [String]? = nil, callbackPort: Int? = nil, redirectLimit: Duration = .seconds(300)
    ) {
        self.serverURL = serverURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.clientMetadataURL = clientMetadataURL
        self.scopes = scopes
        self.callbackPort = callbackPort
        self.redirectLimit = redirectLimit
    }
}

/// The page a person must visit to authorize, and the host it belongs to (shown before a browser opens).
public struct AuthorizationPage: Sendable {
    public var url: String
    public var host: String
    public var issuer: String
}

/// The authorization code flow with PKCE S256 (OAuth 2.1, as the MCP authorization specification asks):
/// discovery, the client's identity, a loopback redirect on 127.0.0.1, `state` and `resource` checked and
/// sent, the code exchanged, and the tokens stored privately.
public struct OAuthLogin: Sendable {
    let store: CredentialStore
    let now: @Sendable () -> Double

    public init(store: CredentialStore, now: @escaping @Sendable () -> Double) {
        self.store = store
        self.now = now
    }

    /// Logs in; `present` shows or opens the page (its returning does not mean the person went there).
    public func run(
        _ request: LoginRequest, present: @Sendable (AuthorizationPage) async throws -> Void
    ) async throws -> StoredCredentials {
        let discovery = AuthDiscovery()
        let challenge = try await discovery.challenge(of: request.serverURL)
        // A server that answers without 401 has nothing to log in to.
        guard let challenge else {
            throw AuthFailure(
                .invalidServer,
                "the server at \(request.serverURL) asks for no authorization (it answered without HTTP 401); "
                    + "there is nothing to log in to")
        }
        let target = try await discovery.discover(serverURL: request.serverURL, challenge: challenge)
        let request = withEarlierClient(request, issuer: target.server.issuer)
        let scopes = request.scopes ?? target.defaultScopes
        let (client, listener) = try await clientAndListener(request, target: target, scopes: scopes)
        do {
            let credentials = try await authorize(
                request, target: target, scopes: scopes, client: client, listener: listener, present: present)
            await listener.close()
            return credentials
        } catch {
            await listener.close()
            throw error
        }
    }

    /// `request`, given the client the stored login for its server was made with when that client was the
    /// user's (pre-registered or a metadata document) and nothing names one now: logging in again, for a
    /// step-up say, keeps the client the user chose. Only at the same authorization server.
    private func withEarlierClient(_ request: LoginRequest, issuer: String) -> LoginRequest {
        guard request.clientID == nil, request.clientMetadataURL == nil, let earlier = store.load(request.serverURL),
            earlier.client.registered != true, AuthorizationServerMetadata.sameIssuer(earlier.issuer, issuer)
        else { return request }
        var request = request
        (request.clientID, request.clientSecret) = (earlier.client.clientID, earlier.client.clientSecret)
        return request
    }

    private func authorize(
        _ request: LoginRequest, target: AuthorizationTarget, scopes: [String], client: ClientIdentity,
        listener: LoopbackListener, present: @Sendable (AuthorizationPage) async throws -> Void
    ) async throws -> StoredCredentials {
        let pkce = PKCE()
        let state = Base64URL.random(bytes: 24)
        var parameters: [(String, String)] = [
            ("response_type", "code"), ("client_id", client.clientID), ("redirect_uri", listener.redirectURI),
            ("code_challenge", pkce.challenge), ("code_challenge_method", PKCE.method), ("state", state),
            ("resource", target.resource),
        ]
        if !scopes.isEmpty { parameters.append(("scope", scopes.joined(separator: " "))) }
        guard let endpoint = WebURL(target.server.authorizationEndpoint) else {
            throw AuthFailure(.invalidServer, "the authorization endpoint is not an http(s) URL")
        }
        try await present(
            AuthorizationPage(url: endpoint.adding(parameters), host: endpoint.host, issuer: target.server.issuer))
        guard let redirect = await listener.waitForRedirect(limit: request.redirectLimit) else {
            throw AuthFailure(
                .abandoned,
                "no authorization came back within \(request.redirectLimit.components.seconds) s; run mcptask auth "
                    + "login again (with --no-browser to open the page yourself)")
        }
        let code = try AuthorizationResponse(parameters: redirect).code(
            state: state, issuer: target.server.issuer, issuerAdvertised: target.server.issuerInResponses)
        let tokens: TokenSet
        do throws(AuthFailure) {
            tokens = try await TokenClient(
                endpoint: target.server.tokenEndpoint, client: client, resource: target.resource
            )
            .exchange(code: code, verifier: pkce.verifier, redirectURI: listener.redirectURI, now: now())
        } catch {
            // A registration the server no longer takes is forgotten, so the next login registers again.
            if client.registered == true, error.rejectsClient {
                store.removeRegistration(issuer: target.server.issuer)
            }
            throw error
        }
        let credentials = StoredCredentials(
            resource: target.resource, issuer: target.server.issuer, tokenEndpoint: target.server.tokenEndpoint,
            client: client, tokens: tokens, scopes: scopes)
        try store.save(credentials)
        return credentials
    }

    /// The client, in the specification's order (pre-registered, a metadata document URL, else registered
    /// dynamically), and the listener its redirect URI points at.
    private func clientAndListener(
        _ request: LoginRequest, target: AuthorizationTarget, scopes: [String]
    ) async throws(AuthFailure) -> (ClientIdentity, LoopbackListener) {
        let endpoint: String
        switch try ClientChoice.choose(request, server: target.server) {
        case .preRegistered(let clientID, let secret):
            let listener = try await LoopbackListener.start(port: request.callbackPort ?? 0)
            return (
                ClientIdentity(clientID: clientID, clientSecret: secret, redirectURI: listener.redirectURI), listener
            )
        case .metadataDocument(let document):
            let listener = try await LoopbackListener.start(port: request.callbackPort ?? 0)
            return (ClientIdentity(clientID: document, redirectURI: listener.redirectURI), listener)
        case .register(let registration):
            endpoint = registration
        }
        if let reused = await reusableRegistration(target: target, scopes: scopes) { return reused }
        let listener = try await LoopbackListener.start(port: request.callbackPort ?? 0)
        // Registered for every scope the authorization server lists as well: a registration's scope bounds
        // what the client may ask for later (the SDK's server refuses others), so a step-up then needs no new
        // registration. What is asked for at each authorization stays the least that is needed.
        let registered = StepUp.union(scopes, target.server.scopesSupported)
        do throws(AuthFailure) {
            let client = try await ClientRegistration().register(
                at: endpoint, redirectURI: listener.redirectURI, scopes: registered)
            try store.save(StoredRegistration(issuer: target.server.issuer, client: client, scopes: registered))
            return (client, listener)
        } catch {
            await listener.close()
            throw error
        }
    }

    /// The registration kept from an earlier login to this issuer, with a listener on the port of its
    /// redirect URI, when it can serve: it was registered for these scopes, the port is free (authorization
    /// servers such as the SDK's compare redirect URIs port and all, though RFC 8252 §7.3 says they should
    /// not), and the authorization server still knows the client. Otherwise nil, and mcptask registers again.
    private func reusableRegistration(target: AuthorizationTarget, scopes: [String]) async
        -> (ClientIdentity, LoopbackListener)?
    {
        guard let stored = store.registration(issuer: target.server.issuer), stored.covers(scopes),
            let port = stored.redirectPort, let redirectURI = stored.client.redirectURI,
            let listener = try? await LoopbackListener.start(port: port)
        else { return nil }
        let token = TokenClient(endpoint: target.server.tokenEndpoint, client: stored.client, resource: target.resource)
        guard await token.knowsClient(redirectURI: redirectURI) else {
            store.removeRegistration(issuer: target.server.issuer)
            await listener.close()
            return nil
        }
        return (stored.client, listener)
    }
}

/// Access tokens for commands: the stored one, refreshed under the store's lock when it has expired or is
/// about to.
public struct AccessTokens: Sendable {
    let store: CredentialStore
    let now: @Sendable () -> Double

    public init(store: CredentialStore, now: @escaping @Sendable () -> Double) {
        self.store = store
        self.now = now
    }

    /// The access token for `serverURL`, or nil when nobody logged in to it. `force` refreshes even a
    /// token that has not expired (the server refused it).
    public func token(for serverURL: String, force: Bool = false) async throws(AuthFailure) -> String? {
        guard let stored = store.load(serverURL) else { return nil }
        guard force || stored.tokens.expires(within: 30, now: now()) else { return stored.tokens.accessToken }
        return try await store.withLock(serverURL) { () async throws(AuthFailure) -> String? in
            // Another process may have refreshed while this one waited for the lock.
            guard var current = store.load(serverURL) else { return nil }
            if current.tokens != stored.tokens && !current.tokens.expires(within: 30, now: now()) {
                return current.tokens.accessToken
            }
            let client = TokenClient(
                endpoint: current.tokenEndpoint, client: current.client, resource: current.resource)
            do throws(AuthFailure) {
                current.tokens = try await client.refresh(current.tokens, now: now())
            } catch {
                throw AuthFailure(
                    error.kind,
                    "the stored login for \(current.resource) no longer works (\(error.message)); run mcptask auth "
                        + "login -s \(serverURL)")
            }
            try store.save(current)
            return current.tokens.accessToken
        }
    }
}
