import ArgumentParser
import MCPAuth
import MCPCommandKit

/// `auth logout -s URL`: forgets the stored login for a server.
struct AuthLogoutCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout", abstract: "Forget the stored login for a server.")

    @OptionGroup var server: ServerOptions

    func run(in environment: CommandEnvironment) async -> ExitStatus {
        let console = environment.console
        do {
            let url = try httpServerURL(server, environment: environment)
            guard CredentialStore(environment: environment.variables).remove(url) else {
                throw CommandFailure(status: .connection, message: "not logged in to \(url); nothing to forget")
            }
            console.stdout.line("logged out of \(url); its stored tokens are deleted")
            return .success
        } catch {
            return ErrorReport.report(error, style: nil, to: console.stderr)
        }
    }
}
