/// How one client writes its server list: where the servers are in the file, which keys mean which
/// transport, and which `${...}` forms it expands.
public enum ConfigDialect: String, Sendable {
    /// mcptask's own `servers.json` (and `--config`): `mcpServers` (or `servers`), `$VAR`, `${VAR}` and
    /// `${VAR:-default}` in every string.
    case mcptask
    /// Claude Code's `.mcp.json` and `~/.claude.json`: `mcpServers`, `${VAR}` and `${VAR:-default}` in
    /// command, args, env, url and headers.
    case claudeCode
    /// Claude Desktop: `mcpServers`, no expansion.
    case claudeDesktop
    /// Cursor: `mcpServers`, `${env:VAR}`, `${userHome}`, `${workspaceFolder}` and friends.
    case cursor
    /// VS Code: `servers` with a `type`; comments allowed; `${env:VAR}`, `${userHome}`, `${workspaceFolder}`.
    case vsCode
    /// Windsurf: `mcpServers`, `serverUrl` for HTTP, `${env:VAR}`.
    case windsurf
    /// Gemini CLI: `mcpServers` in `settings.json`, `httpUrl` for Streamable HTTP and `url` for SSE, `$VAR`
    /// and `${VAR}`.
    case gemini

    /// The key of the object that maps names to servers.
    var serversKey: String { self == .vsCode ? "servers" : "mcpServers" }

    /// Whether the file may hold comments and trailing commas (JSON with comments).
    var allowsComments: Bool { self == .vsCode || self == .gemini }
}

/// One config file mcptask reads servers from.
public struct ConfigSource: Sendable, Equatable {
    public enum Scope: String, Sendable { case project, user, explicit }

    /// The client whose file it is, as users know it ("Claude Code", "Cursor").
    public var client: String
    public var path: String
    public var scope: Scope
    public var dialect: ConfigDialect
    /// For `~/.claude.json`: the servers are under `projects.<this directory>.mcpServers`.
    public var projectDirectory: String?

    public init(
        client: String, path: String, scope: Scope, dialect: ConfigDialect, projectDirectory: String? = nil
    ) {
        self.client = client
        self.path = path
        self.scope = scope
        self.dialect = dialect
        self.projectDirectory = projectDirectory
    }

    /// Where a server came from, in a few words: the client, the file and, for Claude Code's per-project
    /// entries, the project.
    public var origin: String {
        let file = projectDirectory.map { "\(path) (projects.\($0))" } ?? path
        return "\(client), \(file)"
    }
}

/// The files mcptask reads, first to last; a name in an earlier file shadows the same name in a later one.
/// Project files (in the working directory) come before user files; among the project ones, Claude Code's
/// per-project entries in `~/.claude.json` come first because Claude Code itself prefers them to `.mcp.json`.
public enum ConfigLocations {
    /// The search order; `explicitPath` (`--config`) replaces it with that one file.
    public static func sources(
        environment: [String: String], workingDirectory: String, explicitPath: String? = nil
    ) -> [ConfigSource] {
        if let explicitPath {
            return [ConfigSource(client: "--config", path: explicitPath, scope: .explicit, dialect: .mcptask)]
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        let configHome =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home.map { $0 + "/.config" }
        let project = workingDirectory == "/" ? "" : workingDirectory
        var sources: [ConfigSource] = []
        if let home {
            sources.append(
                ConfigSource(
                    client: "Claude Code", path: home + "/.claude.json", scope: .project, dialect: .claudeCode,
                    projectDirectory: workingDirectory))
        }
        sources += [
            ConfigSource(client: "Claude Code", path: project + "/.mcp.json", scope: .project, dialect: .claudeCode),
            ConfigSource(client: "Cursor", path: project + "/.cursor/mcp.json", scope: .project, dialect: .cursor),
            ConfigSource(client: "VS Code", path: project + "/.vscode/mcp.json", scope: .project, dialect: .vsCode),
            ConfigSource(
                client: "Gemini CLI", path: project + "/.gemini/settings.json", scope: .project, dialect: .gemini),
        ]
        if let configHome {
            sources.append(
                ConfigSource(
                    client: "mcptask", path: configHome + "/mcptask/servers.json", scope: .user, dialect: .mcptask))
        }
        if let home {
            sources.append(
                ConfigSource(client: "Claude Code", path: home + "/.claude.json", scope: .user, dialect: .claudeCode))
        }
        if let configHome {
            sources.append(
                ConfigSource(
                    client: "Claude Desktop", path: configHome + "/Claude/claude_desktop_config.json", scope: .user,
                    dialect: .claudeDesktop))
        }
        if let home {
            sources.append(
                ConfigSource(client: "Cursor", path: home + "/.cursor/mcp.json", scope: .user, dialect: .cursor))
        }
        if let configHome {
            sources.append(
                ConfigSource(
                    client: "VS Code", path: configHome + "/Code/User/mcp.json", scope: .user, dialect: .vsCode))
        }
        if let home {
            sources += [
                ConfigSource(
                    client: "Windsurf", path: home + "/.codeium/windsurf/mcp_config.json", scope: .user,
                    dialect: .windsurf),
                ConfigSource(
                    client: "Gemini CLI", path: home + "/.gemini/settings.json", scope: .user, dialect: .gemini),
            ]
        }
        return sources
    }
}
