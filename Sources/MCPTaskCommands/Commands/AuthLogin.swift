import ArgumentParser
import MCPAuth
import MCPCommandKit
import MCPRender

/// `auth login -s URL`: the OAuth authorization code flow with PKCE, tokens stored privately.
struct AuthLoginCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: "Log in to an HTTP server that wants OAuth authorization.",
        discussion: """
            Finds the server's authorization server, registers mcptask there (unless --client-id, or the \
            server's config entry, names a pre-registered client; a registration is kept and reused for the \
            next login to the same authorization server), and asks before opening the authorization page in a \
            browser ($MCPTASK_OPENER, else xdg-open). The answer comes back to a listener on 127.0.0.1.
            """)

    @OptionGroup var server: ServerOptions

    @Option(name: .long, help: "A pre-registered OAuth client id (else the client registers itself).")
    var clientId: String?

    @Option(name: .long, help: "The pre-registered client's secret ($VAR expanded).")
    var clientSecret: String?

    @Option(name: .long, help: "A Client ID Metadata Document URL to use as the client id, where supported.")
    var clientMetadataUrl: String?

    @Option(name: .long, help: "A scope to ask for instead of the server's (repeatable).")
    var scope: [String] = []

    @Flag(name: .long, help: "Print the authorization URL instead of opening a browser.")
    var noBrowser = false

    @Option(name: .long, help: "How long to wait for the browser to come back (default 5m).")
    var loginTimeout: DurationArgument?

    func run(in environment: CommandEnvironment) async -> ExitStatus {
        let (console, variables) = (environment.console, environment.variables)
        let style = Style.resolve(
            choice: server.color.rawValue, isTerminal: console.stderr.isTerminal, environment: variables)
        do {
            let (url, name) = try httpServer(server, environment: environment)
            let secret = try clientSecret.map {
                try HeaderArguments.expand($0, environment: variables, header: "secret")
            }
            // The config entry's pre-registered client, unless a flag names one: flags win.
            var offer = LoginOffer(url: url, server: name)
            if name != url {
                offer.client = try ServerConfigFile(
                    environment: variables, workingDirectory: FileSystem.currentDirectory(), explicitPath: server.config
                ).oauthClient(name: name)
            }
            var request = offer.request(redirectLimit: loginTimeout?.duration ?? .seconds(300))
            if let clientId {
                (request.clientID, request.clientSecret, request.callbackPort) = (clientId, secret, nil)
            } else if let secret {
                request.clientSecret = secret
            }
            request.clientMetadataURL = clientMetadataUrl
            if !scope.isEmpty { request.scopes = scope }
            let presenter = AuthorizationPresenter(
                console: console, environment: variables, style: style, noBrowser: noBrowser, server: url)
            let stored = try await OAuthLogin(store: CredentialStore(environment: variables), now: console.now)
                .run(request) { try await presenter.present($0) }
            let scopes = stored.scopes.isEmpty ? "" : " with scope \(stored.scopes.joined(separator: " "))"
            console.stdout.line("logged in to \(url) at \(stored.issuer)\(scopes)")
            return .success
        } catch let failure as AuthFailure {
            return ErrorReport.report(
                CommandFailure(status: .connection, message: failure.message), style: style, to: console.stderr)
        } catch {
            return ErrorReport.report(error, style: style, to: console.stderr)
        }
    }
}
