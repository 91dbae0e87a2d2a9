import MCPCore
import MCPRender
import Testing

@Suite struct ElicitationFormTests {
    /// The demo server's ask_user schema: text, bounded integer, boolean with default, enum, optional e-mail.
    static let askUser: JSONValue = [
        "type": "object",
        "properties": [
            "name": ["type": "string", "title": "Name", "description": "Your name", "minLength": 1],
            "age": ["type": "integer", "title": "Age", "minimum": 1, "maximum": 120],
            "subscribe": ["type": "boolean", "title": "Subscribe", "default": false],
            "color": ["type": "string", "title": "Favourite colour", "enum": ["red", "green", "blue"]],
            "email": ["type": "string", "title": "E-mail", "format": "email"],
        ],
        "required": ["name", "age"],
    ]

    private func form(_ schema: JSONValue, message: String = "Please tell us about you") -> ElicitationForm {
        ElicitationForm(
            request: ElicitRequest(message: message, requestedSchema: schema),
            asker: ElicitationAsker(server: "demo", taskID: "t-1", tool: "ask_user"), style: Style(enabled: false))
    }

    @Test func fieldsAreAskedInSchemaOrder() {
        #expect(form(Self.askUser).fields.map(\.name) == ["name", "age", "subscribe", "color", "email"])
        #expect(form(Self.askUser).fields.map(\.isRequired) == [true, true, false, false, false])
    }

    /// The schema as the demo server sends it: parsed from the wire, its member order is the order asked and
    /// reviewed, even where an optional field comes before a required one.
    @Test func parsedSchemaKeepsTheServersOrderThroughAskAndReview() async throws {
        let wire = #"""
            {"type":"object","properties":{"name":{"type":"string","title":"Name","minLength":1},\#
            "age":{"type":"integer","title":"Age","minimum":1,"maximum":120},\#
            "subscribe":{"type":"boolean","title":"Subscribe","default":false},\#
            "color":{"type":"string","title":"Favourite colour","enum":["red","green","blue"]},\#
            "email":{"type":"string","title":"E-mail","format":"email"},\#
            "zeta":{"type":"string"},"alpha":{"type":"string"}},"required":["name","age","alpha"]}
            """#
        let schema = try JSONParser.parse(wire)
        let order = ["name", "age", "subscribe", "color", "email", "zeta", "alpha"]
        #expect(form(schema).fields.map(\.name) == order)
        let reader = ScriptedLineReader(lines: ["Ada", "36", "yes", "blue", "", "", "a", ""])
        let result = await form(schema).run(reader)
        #expect(result.action == .accept)
        // Fields are asked in that order (subscribe shows its default as a hint).
        let asked = reader.prompts.prefix(7).map { String($0.prompt.dropFirst(2).prefix { $0 != " " && $0 != ">" }) }
        #expect(asked == order)
        // The review lists the fields in the same order.
        let reviewed = reader.shown.filter { $0.hasPrefix("  ") && $0.dropFirst(2).first?.isNumber == true }
        #expect(reviewed.map { $0.split(separator: " ")[1] } == order.map { Substring($0) })
        #expect(reviewed.first == "  1. name       Ada")
    }

    @Test func acceptsTypedValuesAfterReview() async {
        // name, age (wrong twice), subscribe default kept, color by number, email left empty, review: accept.
        let reader = ScriptedLineReader(lines: ["Ada", "200", "old", "36", "no", "2", "", ""])
        let result = await form(Self.askUser).run(reader)
        #expect(result.action == .accept)
        #expect(result.content == ["name": "Ada", "age": 36, "color": "green", "subscribe": false])
        #expect(reader.unused == 0)
        #expect(reader.shown.contains("  ✗ '200': must be at most 120"))
        #expect(reader.shown.contains("  ✗ 'old': expected a whole number"))
        // The header names server, task and tool; the default is a hint Enter takes (nothing typed in);
        // choices complete with Tab.
        #expect(reader.shown.first == "── demo asks (task t-1, tool ask_user) ──")
        #expect(reader.prompts.map(\.prompt).prefix(2) == ["  name> ", "  age> "])
        #expect(reader.prompts.first { $0.prompt == "  subscribe [no]> " }?.prefill == "")
        #expect(reader.prompts.first { $0.prompt == "  color> " }?.completions == ["red", "green", "blue"])
        // After a wrong answer the question is asked again as it was.
        #expect(reader.prompts[2].prompt == "  age> ")
    }

    @Test func requiredFieldIsAskedAgainWhenEmpty() async {
        let schema: JSONValue = ["type": "object", "properties": ["name": ["type": "string"]], "required": ["name"]]
        let reader = ScriptedLineReader(lines: ["", "  Grace Hopper  ", "a"])
        let result = await form(schema).run(reader)
        #expect(result == ElicitResult(action: .accept, content: ["name": "Grace Hopper"]))
        #expect(reader.shown.contains("  ✗ a value is required"))
    }

    @Test func reviewCanEditAFieldByNameOrNumber() async {
        let reader = ScriptedLineReader(lines: ["Ada", "36", "", "", "", "e age", "37", "1", "Grace", "accept"])
        let result = await form(Self.askUser).run(reader)
        #expect(result.content?["age"] == 37)
        #expect(result.content?["name"] == "Grace")
        // Editing shows the current value as the hint Enter keeps.
        #expect(reader.prompts.contains { $0.prompt == "  age [36]> " })
    }

    @Test func declineAndCancel() async {
        let declined = await form(Self.askUser).run(ScriptedLineReader(lines: ["Ada", "36", "", "", "", "d"]))
        #expect(declined == ElicitResult(action: .decline))
        let cancelled = await form(Self.askUser).run(ScriptedLineReader(lines: ["Ada", "36", "", "", "", "cancel"]))
        #expect(cancelled == ElicitResult(action: .cancel))
        // Ctrl-C anywhere cancels; Ctrl-D (or input running out) declines.
        #expect(await form(Self.askUser).run(ScriptedLineReader([.line("Ada"), .interrupted])).action == .cancel)
        #expect(await form(Self.askUser).run(ScriptedLineReader([.endOfInput])).action == .decline)
    }

    @Test func everyFieldKind() async {
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "a_title": ["type": "string", "maxLength": 3],
                "b_ratio": ["type": "number", "minimum": 0, "maximum": 1],
                "c_when": ["type": "string", "format": "date"],
                "d_size": [
                    "type": "string", "oneOf": [["const": "s", "title": "Small"], ["const": "l", "title": "Large"]],
                ],
                "e_legacy": ["type": "string", "enum": ["x1", "x2"], "enumNames": ["Ex one", "Ex two"]],
                "f_tags": [
                    "type": "array", "items": ["type": "string", "enum": ["a", "b", "c"]], "minItems": 1, "maxItems": 2,
                ],
                "g_roles": [
                    "type": "array",
                    "items": ["anyOf": [["const": "r", "title": "Reader"], ["const": "w", "title": "Writer"]]],
                    "default": ["r"],
                ],
                "h_site": ["type": "string", "format": "uri"],
                "i_at": ["type": "string", "format": "date-time"],
            ],
            "required": ["a_title", "b_ratio", "c_when", "d_size", "e_legacy", "f_tags", "g_roles", "h_site", "i_at"],
        ]
        let reader = ScriptedLineReader(lines: [
            "long", "abc",
            "1.5", "0.25",
            "2025-02-30", "2024-02-29",
            "large",
            "Ex two",
            "a, b, c", "a,c",
            "r",
            "example.com", "https://example.com/x",
            "2025-11-25 10:00", "2025-11-25T10:00:00.5+01:00",
            "y",
        ])
        let result = await form(schema).run(reader)
        #expect(result.action == .accept)
        #expect(
            result.content == [
                "a_title": "abc", "b_ratio": 0.25, "c_when": "2024-02-29", "d_size": "l", "e_legacy": "x2",
                "f_tags": ["a", "c"], "g_roles": ["r"], "h_site": "https://example.com/x",
                "i_at": "2025-11-25T10:00:00.5+01:00",
            ])
        #expect(reader.unused == 0)
        #expect(reader.prompts.contains { $0.prompt == "  g_roles [r]> " })
    }

    @Test func serverTextIsSanitised() async {
        let schema: JSONValue = [
            "type": "object", "properties": ["x\u{1B}[2J": ["type": "string", "title": "Evil\u{1B}]0;title\u{07}"]],
        ]
        let reader = ScriptedLineReader(lines: ["", "c"])
        _ = await form(schema, message: "hi\u{1B}[31m there\nsecond line").run(reader)
        #expect(!reader.shown.joined().contains("\u{1B}"))
        #expect(!reader.prompts.map(\.prompt).joined().contains("\u{1B}"))
        #expect(reader.shown.contains("hi there"))
        #expect(reader.shown.contains("second line"))
    }

    @Test func warnsAboutSecrets() async {
        let schema: JSONValue = ["type": "object", "properties": ["api_token": ["type": "string"]]]
        let reader = ScriptedLineReader(lines: ["c"])
        _ = await form(schema).run(reader)
        #expect(reader.shown.contains { $0.contains("looks like a secret") })
    }

    @Test func emptySchemaIsJustAReview() async {
        let result = await form(["type": "object", "properties": [:]]).run(ScriptedLineReader(lines: [""]))
        #expect(result == ElicitResult(action: .accept, content: [:]))
    }
}
