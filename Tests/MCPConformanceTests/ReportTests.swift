import MCPConformance
import MCPCore
import MCPRender
import Testing

@Suite struct ReportTests {
    let report = ConformanceReport(
        server: "demo\u{1B}[31m 1.0", protocolVersion: "2025-11-25", wire: "2025-11-25 core tasks", transport: "stdio",
        records: [
            CheckRecord(CheckCatalog.all[0], .pass("declared", ["capabilities {}"])),
            CheckRecord(CheckCatalog.all[1], .fail("bad <thing> & \"more\"", ["→ tools/call {\"a\":1}"])),
            CheckRecord(CheckCatalog.all[2], .skip("no tool")),
        ])

    @Test("the JSON document has the server, wire, transport, a summary and each check with its evidence")
    func json() throws {
        let document = try JSONParser.parse(JSONWriter.pretty(report.document))
        #expect(document["wire"] == "2025-11-25 core tasks")
        #expect(document["transport"] == "stdio")
        #expect(document["summary"]?["fail"] == 1)
        let checks = try #require(document["checks"]?.arrayValue)
        #expect(checks.count == 3)
        #expect(checks[1]["outcome"] == "fail")
        #expect(checks[1]["clause"]?.stringValue?.isEmpty == false)
        #expect(checks[1]["evidence"]?.arrayValue?.count == 1)
        #expect(report.failed)
    }

    @Test("JUnit XML counts the cases, marks failures and skips, and escapes markup and control characters")
    func junit() {
        let xml = report.junit
        #expect(xml.contains("tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\""))
        #expect(xml.contains("<failure message=\"bad &lt;thing&gt; &amp; &quot;more&quot;\">"))
        #expect(xml.contains("<skipped message=\"no tool\"/>"))
        #expect(!xml.contains("\u{1B}"))
    }

    @Test("the text report groups by area, shows failure evidence, sanitises server strings and sums up")
    func text() {
        let lines = report.text(verbose: false, style: Style(enabled: false))
        #expect(lines.first?.contains("demo 1.0") == true)
        #expect(!lines.joined().contains("\u{1B}"))
        #expect(lines.contains("capabilities"))
        #expect(lines.contains { $0.contains("FAIL  capabilities.tool-modes") })
        #expect(lines.contains { $0.contains("→ tools/call") })
        #expect(!lines.contains { $0.contains("capabilities {}") }, "evidence of a pass shows only with -v")
        #expect(lines.last == "1 passed, 0 warned, 1 failed, 1 skipped")
    }

    @Test("--tool words group into tools: a word without '=' starts the next one")
    func grouping() {
        let grouped = ToolRequest.grouped(["slow_count", "n=3", "delay=0.1", "fails", "ask", "x=1"])
        #expect(
            grouped == [
                ToolRequest(name: "slow_count", assignments: ["n=3", "delay=0.1"]), ToolRequest(name: "fails"),
                ToolRequest(name: "ask", assignments: ["x=1"]),
            ])
    }

    @Test("every check has a unique id, a clause, and --list names each")
    func catalog() {
        let ids = CheckCatalog.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(CheckCatalog.all.allSatisfy { !$0.clause.isEmpty && $0.id.hasPrefix($0.area.rawValue + ".") })
        #expect(CheckCatalog.listing().count == ids.count)
        #expect(CheckCatalog.all.last?.id == "robustness.alive")
    }
}

@Suite struct ToolPlanTests {
    func tool(_ name: String, mode: String?, required: [String] = []) throws -> Tool {
        var json: [String: JSONValue] = [
            "name": .string(name),
            "inputSchema": ["type": "object", "required": .array(required.map { .string($0) })],
        ]
        if let mode { json["execution"] = ["taskSupport": .string(mode)] }
        return try JSONValueDecoder.decode(Tool.self, from: .object(json))
    }

    @Test("only named tools are called by default; --call-any adds task tools that need no argument")
    func callAny() throws {
        let tools = [
            try tool("slow", mode: "optional"), try tool("needs", mode: "required", required: ["x"]),
            try tool("plain", mode: nil), try tool("named", mode: "required", required: ["x"]),
        ]
        let named = ToolPlan(named: [ToolChoice(name: "named", arguments: ["x": "1"])])
        #expect(named.taskTools(in: tools, wire: .core).map(\.name) == ["named"])
        #expect(!named.allows("slow", in: tools))
        var any = named
        any.callAny = true
        #expect(any.taskTools(in: tools, wire: .core).map(\.name) == ["named", "slow"])
        #expect(any.allows("plain", in: tools) && !any.allows("needs", in: tools))
        #expect(any.arguments(for: "named") == ["x": "1"])
    }
}
