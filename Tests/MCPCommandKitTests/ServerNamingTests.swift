import MCPClient
import MCPCommandKit
import MCPTestSupport
import MCPTransport
import Testing

/// Servers are called by a name a person recognises: the one they chose, else the server's own, else the
/// script an interpreter runs.
@Suite struct ServerNamingTests {
    static func commandLine(_ program: String, _ arguments: String...) -> ServerTarget {
        .stdio(StdioServerCommand(executable: program, arguments: arguments), name: program)
    }

    @Test("a chosen name stays: a config entry, demo, a URL")
    func chosen() {
        let demo = ServerTarget.stdio(StdioServerCommand(executable: "/opt/bin/mcptask-demo"), name: "demo")
        #expect(ServerNaming.shortName(demo, summary: nil) == "demo")
        let url = ServerTarget.http(url: "http://127.0.0.1:8000/mcp", headers: [:], name: "http://127.0.0.1:8000/mcp")
        #expect(ServerNaming.shortName(url, summary: nil) == "http://127.0.0.1:8000/mcp")
    }

    @Test("a command line's server is called by its script, not the interpreter")
    func script() {
        #expect(
            ServerNaming.shortName(
                Self.commandLine("/srv/venv/bin/python", "-u", "lab/server.py", "stdio"), summary: nil) == "server.py")
        #expect(ServerNaming.shortName(Self.commandLine("node", "dist/index.js"), summary: nil) == "index.js")
        #expect(
            ServerNaming.shortName(Self.commandLine("/usr/local/bin/my-server", "--port", "1"), summary: nil)
                == "my-server")
        #expect(ServerNaming.shortName(Self.commandLine("python3.12", "srv.py"), summary: nil) == "srv.py")
    }

    @Test("a command line's server is called by its own name when it gives one; questions too")
    func ownName() async throws {
        let target = Self.commandLine("/srv/venv/bin/python", "server.py")
        let names = try await withDemoSession { session in
            (
                ServerNaming.shortName(target, summary: session.serverSummary),
                ServerNaming.questionName(target, summary: session.serverSummary),
                ServerNaming.questionName(
                    .stdio(StdioServerCommand(executable: "/x/mcptask-demo"), name: "demo"),
                    summary: session.serverSummary)
            )
        }
        #expect(names.0 == "mcptask-demo")
        #expect(names.1 == "mcptask-demo")
        #expect(names.2 == "demo (mcptask-demo)")
    }
}
