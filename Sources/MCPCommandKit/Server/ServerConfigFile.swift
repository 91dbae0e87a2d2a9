import MCPCore
import MCPTransport

/// The common `{"mcpServers": {NAME: {...}}}` config file: `command`/`args`/`env`/`cwd` for stdio servers,
/// `url`/`headers` for HTTP ones.
package enum ServerConfigFile {
    package static func candidatePaths(explicitPath: String?, environment: [String: String]) -> [String] {
        if let explicitPath { return [explicitPath] }
        let configHome =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { $0 + "/.config" }
        return ["./.mcp.json"] + (configHome.map { [$0 + "/mcptask/servers.json"] } ?? [])
    }

    package static func searchDescription(explicitPath: String?, environment: [String: String]) -> String {
        candidatePaths(explicitPath: explicitPath, environment: environment).joined(separator: " or ")
    }

    /// The entry `name` from the first config file that has it; an explicit `--config` must exist.
    package static func find(name: String, explicitPath: String?, environment: [String: String]) throws -> ServerTarget?
    {
        for path in candidatePaths(explicitPath: explicitPath, environment: environment) {
            guard FileSystem.exists(path) else {
                if explicitPath != nil {
                    throw CommandFailure(status: .usage, message: "config file '\(path)' does not exist")
                }
                continue
            }
            let servers = try load(path)
            if let entry = servers[name] { return try target(name: name, entry: entry, path: path) }
        }
        return nil
    }

    package static func load(_ path: String) throws -> [String: JSONValue] {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path)
        } catch {
            throw CommandFailure(status: .usage, message: "cannot read config file '\(path)': \(error)")
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw CommandFailure(status: .usage, message: "config file '\(path)' is not valid JSON: \(error)")
        }
        guard let servers = json["mcpServers"]?.objectValue ?? json["servers"]?.objectValue else {
            throw CommandFailure(status: .usage, message: "config file '\(path)' has no \"mcpServers\" object")
        }
        return servers.dictionary
    }

    package static func target(name: String, entry: JSONValue, path: String) throws -> ServerTarget {
        func fail(_ what: String) -> CommandFailure {
            CommandFailure(status: .usage, message: "server '\(name)' in '\(path)': \(what)")
        }
        if let url = entry["url"]?.stringValue {
            var headers: [String: String] = [:]
            for (key, value) in entry["headers"]?.objectValue ?? [:] {
                guard let text = value.stringValue else { throw fail("header '\(key)' must be a string") }
                headers[key] = text
            }
            return .http(url: url, headers: headers, name: name)
        }
        guard let command = entry["command"]?.stringValue, !command.isEmpty else {
            throw fail("needs a \"command\" (stdio) or a \"url\" (HTTP)")
        }
        let arguments = try (entry["args"]?.arrayValue ?? []).map { value in
            guard let text = value.stringValue else { throw fail("\"args\" must be strings") }
            return text
        }
        var environment: [String: String] = [:]
        for (key, value) in entry["env"]?.objectValue ?? [:] {
            guard let text = value.stringValue else { throw fail("env '\(key)' must be a string") }
            environment[key] = text
        }
        let stdio = StdioServerCommand(
            executable: command, arguments: arguments, environment: environment,
            workingDirectory: entry["cwd"]?.stringValue)
        return .stdio(stdio, name: name)
    }
}
