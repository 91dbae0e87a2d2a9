import MCPAuth
import MCPRender

/// The login a command offers when a server answers 401 (or 403 for more scopes) and a person is at the
/// terminal: `auth login` with its defaults, the authorization page shown with its host and opened only after
/// their yes.
package enum InteractiveLogin {
    package static func run(_ offer: LoginOffer, console: Console, environment: [String: String]) async -> Bool {
        let style = Style.resolve(choice: "auto", isTerminal: console.stderr.isTerminal, environment: environment)
        let url = offer.url
        if let stepUp = offer.stepUp {
            console.note(
                "the server at \(url) needs the scope \(Sanitizer.clean(stepUp.challenged.joined(separator: " "))) "
                    + "beyond the stored login's; logging in again (as \(Sanitizer.clean(offer.command)) does)",
                style: style)
        } else {
            console.note(
                "the server at \(url) wants authorization; logging in (as mcptask auth login -s URL does)", style: style
            )
        }
        let presenter = AuthorizationPresenter(
            console: console, environment: environment, style: style, noBrowser: false, server: url)
        do {
            let stored = try await OAuthLogin(store: CredentialStore(environment: environment), now: console.now)
                .run(offer.request()) { try await presenter.present($0) }
            console.note("logged in to \(url) at \(stored.issuer)", style: style)
            return true
        } catch let failure as AuthFailure {
            console.note("login failed: \(failure.message)", style: style)
            return false
        } catch {
            console.note("login failed: \(error)", style: style)
            return false
        }
    }
}
