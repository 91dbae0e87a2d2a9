import MCPAuth
import MCPServerConfig

/// What a command offers to log in with when a server wants authorization it lacks: a first login on a 401,
/// or a step-up on a 403 naming scopes the stored login does not have.
package struct LoginOffer: Sendable {
    /// The server's URL.
    package var url: String
    /// How the user named the server (`-s` as given), for the command line that does the same login.
    package var server: String
    /// For a step-up: the scopes to ask for and those the server's challenge named.
    package var stepUp: StepUp?
    /// The pre-registered client of the server's config entry, if it names one.
    package var client: ConfiguredOAuthClient?

    package init(url: String, server: String, stepUp: StepUp? = nil, client: ConfiguredOAuthClient? = nil) {
        self.url = url
        self.server = server
        self.stepUp = stepUp
        self.client = client
    }

    /// What `auth login` is asked for: the config entry's client and scopes, a step-up's scopes before those.
    package func request(redirectLimit: Duration = .seconds(300)) -> LoginRequest {
        LoginRequest(
            serverURL: url, clientID: client?.clientID, clientSecret: client?.clientSecret,
            scopes: stepUp?.scopes ?? client?.scopes, callbackPort: client?.callbackPort,
            redirectLimit: redirectLimit)
    }

    /// The command that does this login: `mcptask auth login -s SERVER [--scope S]...`.
    package var command: String {
        (["mcptask auth login -s \(server)"] + (stepUp?.scopes ?? []).map { "--scope \($0)" }).joined(separator: " ")
    }
}
