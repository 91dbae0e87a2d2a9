import MCPCore

extension DemoTool {
    /// `ask_user` (optional task): asks for a form of every field kind, then greets the user.
    static let askUser = DemoTool(
        name: "ask_user", title: "Ask the user",
        description: "Asks the user for details with a form elicitation, then greets them", taskSupport: .optional
    ) { _ throws(ResponseError) in
        { context in
            guard context.clientCanElicitForms else {
                return ToolResult.text("ask_user needs a client that supports form elicitation", isError: true)
            }
            let answer: JSONValue
            do {
                answer = try await context.elicit(message: "Please tell us about you", schema: askUserSchema)
            } catch let error as ResponseError {
                return ToolResult.text("elicitation failed: \(error.message) (error \(error.code))", isError: true)
            }
            return greeting(for: answer)
        }
    }

    /// Text fields, bounded integer, boolean with default, untitled enum and an optional e-mail.
    static let askUserSchema: JSONValue = [
        "type": "object",
        "properties": [
            "name": ["type": "string", "title": "Name", "description": "Your name", "minLength": 1],
            "age": ["type": "integer", "title": "Age", "minimum": 1, "maximum": 120],
            "subscribe": ["type": "boolean", "title": "Subscribe", "description": "Send me news", "default": false],
            "color": ["type": "string", "title": "Favourite colour", "enum": ["red", "green", "blue"]],
            "email": ["type": "string", "title": "E-mail", "format": "email"],
        ],
        "required": ["name", "age"],
    ]

    private static func greeting(for answer: JSONValue) -> JSONValue {
        switch answer["action"]?.stringValue {
        case "accept":
            guard let name = answer["content"]?["name"]?.stringValue, let age = answer["content"]?["age"]?.intValue
            else {
                return ToolResult.text("ask_user got an answer without a string name and an integer age", isError: true)
            }
            return ToolResult.text("Hello \(name), age \(age)")
        case "decline": return ToolResult.text("user declined")
        case "cancel": return ToolResult.text("user cancelled")
        default:
            let shown = JSONWriter.compactString(answer["action"] ?? .null)
            return ToolResult.text("ask_user got an elicitation answer with action \(shown)", isError: true)
        }
    }
}
