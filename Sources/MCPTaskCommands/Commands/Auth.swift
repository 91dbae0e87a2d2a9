import ArgumentParser
import MCPAuth
import MCPCommandKit

/// `mcptask auth …`: logging in to HTTP servers behind OAuth, and the credentials kept for them.
struct AuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth", abstract: "Log in to HTTP servers that want OAuth authorization, and manage the logins.",
        discussion: """
            Tokens are kept in a private store ($XDG_DATA_HOME/mcptask/credentials, 0700, files 0600) and used \
            by every command that reaches the server; they are refreshed when they expire.
            """,
        subcommands: [AuthLoginCommand.self, AuthStatusCommand.self, AuthLogoutCommand.self])
}

/// The HTTP URL `-s` names (a URL, or a config entry of one); anything else is a usage error.
func httpServerURL(_ server: ServerOptions, environment: CommandEnvironment) throws -> String {
    try httpServer(server, environment: environment).url
}

/// The HTTP server `-s` names: its URL and, for a config entry, the name it has there.
func httpServer(_ server: ServerOptions, environment: CommandEnvironment) throws -> (url: String, name: String) {
    let target = try ServerResolver(environment: environment.variables, executablePath: environment.executablePath)
        .resolve(server: server.server, config: server.config, command: environment.serverCommand)
    guard case .http(let url, _, let name) = target else {
        throw CommandFailure(
            status: .usage, message: "auth works with HTTP servers only; name one with -s URL (or a config entry)")
    }
    return (url, name)
}
