import MCPCore

/// A tool's work once its arguments have been checked. Returns a `CallToolResult` object; throws a
/// `ResponseError` for a JSON-RPC error, or `CancellationError` when stopped.
typealias ToolRun = @Sendable (ToolContext) async throws -> JSONValue

/// One demo tool: how `tools/list` shows it, its task mode, and how it checks arguments and runs.
struct DemoTool: Sendable {
    let name: String
    /// `forbidden` when the listing has no `execution` member.
    let taskSupport: TaskSupport
    /// How its tasks copy a real server's departures from the default handling.
    let quirks: TaskQuirks
    /// The tool as `tools/list` lists it.
    let definition: JSONValue
    /// Validates the arguments (-32602 on failure) before any task exists, then hands back the work.
    let prepare: @Sendable (ParamsReader) throws(ResponseError) -> ToolRun

    /// `taskSupport` nil leaves `execution` out entirely (the spec's default: forbidden).
    init(
        name: String, title: String, description: String, taskSupport: TaskSupport?,
        properties: [String: JSONValue] = [:], required: [String] = [], outputSchema: JSONValue? = nil,
        quirks: TaskQuirks = .standard,
        prepare: @escaping @Sendable (ParamsReader) throws(ResponseError) -> ToolRun
    ) {
        self.name = name
        self.taskSupport = taskSupport ?? .forbidden
        self.quirks = quirks
        var inputSchema: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { inputSchema["required"] = .array(required.map { .string($0) }) }
        var definition: [String: JSONValue] = [
            "name": .string(name), "title": .string(title), "description": .string(description),
            "inputSchema": .object(inputSchema),
        ]
        if let taskSupport { definition["execution"] = ["taskSupport": .string(taskSupport.rawValue)] }
        definition["outputSchema"] = outputSchema
        self.definition = .object(definition)
        self.prepare = prepare
    }
}

/// The demo's tools, in listing order. They are fixtures for end-to-end tests: keep names and texts stable.
enum ToolCatalog {
    static func tools(bench: Bool) -> [DemoTool] {
        let standard: [DemoTool] = [
            .slowCount, .mustBeTask, .neverTask, .askUser, .fails, .cancellableSleep,
            .chattyCount, .lazyResult, .failsRPC, .failsQuietly,
        ]
        return bench ? standard + [.flood] : standard
    }
}

/// Builders for `CallToolResult` objects.
enum ToolResult {
    static func text(_ text: String, isError: Bool = false, structured: JSONValue? = nil) -> JSONValue {
        var result: [String: JSONValue] = ["content": [["type": "text", "text": .string(text)]]]
        if isError { result["isError"] = true }
        result["structuredContent"] = structured
        return .object(result)
    }

    /// The first text block, which a failed task repeats as its `statusMessage`.
    static func firstText(of result: JSONValue) -> String? {
        result["content"]?.arrayValue?.lazy.compactMap { $0["text"]?.stringValue }.first
    }
}
