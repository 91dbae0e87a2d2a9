import MCPCore
import MCPServerConfig
import MCPTransport

/// The config files `-s NAME` is looked up in (see ConfigLocations for the order), read through the file
/// system, and what an entry becomes once its variables are expanded.
package struct ServerConfigFile: Sendable {
    package var environment: [String: String]
    package var workingDirectory: String
    package var explicitPath: String?

    package init(environment: [String: String], workingDirectory: String, explicitPath: String?) {
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.explicitPath = explicitPath
    }

    package var sources: [ConfigSource] {
        ConfigLocations.sources(
            environment: environment, workingDirectory: workingDirectory, explicitPath: explicitPath)
    }

    package func catalog() -> ServerCatalog {
        ServerCatalog(sources: sources) { (path: String) throws(ConfigError) -> [UInt8]? in
            guard FileSystem.exists(path) else { return nil }
            do {
                return try FileSystem.read(path)
            } catch {
                throw ConfigError("cannot be read: \(error)")
            }
        }
    }

    /// The server `name` as the first file that has it defines it; nil when none has it. An explicit
    /// `--config` that cannot be used is an error; so is the entry found, when it cannot be used.
    package func find(name: String) throws -> ServerTarget? {
        let catalog = catalog()
        if let problem = catalog.problems.first(where: { $0.source.scope == .explicit }) {
            throw CommandFailure(status: .usage, message: "config file '\(problem.source.path)' \(problem.message)")
        }
        guard let server = catalog.server(named: name) else { return nil }
        let expansion = VariableExpansion(environment: environment, workingDirectory: workingDirectory)
        let resolved: ResolvedServer
        do {
            resolved = try server.resolved(expansion)
        } catch {
            throw CommandFailure(
                status: .usage, message: "server '\(name)' (\(server.source.origin)) \(error.message)")
        }
        switch resolved {
        case .http(let url, let headers):
            return .http(url: url, headers: Dictionary(headers, uniquingKeysWith: { _, last in last }), name: name)
        case .stdio(let command, let arguments, let variables, let directory):
            let stdio = StdioServerCommand(
                executable: command, arguments: arguments,
                environment: Dictionary(variables, uniquingKeysWith: { _, last in last }), workingDirectory: directory)
            return .stdio(stdio, name: name)
        }
    }

    /// The pre-registered OAuth client the entry `name` names (ConfiguredOAuthClient lists the forms); nil
    /// when there is no such entry or it names none.
    package func oauthClient(name: String) throws -> ConfiguredOAuthClient? {
        guard let server = catalog().server(named: name) else { return nil }
        do {
            return try server.oauthClient(
                VariableExpansion(environment: environment, workingDirectory: workingDirectory))
        } catch {
            throw CommandFailure(
                status: .usage, message: "server '\(name)' (\(server.source.origin)) \(error.message)")
        }
    }

    /// Why a name was not found, for the error: the files that were skipped because they cannot be read.
    package func unreadableFiles() -> [String] {
        catalog().problems.map { "\($0.source.path) \($0.message)" }
    }
}
