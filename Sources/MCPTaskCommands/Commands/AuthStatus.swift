import ArgumentParser
import MCPAuth
import MCPCommandKit
import MCPCore
import MCPRender

/// `auth status [-s URL]`: which servers mcptask is logged in to, where, with which scopes and until when;
/// never a token.
struct AuthStatusCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the stored logins (no token values).")

    @OptionGroup var server: ServerOptions

    @Flag(name: .long, help: "Print the logins as JSON.")
    var json = false

    func run(in environment: CommandEnvironment) async -> ExitStatus {
        let console = environment.console
        let store = CredentialStore(environment: environment.variables)
        var logins = store.all()
        if server.server != nil {
            do {
                let url = try httpServerURL(server, environment: environment)
                logins = store.load(url).map { [$0] } ?? []
                if logins.isEmpty {
                    return ErrorReport.report(
                        CommandFailure(
                            status: .connection,
                            message: "not logged in to \(url); log in with: mcptask auth login -s \(url)"),
                        style: nil, to: console.stderr)
                }
            } catch {
                return ErrorReport.report(error, style: nil, to: console.stderr)
            }
        }
        let now = console.now()
        if json {
            console.stdout.line(JSONWriter.pretty(.array(logins.map { describe($0, now: now) })))
            return .success
        }
        if logins.isEmpty { console.stderr.line("mcptask: no stored logins (\(store.directory))") }
        for login in logins {
            let expiry = login.tokens.expiresAt.map { expires($0, now: now) } ?? "no expiry given"
            let scopes = login.tokens.scope ?? login.scopes.joined(separator: " ")
            console.stdout.line(
                "\(login.resource)  issuer \(login.issuer)  client \(login.client.clientID)  scopes "
                    + "\(scopes.isEmpty ? "-" : scopes)  access token \(expiry)"
                    + (login.tokens.refreshToken == nil ? "" : ", refreshable"))
        }
        return .success
    }

    private func describe(_ login: StoredCredentials, now: Double) -> JSONValue {
        var fields: [String: JSONValue] = [
            "server": .string(login.resource), "issuer": .string(login.issuer),
            "clientId": .string(login.client.clientID),
            "scopes": .array(
                (login.tokens.scope?.split(separator: " ").map(String.init) ?? login.scopes).map(JSONValue.string)),
            "refreshable": .bool(login.tokens.refreshToken != nil),
        ]
        fields["expiresAt"] = login.tokens.expiresAt.map { .string(Timestamps.format($0)) }
        fields["expired"] = login.tokens.expiresAt.map { .bool($0 <= now) }
        return .object(fields)
    }

    private func expires(_ at: Double, now: Double) -> String {
        at > now
            ? "expires in \(Timestamps.compact(seconds: at - now))"
            : "expired \(Timestamps.compact(seconds: now - at)) ago"
    }
}
