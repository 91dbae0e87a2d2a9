import MCPTransport

/// Where the command's server is, once the options are resolved.
package enum ServerTarget: Sendable, Equatable {
    case stdio(StdioServerCommand, name: String)
    case http(url: String, headers: [String: String], name: String)
    case session(name: String)

    package var isHTTP: Bool {
        if case .http = self { return true }
        return false
    }

    package var displayName: String {
        switch self {
        case .stdio(_, let name), .http(_, _, let name): return name
        case .session(let name): return "@" + name
        }
    }
}

/// Turns `-s`, `--config`, `MCPTASK_SERVER` and a trailing `-- COMMAND` into a `ServerTarget`.
package struct ServerResolver {
    package var environment: [String: String]
    package var executablePath: String?
    /// Where the project config files (`.mcp.json`, `.cursor/mcp.json`, ...) are looked for.
    package var workingDirectory: String

    package init(environment: [String: String], executablePath: String?, workingDirectory: String? = nil) {
        self.environment = environment
        self.executablePath = executablePath
        self.workingDirectory = workingDirectory ?? FileSystem.currentDirectory()
    }

    package func resolve(server: String?, config: String?, command: [String]) throws -> ServerTarget {
        if !command.isEmpty {
            if server != nil {
                throw CommandFailure(
                    status: .usage, message: "give either -s or a server command after '--', not both")
            }
            let stdio = StdioServerCommand(executable: command[0], arguments: Array(command.dropFirst()))
            return .stdio(stdio, name: command[0])
        }
        guard let name = server ?? environment["MCPTASK_SERVER"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw CommandFailure(
                status: .usage,
                message: "no server given: use -s NAME, -s URL or -s demo, or put a server command after '--'")
        }
        if let scheme = name.firstRange(of: "://").map({ name[..<$0.lowerBound].lowercased() }),
            scheme != "http", scheme != "https", !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0 == "+" })
        {
            throw CommandFailure(
                status: .usage,
                message: "'\(scheme)://' servers are not supported: mcptask speaks MCP over Streamable HTTP "
                    + "(http:// or https://) and stdio (a command after '--')")
        }
        if name.hasPrefix("http://") || name.hasPrefix("https://") {
            return .http(url: name, headers: [:], name: name)
        }
        if name.hasPrefix("@") { return .session(name: String(name.dropFirst())) }
        let files = ServerConfigFile(environment: environment, workingDirectory: workingDirectory, explicitPath: config)
        if let entry = try files.find(name: name) { return entry }
        if name == "demo" { return .stdio(demoCommand(), name: "demo") }
        let searched = config.map { "'\($0)'" } ?? "any config file ('mcptask servers' lists them)"
        throw CommandFailure(
            status: .usage,
            message: "unknown server '\(name)': it is not in \(searched); use a URL, 'demo', or a command after '--'",
            details: files.unreadableFiles().map { "skipped: " + $0 })
    }

    /// The bundled demo server: `MCPTASK_DEMO`, else `mcptask-demo` beside this executable, else on PATH.
    package func demoCommand() -> StdioServerCommand {
        if let override = environment["MCPTASK_DEMO"], !override.isEmpty {
            return StdioServerCommand(executable: override)
        }
        if let executablePath, let slash = executablePath.lastIndex(of: "/") {
            let sibling = String(executablePath[...slash]) + "mcptask-demo"
            if FileSystem.isExecutable(sibling) { return StdioServerCommand(executable: sibling) }
        }
        return StdioServerCommand(executable: "mcptask-demo")
    }
}
