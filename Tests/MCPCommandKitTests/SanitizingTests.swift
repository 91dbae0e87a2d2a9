import MCPClient
import MCPCommandKit
import MCPCore
import MCPRender
import MCPTestSupport
import Testing

/// Human output never carries a server's control or escape sequences, terminal or not (a pipe may end in
/// `less -R`); `--json` keeps the text exactly.
@Suite struct SanitizingTests {
    static let hostile = "ok\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}[31mred"

    @Test("a tool result's text is cleaned in human output even when stdout is not a terminal")
    func resultText() throws {
        let recording = RecordingConsole()
        let output = CallOutput(mode: .human, style: Style(enabled: false), console: recording.console)
        let result = try JSONValueDecoder.decode(
            CallToolResult.self, from: ["content": [["type": "text", "text": .string(Self.hostile)]]])
        output.printResult(result)
        #expect(!recording.stdout.contains("\u{1B}"))
        #expect(!recording.stdout.contains("\u{07}"))
        #expect(recording.stdout.contains("ok"))
    }

    @Test("--json keeps the server's text exactly (JSON escapes the control characters)")
    func jsonKeepsText() throws {
        let recording = RecordingConsole()
        let output = CallOutput(mode: .json, style: Style(enabled: false), console: recording.console)
        let result = try JSONValueDecoder.decode(
            CallToolResult.self, from: ["content": [["type": "text", "text": .string(Self.hostile)]]])
        output.printResult(result)
        let parsed = try JSONParser.parse(Array(recording.stdout.utf8))
        #expect(parsed["content"]?.arrayValue?.first?["text"]?.stringValue == Self.hostile)
        #expect(!recording.stdout.contains("\u{1B}"))
    }

    @Test("a task's status message and id are cleaned in `status` output")
    func statusLine() throws {
        let recording = RecordingConsole()
        let task = try JSONValueDecoder.decode(
            TaskInfo.self,
            from: [
                "taskId": "t\u{1B}[2J1", "status": "working", "statusMessage": .string(Self.hostile),
                "createdAt": "2026-12-05T10:00:00Z", "lastUpdatedAt": "2026-12-05T10:00:00Z", "ttl": 60000,
            ])
        TaskPrinter.print(task, json: false, style: Style(enabled: false), to: recording.console)
        #expect(!recording.stdout.contains("\u{1B}"))
        #expect(recording.stdout.contains("working"))
    }
}

/// A result with text and structured content is shown once, as text; structured content alone is shown as
/// JSON; `--structured` shows both.
@Suite struct StructuredContentTests {
    static let both: JSONValue = [
        "content": [["type": "text", "text": "counted to 3"]], "structuredContent": ["count": 3],
    ]

    func shown(_ result: JSONValue, structured: Bool = false) throws -> String {
        let recording = RecordingConsole()
        let output = CallOutput(
            mode: .human, style: Style(enabled: false), console: recording.console, structured: structured)
        output.printResult(try JSONValueDecoder.decode(CallToolResult.self, from: result))
        return recording.stdout
    }

    @Test func textOnlyByDefault() throws {
        let text = try shown(Self.both)
        #expect(text == "counted to 3\n")
    }

    @Test func structuredWhenNoText() throws {
        let text = try shown(["content": [], "structuredContent": ["count": 3]])
        #expect(text.contains("\"count\": 3"))
    }

    @Test func bothWhenAsked() throws {
        let text = try shown(Self.both, structured: true)
        #expect(text.contains("counted to 3"))
        #expect(text.contains("\"count\": 3"))
    }
}
