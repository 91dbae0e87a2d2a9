import MCPCommandKit
import MCPCore
import MCPRender
import MCPServerConfig
import MCPTestSupport
import MCPTransport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Servers from mcptask's and other clients' config files, with fixture files in a temporary HOME and a
/// temporary project directory: each client's format, the search order and shadowing, variable expansion,
/// and `mcptask servers` (human and --json) through a recording console.
@Suite struct ServerConfigTests {
    let home = makeTestDirectory("home")
    let project = makeTestDirectory("project")

    var variables: [String: String] { isolatedVariables(home).merging(["TOKEN": "t0k3n"]) { _, new in new } }

    func write(_ text: String, _ path: String) throws {
        var directory = ""
        for part in path.split(separator: "/").dropLast() {
            directory += "/" + part
            mkdir(directory, 0o700)
        }
        try FileSystem.writePrivate(path, bytes: Array(text.utf8))
    }

    func resolve(_ name: String, config: String? = nil) throws -> ServerTarget {
        try ServerResolver(environment: variables, executablePath: nil, workingDirectory: project)
            .resolve(server: name, config: config, command: [])
    }

    func failure(_ name: String) -> CommandFailure? {
        do {
            _ = try resolve(name)
            return nil
        } catch {
            return error as? CommandFailure
        }
    }

    @Test("Claude Code's project .mcp.json: stdio with ${VAR} and ${VAR:-default} expanded")
    func claudeProject() throws {
        try write(
            #"{"mcpServers": {"build": {"type": "stdio", "command": "${TOOLS:-/opt/tools}/server", "args": ["--key", "${TOKEN}"], "env": {"K": "${TOKEN}"}}}}"#,
            project + "/.mcp.json")
        let expected = StdioServerCommand(
            executable: "/opt/tools/server", arguments: ["--key", "t0k3n"], environment: ["K": "t0k3n"])
        #expect(try resolve("build") == .stdio(expected, name: "build"))
    }

    @Test("~/.claude.json: the entries of this project, then the user's own")
    func claudeUserFile() throws {
        try write(
            """
            {"mcpServers": {"mine": {"type": "http", "url": "https://user.test/mcp"}, "both": {"command": "user"}},
             "projects": {"\(project)": {"mcpServers": {"both": {"command": "local"}}},
                          "/elsewhere": {"mcpServers": {"other": {"command": "x"}}}}}
            """, home + "/.claude.json")
        #expect(try resolve("mine") == .http(url: "https://user.test/mcp", headers: [:], name: "mine"))
        #expect(try resolve("both") == .stdio(StdioServerCommand(executable: "local"), name: "both"))
        #expect(failure("other")?.status == .usage)
    }

    @Test("Cursor: ${env:VAR} and ${workspaceFolder}; a url without a type is Streamable HTTP")
    func cursor() throws {
        try write(
            #"{"mcpServers": {"c": {"url": "https://c.test/mcp", "headers": {"Authorization": "Bearer ${env:TOKEN}"}}, "d": {"command": "${workspaceFolder}/run"}}}"#,
            home + "/.cursor/mcp.json")
        #expect(
            try resolve("c") == .http(url: "https://c.test/mcp", headers: ["Authorization": "Bearer t0k3n"], name: "c"))
        #expect(try resolve("d") == .stdio(StdioServerCommand(executable: project + "/run"), name: "d"))
    }

    @Test("VS Code: the servers key, a type, comments and trailing commas; ${input:...} is refused plainly")
    func vsCode() throws {
        try write(
            """
            {
              // the workspace's servers
              "servers": {
                "v": {"type": "http", "url": "https://v.test/mcp", /* here */ },
                "asks": {"type": "stdio", "command": "x", "env": {"KEY": "${input:key}"}},
              },
            }
            """, project + "/.vscode/mcp.json")
        #expect(try resolve("v") == .http(url: "https://v.test/mcp", headers: [:], name: "v"))
        let refusal = try #require(failure("asks"))
        #expect(refusal.status == .usage)
        #expect(refusal.message.contains("${input:key}"))
    }

    @Test("Windsurf's serverUrl, Claude Desktop's file and mcptask's servers.json")
    func otherUserFiles() throws {
        try write(
            #"{"mcpServers": {"w": {"serverUrl": "https://w.test/mcp"}}}"#, home + "/.codeium/windsurf/mcp_config.json")
        try write(
            #"{"mcpServers": {"desk": {"command": "npx", "args": ["${NOT_EXPANDED}"]}}}"#,
            home + "/config/Claude/claude_desktop_config.json")
        try write(
            #"{"mcpServers": {"own": {"url": "https://own.test/mcp", "headers": {"X": "$TOKEN"}}}}"#,
            home + "/config/mcptask/servers.json")
        #expect(try resolve("w") == .http(url: "https://w.test/mcp", headers: [:], name: "w"))
        #expect(
            try resolve("desk")
                == .stdio(StdioServerCommand(executable: "npx", arguments: ["${NOT_EXPANDED}"]), name: "desk"))
        #expect(try resolve("own") == .http(url: "https://own.test/mcp", headers: ["X": "t0k3n"], name: "own"))
    }

    @Test("Gemini CLI: httpUrl is Streamable HTTP; url is the legacy SSE transport, which is said plainly")
    func gemini() throws {
        try write(
            #"{"theme": "x", "mcpServers": {"g": {"httpUrl": "https://g.test/mcp"}, "old": {"url": "https://g.test/sse"}}}"#,
            home + "/.gemini/settings.json")
        #expect(try resolve("g") == .http(url: "https://g.test/mcp", headers: [:], name: "g"))
        let refusal = try #require(failure("old"))
        #expect(refusal.status == .usage)
        #expect(refusal.message.contains("legacy SSE transport"))
        #expect(refusal.message.contains("Gemini CLI"))
    }

    func oauthClient(_ name: String) throws -> ConfiguredOAuthClient? {
        try ServerConfigFile(environment: variables, workingDirectory: project, explicitPath: nil)
            .oauthClient(name: name)
    }

    @Test("a pre-registered OAuth client in each client's form: Claude Code, Cursor, Gemini CLI, mcptask's own")
    func oauthClients() throws {
        try write(
            #"{"mcpServers": {"cc": {"type": "http", "url": "https://cc.test/mcp", "oauth": {"clientId": "cc-id", "callbackPort": 8765, "scopes": "read write"}}}}"#,
            project + "/.mcp.json")
        try write(
            #"{"mcpServers": {"cu": {"url": "https://cu.test/mcp", "auth": {"CLIENT_ID": "cu-id", "CLIENT_SECRET": "${env:TOKEN}", "scopes": ["read"]}}}}"#,
            home + "/.cursor/mcp.json")
        try write(
            """
            {"mcpServers": {
              "ge": {"httpUrl": "https://ge.test/mcp", "oauth": {"enabled": true, "clientId": "ge-id", "clientSecret": "$TOKEN", "scopes": ["a", "b"]}},
              "off": {"httpUrl": "https://off.test/mcp", "oauth": {"enabled": false, "clientId": "off-id"}}
            }}
            """, home + "/.gemini/settings.json")
        try write(
            #"{"mcpServers": {"own": {"url": "https://own.test/mcp", "oauth": {"clientId": "own-id", "clientSecret": "${TOKEN}"}}}}"#,
            home + "/config/mcptask/servers.json")
        #expect(
            try oauthClient("cc")
                == ConfiguredOAuthClient(clientID: "cc-id", scopes: ["read", "write"], callbackPort: 8765))
        #expect(
            try oauthClient("cu") == ConfiguredOAuthClient(clientID: "cu-id", clientSecret: "t0k3n", scopes: ["read"]))
        #expect(
            try oauthClient("ge")
                == ConfiguredOAuthClient(clientID: "ge-id", clientSecret: "t0k3n", scopes: ["a", "b"]))
        #expect(try oauthClient("off") == nil)
        #expect(try oauthClient("own") == ConfiguredOAuthClient(clientID: "own-id", clientSecret: "t0k3n"))
        // The secret never shows in what describes the client.
        #expect(try #require(try oauthClient("own")).description == "client own-id (with a secret)")
    }

    @Test("no OAuth client where a client keeps none in its file (VS Code), or an entry names none")
    func noOAuthClient() throws {
        try write(
            #"{"servers": {"v": {"type": "http", "url": "https://v.test/mcp", "oauth": {"clientId": "ignored"}}}}"#,
            project + "/.vscode/mcp.json")
        try write(#"{"mcpServers": {"plain": {"url": "https://p.test/mcp"}}}"#, project + "/.mcp.json")
        #expect(try oauthClient("v") == nil)
        #expect(try oauthClient("plain") == nil)
        #expect(try oauthClient("missing") == nil)
    }

    @Test("an OAuth client setting that cannot be used is a usage error naming the entry")
    func badOAuthClient() throws {
        try write(
            #"{"mcpServers": {"bad": {"url": "https://b.test/mcp", "oauth": {"clientId": "x", "callbackPort": "high"}}, "unset": {"url": "https://u.test/mcp", "oauth": {"clientId": "x", "clientSecret": "${NOPE}"}}}}"#,
            home + "/config/mcptask/servers.json")
        for name in ["bad", "unset"] {
            #expect {
                try oauthClient(name)
            } throws: { error in
                let failure = error as? CommandFailure
                return failure?.status == .usage && failure?.message.contains("server '\(name)'") == true
            }
        }
    }

    @Test("mcptask servers never shows an entry's OAuth client secret")
    func listingHidesClientSecret() throws {
        try write(
            #"{"mcpServers": {"cu": {"url": "https://cu.test/mcp", "auth": {"CLIENT_ID": "cu-id", "CLIENT_SECRET": "s3cret-client"}}}}"#,
            project + "/.cursor/mcp.json")
        for json in [false, true] {
            let recording = RecordingConsole()
            let files = ServerConfigFile(environment: variables, workingDirectory: project, explicitPath: nil)
            let status = ServerListing(files: files).print(
                json: json, style: Style(enabled: false), to: recording.console)
            #expect(status == .success)
            #expect(recording.stdout.contains("cu.test"))
            #expect(!recording.stdout.contains("s3cret-client") && !recording.stderr.contains("s3cret-client"))
        }
    }

    @Test("a variable that is not set is named, and its server not started")
    func unsetVariable() throws {
        try write(
            #"{"mcpServers": {"s": {"command": "x", "env": {"K": "${MISSING_SECRET}"}}}}"#, project + "/.mcp.json")
        let refusal = try #require(failure("s"))
        #expect(refusal.status == .usage)
        #expect(refusal.message.contains("MISSING_SECRET"))
    }

    @Test("project files come before user files; the later entry of a name is shadowed")
    func orderAndShadowing() throws {
        try write(#"{"mcpServers": {"dup": {"command": "from-user"}}}"#, home + "/.cursor/mcp.json")
        try write(#"{"mcpServers": {"dup": {"command": "from-project"}}}"#, project + "/.mcp.json")
        #expect(try resolve("dup") == .stdio(StdioServerCommand(executable: "from-project"), name: "dup"))
        let catalog = ServerConfigFile(environment: variables, workingDirectory: project, explicitPath: nil).catalog()
        let entries = catalog.servers.filter { $0.name == "dup" }
        #expect(entries.map(\.source.client) == ["Claude Code", "Cursor"])
        #expect(entries[0].shadowedBy == nil)
        #expect(entries[1].shadowedBy?.path == project + "/.mcp.json")
    }

    @Test("--config reads that file only, and one that does not exist is a usage error")
    func explicitConfig() throws {
        try write(#"{"servers": {"x": {"type": "stdio", "command": "only"}}}"#, home + "/chosen.json")
        try write(#"{"mcpServers": {"x": {"command": "ignored"}}}"#, project + "/.mcp.json")
        #expect(
            try resolve("x", config: home + "/chosen.json") == .stdio(StdioServerCommand(executable: "only"), name: "x")
        )
        #expect(throws: CommandFailure.self) { try resolve("x", config: home + "/absent.json") }
    }

    @Test("a broken file of another client is skipped, not fatal, and named when the name is not found")
    func brokenFile() throws {
        try write("{not json", home + "/.cursor/mcp.json")
        #expect(try resolve("demo").displayName == "demo")
        let refusal = try #require(failure("nowhere"))
        #expect(refusal.details.contains { $0.contains(".cursor/mcp.json") })
    }

    @Test("mcptask servers: every entry with its origin, shadowed and SSE ones marked, no secrets")
    func listingHuman() throws {
        try write(
            #"{"mcpServers": {"dup": {"command": "/usr/bin/first", "args": ["--token", "s3cret"]}}}"#,
            project + "/.mcp.json")
        try write(
            #"{"mcpServers": {"dup": {"url": "https://user:pw@x.test/mcp?key=s3cret"}, "old": {"url": "https://o.test/sse"}}}"#,
            home + "/.gemini/settings.json")
        let recording = RecordingConsole()
        let files = ServerConfigFile(environment: variables, workingDirectory: project, explicitPath: nil)
        let status = ServerListing(files: files).print(json: false, style: Style(enabled: false), to: recording.console)
        #expect(status == .success)
        let lines = recording.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("dup ") && lines[0].contains("stdio") && lines[0].contains("first"))
        #expect(lines[0].contains("Claude Code, \(project)/.mcp.json"))
        #expect(lines.contains { $0.contains("https://x.test/mcp") && $0.contains("shadowed by Claude Code") })
        #expect(lines.contains { $0.hasPrefix("old ") && $0.contains("sse") && $0.contains("Streamable HTTP only") })
        #expect(!recording.stdout.contains("s3cret") && !recording.stdout.contains("pw@"))
    }

    @Test("mcptask servers --json: the same entries as objects, and the skipped files")
    func listingJSON() throws {
        try write(#"{"mcpServers": {"a": {"command": "one"}}}"#, project + "/.mcp.json")
        try write(#"{"mcpServers": {"a": {"command": "two"}}}"#, home + "/.cursor/mcp.json")
        try write("[", project + "/.cursor/mcp.json")
        let recording = RecordingConsole()
        let files = ServerConfigFile(environment: variables, workingDirectory: project, explicitPath: nil)
        _ = ServerListing(files: files).print(json: true, style: Style(enabled: false), to: recording.console)
        let document = try JSONParser.parse(Array(recording.stdout.utf8))
        let servers = try #require(document["servers"]?.arrayValue)
        #expect(servers.count == 2)
        #expect(servers[0]["used"] == .bool(true))
        #expect(servers[0]["command"] == .string("one"))
        #expect(servers[1]["client"] == .string("Cursor"))
        #expect(servers[1]["shadowedBy"]?["path"] == .string(project + "/.mcp.json"))
        #expect(document["skipped"]?.arrayValue?.first?["path"] == .string(project + "/.cursor/mcp.json"))
    }

    @Test("mcptask servers --config with a file that does not exist: one line and the usage status")
    func listingMissingConfig() {
        let recording = RecordingConsole()
        let files = ServerConfigFile(
            environment: variables, workingDirectory: project, explicitPath: home + "/absent.json")
        let status = ServerListing(files: files).print(json: false, style: Style(enabled: false), to: recording.console)
        #expect(status == .usage)
        #expect(recording.stderr == "mcptask: config file '\(home)/absent.json' does not exist\n")
    }
}
