import MCPAuth
import MCPClient
import MCPCore
import MCPTransport

extension CommandContext {
    /// Runs `connect` with the stored access token of `url` added (refreshed first when it has expired),
    /// unless the user gave an Authorization header. A 401 with a stored token refreshes it once and tries
    /// again; a 401 without one says how to log in. Tokens go only into the request header.
    func authorized<Value: Sendable>(
        url: String, headers: [Header],
        _ connect: @Sendable ([Header]) async throws -> Value
    ) async throws -> Value {
        if headers.contains(where: { $0.name.lowercased() == "authorization" }) { return try await connect(headers) }
        let tokens = AccessTokens(store: CredentialStore(environment: environment), now: console.now)
        let stored: String?
        do {
            stored = try await tokens.token(for: url)
        } catch {
            throw CommandFailure(status: .connection, message: error.message)
        }
        do {
            return try await connect(headers + Self.bearer(stored))
        } catch  where Self.httpStatus(of: error) == 403 && stored != nil {
            // insufficient_scope: the login's scope is too small for what the server now asks.
            throw CommandFailure(
                status: .connection,
                message: "the server at \(url) refused the stored login (HTTP 403, likely insufficient scope); log in "
                    + "again with the scope it needs: mcptask auth login -s \(url) --scope SCOPE")
        } catch  where Self.httpStatus(of: error) == 401 && stored == nil {
            // With a person at the terminal the login is offered (its page is shown and opened only after a
            // yes), then the command goes on; otherwise one line says how to log in.
            guard console.isInteractive, let login = interactiveLogin, await login(url, console) else {
                throw authorizationNeeded(url, error)
            }
            let token: String?
            do {
                token = try await tokens.token(for: url)
            } catch {
                throw CommandFailure(status: .connection, message: error.message)
            }
            return try await connect(headers + Self.bearer(token))
        } catch  where Self.httpStatus(of: error) == 401 {
            logger.info("the server refused the stored access token; refreshing it")
            let refreshed: String?
            do {
                refreshed = try await tokens.token(for: url, force: true)
            } catch {
                throw CommandFailure(status: .connection, message: error.message)
            }
            do {
                return try await connect(headers + Self.bearer(refreshed))
            } catch  where Self.httpStatus(of: error) == 401 {
                throw authorizationNeeded(url, error)
            }
        }
    }

    private static func bearer(_ token: String?) -> [Header] {
        token.map { [(name: "Authorization", value: "Bearer " + $0)] } ?? []
    }

    /// The server wants authorization mcptask does not have: one line naming the command that logs in.
    private func authorizationNeeded(_ url: String, _ error: any Error) -> CommandFailure {
        CommandFailure(
            status: .connection,
            message: "the server at \(url) wants authorization (HTTP 401); log in with: mcptask auth login -s \(url) "
                + "(or pass a token with -H 'Authorization: Bearer …')")
    }

    /// The HTTP status a failure carries, however deep.
    static func httpStatus(of error: any Error) -> Int? {
        switch error {
        case let error as TransportError: return error.httpStatus
        case let error as SessionError: return error.transportError?.httpStatus
        default: return nil
        }
    }
}
