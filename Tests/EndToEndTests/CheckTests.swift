import Foundation
import MCPCore
import Testing

/// The tools `mcptask check` may call on the demo server and the interop servers: a slow task (2 s, so it is
/// still running when the checks look at it on a loaded machine), one that fails, the forbidden tool, the
/// required one with its argument (so a refusal is about the mode, not a missing argument), and one that
/// asks (its question is declined).
let checkTools = [
    "--tool", "slow_count", "n=4", "delay=0.5", "--tool", "fails", "--tool", "never_task", "x=hi", "--tool",
    "must_be_task", "x=hi", "--tool", "ask_user",
]

/// The outcome of each check in a `check --json` run, by id.
func checkOutcomes(_ run: RunResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: String] {
    let document = try JSONParser.parse(run.stdout)
    let checks = try #require(document["checks"]?.arrayValue, "\(run)", sourceLocation: sourceLocation)
    var outcomes: [String: String] = [:]
    for check in checks {
        let id = try #require(check["id"]?.stringValue, sourceLocation: sourceLocation)
        outcomes[id] = check["outcome"]?.stringValue
        #expect(check["clause"]?.stringValue?.isEmpty == false, "\(id)", sourceLocation: sourceLocation)
        #expect(check["evidence"]?.arrayValue != nil, "\(id)", sourceLocation: sourceLocation)
    }
    return outcomes
}

/// The checks that warned or failed.
func flagged(_ outcomes: [String: String]) -> [String: String] {
    outcomes.filter { $0.value == "warn" || $0.value == "fail" }
}

@Suite("mcptask check against the demo server")
struct CheckTests {
    @Test("check -s demo passes everything it can reach and exits 0")
    func demoPasses() async throws {
        let run = try await mcptask(["check", "-s", "demo"] + checkTools)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("mcptask check"), "\(run)")
        // The checks of the 2026-07-28 tasks extension skip on a 2025-11-25 server, and session binding
        // over stdio.
        #expect(run.stdoutLines.last?.hasSuffix("0 warned, 0 failed, 7 skipped") == true, "\(run)")
    }

    @Test("a deviation is found: exit 1, and --json names exactly its check as failed")
    func deviation() async throws {
        let run = try await mcptask(
            ["check", "--json"] + checkTools + ["--", Paths.demo, "--deviate", "empty-list"])
        #expect(run.status == 1, "\(run)")
        let outcomes = try checkOutcomes(run)
        #expect(flagged(outcomes) == ["list.includes-own": "fail"], "\(run)")
        let document = try JSONParser.parse(run.stdout)
        #expect(document["transport"] == "stdio")
        #expect(document["wire"] == "2025-11-25 core tasks")
    }

    @Test("--junit writes JUnit XML that parses, one test case per check")
    func junit() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = dir.file("check.xml")
        let run = try await mcptask(["check", "-s", "demo", "--junit", file] + checkTools)
        #expect(run.status == 0, "\(run)")
        let parse = Process()
        parse.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        parse.arguments = [
            "-c",
            "import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); print(len(d.getElementsByTagName('testcase')))",
            file,
        ]
        let output = Pipe()
        parse.standardOutput = output
        try parse.run()
        parse.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(parse.terminationStatus == 0, "the JUnit file does not parse")
        let listed = try await mcptask(["check", "--list"])
        #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == "\(listed.stdoutLines.count)")
    }

    @Test("--list names every check with its clause, without a server")
    func list() async throws {
        let run = try await mcptask(["check", "--list"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("cancel.terminal"), "\(run)")
        #expect(run.stdoutLines.allSatisfy { $0.contains("(20") || $0.contains("(JSON-RPC") }, "\(run)")
    }

    @Test("an unknown area or tool is a usage error, one line, exit 64")
    func usage() async throws {
        let area = try await mcptask(["check", "-s", "demo", "--only", "nope"])
        #expect(area.status == 64, "\(area)")
        #expect(area.stderr.contains("unknown area 'nope'"), "\(area)")
        let tool = try await mcptask(["check", "-s", "demo", "--tool", "no_such_tool"])
        #expect(tool.status == 64, "\(tool)")
        #expect(tool.stderr.contains("no tool 'no_such_tool'"), "\(tool)")
    }

    @Test("a server that cannot be reached exits 4")
    func unreachable() async throws {
        let port = try Loopback.freePort(sourceLocation: #_sourceLocation)
        let run = try await mcptask(["check", "-s", "http://127.0.0.1:\(port)/mcp"])
        #expect(run.status == 4, "\(run)")
    }
}
