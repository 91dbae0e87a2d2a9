import MCPClient
import MCPCore
import MCPRender
import Testing

@Suite struct SanitizerTests {
    @Test(arguments: [
        ("a\u{1B}[31mred\u{1B}[0m", "ared"),
        ("\u{1B}[2J\u{1B}[1;1Hclear", "clear"),
        ("\u{1B}]0;evil title\u{07}x", "x"),
        ("\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\", "link"),
        ("\u{9B}2Jok", "ok"),
        ("a\u{85}b\u{90}c", "abc"),
        ("safe\u{202E}txt.exe\u{2066}x\u{2069}", "safetxt.exex"),
        ("bell\u{07}\u{08}\u{7F}", "bell"),
        ("héllo ✓ 日本", "héllo ✓ 日本"),
        ("a\u{2028}b", "ab"),
    ])
    func strips(input: String, expected: String) {
        #expect(Sanitizer.clean(input) == expected)
    }

    @Test func singleLineFoldsNewlines() {
        #expect(Sanitizer.clean("a\nb\r\nc\td") == "a b  c\td")
    }

    @Test func multilineKeepsNewlines() {
        #expect(Sanitizer.clean("a\nb\u{1B}[1m\nc", multiline: true) == "a\nb\nc")
    }

    @Test func unterminatedEscapeDropsTheRest() {
        #expect(Sanitizer.clean("ok\u{1B}]0;never ends") == "ok")
        #expect(Sanitizer.clean("ok\u{1B}") == "ok")
    }
}

@Suite struct StatusLineTests {
    let plain = Style(enabled: false)

    @Test func neverWiderThanTheTerminal() {
        let task = TaskInfo(taskId: "t", status: .working, statusMessage: String(repeating: "long words ", count: 30))
        let line = StatusLine(label: "slow_count", task: task, progress: nil, elapsed: 3, now: 0)
        for style in [plain, Style(enabled: true)] {
            let text = line.render(style: style, bar: true, width: 60)
            #expect(Sanitizer.clean(text).count <= 59)
            #expect(text.contains("…"))
            #expect(text.contains("slow_count") && text.contains("3s"))
        }
        #expect(line.render(style: plain, bar: true).count > 300)
    }

    @Test func withTotal() {
        let line = StatusLine(
            label: "call slow", task: TaskInfo(taskId: "t1", status: .working),
            progress: TaskProgress(progress: 3, total: 4, message: "step"), elapsed: 65, now: 0)
        #expect(line.render(style: plain, bar: false) == "call slow  working  3/4 75%  step  1m05s")
        let barred = line.render(style: plain, bar: true)
        #expect(barred.contains(String(repeating: "█", count: 15) + String(repeating: "░", count: 5) + " 75% 3/4"))
    }

    @Test func withoutTotal() {
        let line = StatusLine(
            label: "x", task: nil, progress: TaskProgress(progress: 2.5), elapsed: 3, now: 0)
        #expect(line.render(style: plain, bar: true) == "x  2.5  3s")
    }

    @Test func statusMessageWinsAndIsSanitised() {
        let task = TaskInfo(taskId: "t1", status: .completed, statusMessage: "fine\u{1B}[2J")
        let line = StatusLine(
            label: "l\u{1B}[31m", task: task, progress: TaskProgress(progress: 1, message: "old"), elapsed: 0, now: 0)
        #expect(line.render(style: plain, bar: false) == "l  completed  1  fine  0s")
    }

    @Test func colouredWhenEnabled() {
        let line = StatusLine(
            label: "x", task: TaskInfo(taskId: "t", status: .failed), progress: nil, elapsed: 0, now: 0)
        #expect(line.render(style: Style(enabled: true), bar: false).contains("\u{1B}[31mfailed\u{1B}[0m"))
    }

    @Test func ttlLeft() throws {
        let created = try #require(Timestamps.parse("2026-01-05T09:00:00Z"))
        let task = TaskInfo(taskId: "t1", status: .working, createdAt: "2026-01-05T09:00:00Z", ttl: 120_000)
        let line = StatusLine(label: "x", task: task, progress: nil, elapsed: 30, now: created + 30)
        #expect(line.ttlLeft == 90)
        #expect(line.render(style: plain, bar: false).hasSuffix("30s  ttl 1m30s"))
        let expired = StatusLine(label: "x", task: task, progress: nil, elapsed: 0, now: created + 500)
        #expect(expired.ttlLeft == 0)
        let unlimited = StatusLine(
            label: "x", task: TaskInfo(taskId: "t1", status: .working, createdAt: "2026-01-05T09:00:00Z"),
            progress: nil, elapsed: 0, now: created)
        #expect(unlimited.ttlLeft == nil)
    }
}

@Suite struct TimestampsTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0.0),
        ("2026-01-05T09:00:00Z", 1_767_603_600.0),
        ("2026-01-05T09:00:00.5Z", 1_767_603_600.5),
        ("2026-01-05T10:00:00+01:00", 1_767_603_600.0),
        ("2026-01-05T04:30:00-04:30", 1_767_603_600.0),
        ("2000-02-29T00:00:00Z", 951_782_400.0),
    ])
    func parse(text: String, seconds: Double) {
        #expect(Timestamps.parse(text) == seconds)
    }

    @Test(arguments: ["", "2026-01-05", "2026-01-05Tab:00:00Z", "2026-01-05T09:00:00+1"])
    func rejects(text: String) {
        #expect(Timestamps.parse(text) == nil)
    }

    @Test(arguments: ["2026-01-05T09:00:00.250Z", "1970-01-01T00:00:00.000Z", "1999-12-31T23:59:59.500Z"])
    func roundTrip(text: String) throws {
        #expect(Timestamps.format(try #require(Timestamps.parse(text))) == text)
    }

    @Test func roundTripOfUnevenMilliseconds() throws {
        let text = "2026-01-05T09:00:00.123Z"
        let seconds = try #require(Timestamps.parse(text))
        #expect(Timestamps.format(seconds) == text)
    }

    @Test func compact() {
        #expect(Timestamps.compact(seconds: 42) == "42s")
        #expect(Timestamps.compact(seconds: 185) == "3m05s")
        #expect(Timestamps.compact(seconds: 3720) == "1h02m")
        #expect(Timestamps.compact(seconds: -5) == "0s")
    }
}

@Suite struct ResultRendererTests {
    @Test func textIsSanitised() {
        let result = CallToolResult(json: ["content": [["type": "text", "text": "hi\u{1B}[2J\nthere"]]])
        #expect(ResultRenderer(sanitize: true).render(result) == "hi\nthere")
        #expect(ResultRenderer(sanitize: false).render(result) == "hi\u{1B}[2J\nthere")
    }

    /// Servers send one result both ways: the text is shown; structured content only without text, or when
    /// asked (`--structured`), and never when it is the text again.
    @Test func structuredContentIsAddedUnlessAlreadyText() {
        let structured: JSONValue = ["n": 1]
        let separate = CallToolResult(json: [
            "content": [["type": "text", "text": "sum"]], "structuredContent": structured,
        ])
        #expect(ResultRenderer(sanitize: true).render(separate) == "sum")
        #expect(
            ResultRenderer(sanitize: true, alwaysStructured: true).render(separate)
                == "sum\n" + JSONWriter.pretty(structured))
        let alone = CallToolResult(json: ["content": [], "structuredContent": structured])
        #expect(ResultRenderer(sanitize: true).render(alone) == JSONWriter.pretty(structured))
        let duplicate = CallToolResult(json: [
            "content": [["type": "text", "text": "{\"n\":1}"]], "structuredContent": structured,
        ])
        #expect(ResultRenderer(sanitize: true).render(duplicate) == "{\"n\":1}")
    }

    @Test func otherKindsAreSummarised() {
        let result = CallToolResult(json: [
            "content": [
                ["type": "image", "mimeType": "image/png", "data": "AAAA"],
                ["type": "resource_link", "uri": "file:///x", "name": "X\u{1B}[1m"],
                ["type": "resource", "resource": ["uri": "file:///y"]],
                ["type": "hologram"],
            ]
        ])
        #expect(
            ResultRenderer(sanitize: true).render(result)
                == "[image image/png, 3 B]\n[link X file:///x]\n[resource file:///y]\n[hologram content]")
    }
}
