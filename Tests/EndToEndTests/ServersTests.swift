import Foundation
import MCPCore
import Testing

/// `mcptask servers` and `-s NAME` with the built binary, from other clients' files in a temporary HOME.
@Suite("servers from other clients' config files")
struct ServersTests {
    /// A HOME with a Cursor user file naming the demo server through `${env:...}`, and a Gemini CLI file
    /// with a legacy SSE server.
    private static func home() throws -> TempDir {
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.file(".cursor"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir.file(".gemini"), withIntermediateDirectories: true)
        try #"{"mcpServers": {"cursor-demo": {"command": "${env:DEMO_BIN}"}}}"#.write(
            toFile: dir.file(".cursor/mcp.json"), atomically: true, encoding: .utf8)
        try #"{"theme": "x", "mcpServers": {"legacy": {"url": "http://127.0.0.1:9/sse"}}}"#.write(
            toFile: dir.file(".gemini/settings.json"), atomically: true, encoding: .utf8)
        return dir
    }

    private func run(_ arguments: [String], home: TempDir) async throws -> RunResult {
        let binary = try Paths.requireMcptask()
        let environment = ["HOME": home.path, "DEMO_BIN": Paths.demo]
        return try await Spawned([binary] + arguments, in: home, environment: environment).wait()
    }

    @Test("servers lists both files' servers with their origin, and --json says the same")
    func listing() async throws {
        let home = try Self.home()
        defer { home.remove() }
        let human = try await run(["servers"], home: home)
        #expect(human.status == 0, "\(human)")
        let demo = human.stdoutLines.first { $0.hasPrefix("cursor-demo ") }
        #expect(demo?.contains("Cursor, \(home.path)/.cursor/mcp.json") == true, "\(human)")
        let legacy = human.stdoutLines.first { $0.hasPrefix("legacy ") }
        #expect(legacy?.contains("sse") == true && legacy?.contains("Gemini CLI") == true, "\(human)")

        let json = try await run(["servers", "--json"], home: home)
        #expect(json.status == 0, "\(json)")
        let servers = try #require(try JSONParser.parse(json.stdout)["servers"]?.arrayValue, "\(json)")
        #expect(Set(servers.compactMap { $0["name"]?.stringValue }) == ["cursor-demo", "legacy"])
    }

    @Test("-s NAME from Cursor's file starts that server; an SSE one is refused plainly")
    func chooseByName() async throws {
        let home = try Self.home()
        defer { home.remove() }
        let tools = try await run(["tools", "-s", "cursor-demo"], home: home)
        #expect(tools.status == 0, "\(tools)")
        #expect(tools.stdout.contains("slow_count"), "\(tools)")
        let legacy = try await run(["tools", "-s", "legacy"], home: home)
        #expect(legacy.status == 64, "\(legacy)")
        #expect(legacy.stderr.contains("legacy SSE transport"), "\(legacy)")
        #expect(legacy.stderr.split(separator: "\n").count == 1, "\(legacy)")
    }
}
