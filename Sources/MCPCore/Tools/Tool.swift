/// A tool as listed by `tools/list` (MCP 2025-11-25). `json` keeps the server's object verbatim.
public struct Tool: Decodable, Sendable, Equatable {
    public var name: String
    public var title: String?
    public var description: String?
    public var inputSchema: JSONValue
    public var execution: ToolExecution?
    /// The tool exactly as the server sent it, unknown members included.
    public var json: JSONValue

    enum CodingKeys: String, CodingKey { case name, title, description, inputSchema, execution }

    public init(from decoder: any Decoder) throws {
        let path = decoder.codingPath
        try self.init(json: try JSONValue(from: decoder)) { path }
    }

    /// Read straight from the value (see `JSONFields`): a tools/list may hold tens of thousands.
    init(json: JSONValue, path: () -> [any CodingKey]) throws {
        let fields = try JSONFields(json, path: path)
        name = try fields.string(CodingKeys.name, path: path)
        title = try fields.optionalString(CodingKeys.title, path: path)
        description = try fields.optionalString(CodingKeys.description, path: path)
        inputSchema = fields.optional(CodingKeys.inputSchema) ?? ["type": "object"]
        execution = try fields.optional(CodingKeys.execution).map { value in
            try ToolExecution(json: value) { path() + [CodingKeys.execution] }
        }
        self.json = json
    }

    /// The mode the tool declares; absent `execution` or `taskSupport` means forbidden.
    public var declaredTaskSupport: TaskSupport { execution?.taskSupport ?? .forbidden }

    /// The mode that applies on a server: forbidden whenever the server cannot run tool calls as tasks.
    public func effectiveTaskSupport(serverRunsToolTasks: Bool) -> TaskSupport {
        serverRunsToolTasks ? declaredTaskSupport : .forbidden
    }
}

/// `Tool.execution` (MCP 2025-11-25).
public struct ToolExecution: Codable, Sendable, Equatable {
    public var taskSupport: TaskSupport?
    enum CodingKeys: String, CodingKey { case taskSupport }
    public init(taskSupport: TaskSupport?) { self.taskSupport = taskSupport }

    init(json: JSONValue, path: () -> [any CodingKey]) throws {
        let fields = try JSONFields(json, path: path)
        taskSupport = try fields.optionalString(CodingKeys.taskSupport, path: path).map(TaskSupport.init)
    }
}

/// Whether a tool may, must or must not run as a task. Open: an unknown value is kept, and treated as forbidden.
public struct TaskSupport: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let forbidden = TaskSupport(rawValue: "forbidden")
    public static let optional = TaskSupport(rawValue: "optional")
    public static let required = TaskSupport(rawValue: "required")

    public init(from decoder: any Decoder) throws { rawValue = try String(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try rawValue.encode(to: encoder) }

    public var description: String { rawValue }
}

/// `tools/list`, one page.
public struct ListToolsRequest: MCPRequest {
    public static let method = "tools/list"
    public typealias Response = ListToolsResult
    public var cursor: String?
    public init(cursor: String? = nil) { self.cursor = cursor }
}

public struct ListToolsResult: Decodable, Sendable, Equatable {
    public var tools: [Tool]
    public var nextCursor: String?

    enum CodingKeys: String, CodingKey { case tools, nextCursor }

    public init(tools: [Tool], nextCursor: String? = nil) {
        self.tools = tools
        self.nextCursor = nextCursor
    }

    public init(from decoder: any Decoder) throws {
        let path = decoder.codingPath
        let fields = try JSONFields(try JSONValue(from: decoder)) { path }
        let elements = try JSONFields.array(try fields.required(CodingKeys.tools) { path }) {
            path + [CodingKeys.tools]
        }
        var tools: [Tool] = []
        tools.reserveCapacity(elements.count)
        for (position, element) in elements.enumerated() {
            tools.append(try Tool(json: element) { path + [CodingKeys.tools, JSONIndexKey(position)] })
        }
        self.tools = tools
        nextCursor = try fields.optionalString(CodingKeys.nextCursor) { path }
    }
}
