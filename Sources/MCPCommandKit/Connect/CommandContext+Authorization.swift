import MCPAuth
import MCPClient
import MCPCore
import MCPServerConfig
import MCPTransport

extension CommandContext {
    /// Runs `connect` with the stored access token of `url` added (refreshed first when it has expired),
    /// unless the user gave an Authorization header. A 401 with a stored token refreshes it once and tries
    /// again; a 401 without one offers the login on a terminal and otherwise says how to log in. A 403 to any
    /// request made with a stored login goes to the step-up (`stepUp`), which the connection calls. Tokens go
    /// only into the request header.
    func authorized<Value: Sendable>(
        url: String, headers: [Header],
        _ connect: @Sendable ([Header], Reauthorization?) async throws -> Value
    ) async throws -> Value {
        if headers.contains(where: { $0.name.lowercased() == "authorization" }) {
            return try await connect(headers, nil)
        }
        let tokens = AccessTokens(store: CredentialStore(environment: environment), now: console.now)
        let stored = try await token(tokens, url)
        let stepUp = stepUp(url: url, tokens: tokens)
        do {
            return try await connect(headers + Self.bearer(stored), stored == nil ? nil : stepUp)
        } catch  where Self.httpStatus(of: error) == 401 && stored == nil {
            // With a person at the terminal the login is offered (its page is shown and opened only after a
            // yes), then the command goes on; otherwise one line says how to log in.
            let offer = try loginOffer(url)
            guard console.isInteractive, let login = interactiveLogin, await login(offer, console) else {
                throw authorizationNeeded(url, offer)
            }
            return try await connect(headers + Self.bearer(try await token(tokens, url)), stepUp)
        } catch  where Self.httpStatus(of: error) == 401 {
            logger.info("the server refused the stored access token; refreshing it")
            let refreshed = try await token(tokens, url, force: true)
            do {
                return try await connect(headers + Self.bearer(refreshed), stepUp)
            } catch  where Self.httpStatus(of: error) == 401 {
                throw authorizationNeeded(url, try loginOffer(url))
            }
        }
    }

    /// The answer to a 403 to a request made with the stored login of `url`: when the challenge names scopes
    /// the login lacks, a new authorization for them joined to the login's (offered on a terminal; otherwise
    /// one line naming the command that does it), and the new token to send the request again with. The
    /// connection sends it again once: a 403 after that is final.
    private func stepUp(url: String, tokens: AccessTokens) -> Reauthorization {
        { [self] refusal, afterRetry throws(TransportError) -> String? in
            let refused = { (message: String) in TransportError(.connectFailed, message, httpStatus: 403) }
            let login = CredentialStore(environment: environment).load(url)
            let challenge = refusal.challenge.flatMap(BearerChallenge.init(header:))
            if afterRetry {
                throw refused(
                    "the server at \(url) still refuses (HTTP 403) after the login with the scope "
                        + "\(login?.heldScopes.joined(separator: " ") ?? "-"); the authorization server may not "
                        + "have granted what it asked for")
            }
            // A 403 without a Bearer challenge is not about the token (a proxy, a Host check): it stands as is.
            guard let challenge else { return nil }
            guard let login,
                let stepUp = StepUp(challenge: challenge, requested: login.scopes, granted: login.heldScopes)
            else {
                throw refused(
                    "the server at \(url) refused the stored login (HTTP 403"
                        + (challenge.error.map { ", \($0)" } ?? "") + ") without naming a scope it lacks; log in "
                        + "again with the scope it needs: mcptask auth login -s \(serverArgument(url)) --scope SCOPE")
            }
            var offer: LoginOffer
            do {
                offer = try loginOffer(url)
            } catch {
                throw refused("\(error)")
            }
            offer.stepUp = stepUp
            guard console.isInteractive, let offerLogin = interactiveLogin, await offerLogin(offer, console) else {
                throw refused(
                    "the server at \(url) needs the scope \(stepUp.challenged.joined(separator: " ")) beyond the "
                        + "stored login's (\(login.heldScopes.joined(separator: " "))); log in with: \(offer.command)")
            }
            do throws(AuthFailure) {
                return try await tokens.token(for: url).map { "Bearer " + $0 }
            } catch {
                throw refused(error.message)
            }
        }
    }

    /// The stored access token, refreshed when it must be; nil when nobody logged in.
    private func token(_ tokens: AccessTokens, _ url: String, force: Bool = false) async throws -> String? {
        do {
            return try await tokens.token(for: url, force: force)
        } catch {
            throw CommandFailure(status: .connection, message: error.message)
        }
    }

    /// The login for `url`, with the pre-registered client of the config entry the server was named by.
    private func loginOffer(_ url: String) throws -> LoginOffer {
        var offer = LoginOffer(url: url, server: serverArgument(url))
        if case .http(_, _, let name) = target, name != url {
            offer.client = try ServerConfigFile(
                environment: environment, workingDirectory: FileSystem.currentDirectory(),
                explicitPath: settings.config
            ).oauthClient(name: name)
        }
        return offer
    }

    /// The server as `-s` names it again in a suggested command: the config entry's name, else the URL.
    private func serverArgument(_ url: String) -> String {
        if case .http(_, _, let name) = target { return name }
        return url
    }

    private static func bearer(_ token: String?) -> [Header] {
        token.map { [(name: "Authorization", value: "Bearer " + $0)] } ?? []
    }

    /// The server wants authorization mcptask does not have: one line naming the command that logs in.
    private func authorizationNeeded(_ url: String, _ offer: LoginOffer) -> CommandFailure {
        CommandFailure(
            status: .connection,
            message: "the server at \(url) wants authorization (HTTP 401); log in with: \(offer.command) "
                + "(or pass a token with -H 'Authorization: Bearer …')")
    }

    /// The HTTP status a failure carries, however deep.
    static func httpStatus(of error: any Error) -> Int? {
        transportError(of: error)?.httpStatus
    }

    /// The Bearer challenge of a 401 or 403 failure.
    static func challenge(of error: any Error) -> BearerChallenge? {
        transportError(of: error)?.challenge.flatMap(BearerChallenge.init(header:))
    }

    private static func transportError(of error: any Error) -> TransportError? {
        switch error {
        case let error as TransportError: return error
        case let error as SessionError: return error.transportError
        default: return nil
        }
    }
}
