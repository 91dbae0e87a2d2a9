import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// URL-mode elicitation in a terminal, against a small stdio server written for it: the URL is shown with
/// its host (and a punycode warning), handed to the opener only after a yes, the server's completion
/// notice is shown; and a -32042 answer leads to the same consent, then the call is made again.
@Suite(.serialized) struct ReplURLTests {
    /// A stdio MCP server with two tools: `login` asks for a URL in the middle of the call;
    /// `needs_url` answers -32042 the first time and succeeds the second.
    static let server = #"""
        import json, sys

        def send(message):
            sys.stdout.write(json.dumps(message) + "\n")
            sys.stdout.flush()

        pending = None
        calls = 0
        for line in sys.stdin:
            message = json.loads(line)
            method, id = message.get("method"), message.get("id")
            if method is None:
                if id == "e1" and pending is not None:
                    action = message.get("result", {}).get("action")
                    send({"jsonrpc": "2.0", "method": "notifications/elicitation/complete",
                          "params": {"elicitationId": "el-1"}})
                    send({"jsonrpc": "2.0", "id": pending,
                          "result": {"content": [{"type": "text", "text": "action=%s" % action}]}})
                    pending = None
                continue
            if id is None:
                continue
            if method == "initialize":
                send({"jsonrpc": "2.0", "id": id, "result": {"protocolVersion": "2025-11-25",
                      "capabilities": {"tools": {}}, "serverInfo": {"name": "url-lab", "version": "1"}}})
            elif method == "tools/list":
                tools = [{"name": n, "inputSchema": {"type": "object"}} for n in ("login", "needs_url")]
                send({"jsonrpc": "2.0", "id": id, "result": {"tools": tools}})
            elif method == "tools/call" and message["params"]["name"] == "login":
                pending = id
                send({"jsonrpc": "2.0", "id": "e1", "method": "elicitation/create", "params": {
                      "mode": "url", "message": "Sign in to continue", "elicitationId": "el-1",
                      "url": "https://xn--pypal-4ve.example/login?next=%2F"}})
            elif method == "tools/call":
                calls += 1
                if calls == 1:
                    send({"jsonrpc": "2.0", "id": id, "error": {"code": -32042, "message": "URL elicitation required",
                          "data": {"elicitations": [{"mode": "url", "message": "Authorize the app",
                          "url": "https://auth.example.com/authorize?state=1", "elicitationId": "el-2"}]}}})
                else:
                    send({"jsonrpc": "2.0", "id": id, "result": {"content": [{"type": "text", "text": "authorized"}]}})
            elif method == "ping":
                send({"jsonrpc": "2.0", "id": id, "result": {}})
            else:
                send({"jsonrpc": "2.0", "id": id, "error": {"code": -32601, "message": "no " + method}})
        """#

    /// The pane, the file the opener writes each URL it is given to, and the scratch directory.
    private func start() async throws -> (ReplPane, String, TempDir) {
        let python = try #require(which("python3"), "python3 is needed for the URL-mode test server")
        let dir = try TempDir()
        let script = dir.file("url_server.py")
        try Self.server.write(toFile: script, atomically: true, encoding: .utf8)
        let opened = dir.file("opened.txt")
        let opener = dir.file("opener.sh")
        try writeExecutable(opener, "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '\(opened)'\n")
        let pane = try await ReplPane(
            dir: dir, ["repl", "--", python, script], environment: ["MCPTASK_OPENER": opener])
        try await pane.waitFor("the prompt") { $0.hasSuffix(">") && $0.contains("url-lab") }
        return (pane, opened, dir)
    }

    @Test func aURLIsOpenedOnlyAfterAYes() async throws {
        let (pane, opened, dir) = try await start()
        defer {
            pane.close()
            dir.remove()
        }
        try await pane.type("call login")
        try await pane.send("Enter")
        try await pane.waitFor("the consent question") { $0.hasSuffix("(n):") }
        let screen = try await pane.screen()
        // A command line's server is called by its own name (serverInfo), not the interpreter that runs it.
        #expect(screen.contains("url-lab asks you to open a URL (tool login)"))
        #expect(screen.contains("https://xn--pypal-4ve.example/login?next=%2F"))
        #expect(screen.contains("host: xn--pypal-4ve.example"))
        #expect(screen.contains("punycode"))
        #expect(!FileManager.default.fileExists(atPath: opened), "opened before any answer")
        try await pane.type("y")
        try await pane.send("Enter")
        try await pane.waitFor("the result") { $0.contains("action=accept") && $0.hasSuffix(">") }
        try await pane.waitFor("the completion notice") { $0.contains("the browser step el-1 is complete") }
        try await waitUntil("the opener to run") { FileManager.default.fileExists(atPath: opened) }
        #expect(try String(contentsOfFile: opened, encoding: .utf8) == "https://xn--pypal-4ve.example/login?next=%2F\n")
        // A no opens nothing and declines.
        try await pane.type("call login")
        try await pane.send("Enter")
        try await pane.waitFor("the second question") { $0.hasSuffix("(n):") }
        try await pane.send("Enter")
        try await pane.waitFor("the declined result") { $0.contains("action=decline") }
        #expect(try String(contentsOfFile: opened, encoding: .utf8).split(separator: "\n").count == 1)
    }

    @Test func urlElicitationRequiredAsksThenCallsAgain() async throws {
        let (pane, opened, dir) = try await start()
        defer {
            pane.close()
            dir.remove()
        }
        try await pane.type("call needs_url")
        try await pane.send("Enter")
        try await pane.waitFor("the consent question") { $0.contains("auth.example.com") && $0.hasSuffix("(n):") }
        try await pane.type("y")
        try await pane.send("Enter")
        try await pane.waitFor("the wait for the browser") { $0.hasSuffix("(Ctrl-C gives up):") }
        try await pane.send("Enter")
        try await pane.waitFor("the second call's result") { $0.contains("authorized") && $0.hasSuffix(">") }
        #expect(try String(contentsOfFile: opened, encoding: .utf8) == "https://auth.example.com/authorize?state=1\n")
    }
}
