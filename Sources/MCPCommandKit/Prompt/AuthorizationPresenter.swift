import MCPAuth
import MCPCore
import MCPRender

/// Shows a login's authorization page: on a terminal, the page and its host with a question before any
/// browser opens (as a URL elicitation is shown); without a terminal, through `$MCPTASK_OPENER` when set;
/// with `--no-browser`, or when nothing can open it, the URL is printed for the person to open.
package struct AuthorizationPresenter: Sendable {
    package let console: Console
    package let environment: [String: String]
    package let style: Style
    package let noBrowser: Bool
    /// The server as the user named it.
    package let server: String

    package init(console: Console, environment: [String: String], style: Style, noBrowser: Bool, server: String) {
        self.console = console
        self.environment = environment
        self.style = style
        self.noBrowser = noBrowser
        self.server = server
    }

    package func present(_ page: AuthorizationPage) async throws {
        let host = Sanitizer.clean(page.host)
        if noBrowser {
            printURL(page, host: host)
            return
        }
        if console.isInteractive, let prompter = console.prompter(style, environment) {
            let request = ElicitRequest(
                mode: .url,
                message: "mcptask needs your authorization to use \(server); the authorization server is \(host)",
                url: page.url, elicitationId: "login")
            let answer = await prompter.ask(request, asker: ElicitationAsker(server: "mcptask auth login"))
            guard answer.action == .accept else {
                throw CommandFailure(status: .connection, message: "login declined; nothing was stored")
            }
            console.note("waiting for the authorization to come back from the browser", style: style)
            return
        }
        let opener = environment["MCPTASK_OPENER"].flatMap { $0.isEmpty ? nil : $0 }
        if opener != nil, SystemOpener.open(page.url, environment: environment) {
            console.note("opened the authorization page at \(host) with $MCPTASK_OPENER", style: style)
            return
        }
        printURL(page, host: host)
    }

    private func printURL(_ page: AuthorizationPage, host: String) {
        console.stderr.line("mcptask: open this page to authorize mcptask at \(host):")
        console.stderr.line("  " + Sanitizer.clean(page.url))
    }
}
