/// What the client declares in `initialize` (MCP 2025-11-25).
public struct ClientCapabilities: Codable, Sendable, Equatable {
    /// `{"form": {}, "url": {}}`; form only when `url` is absent.
    public var elicitation: ElicitationCapability?
    /// Declared (even empty) because Python-SDK servers read its presence as "the client understands tasks".
    public var tasks: JSONValue?
    public var experimental: JSONValue?

    public init(elicitation: ElicitationCapability? = nil, tasks: JSONValue? = nil, experimental: JSONValue? = nil) {
        self.elicitation = elicitation
        self.tasks = tasks
        self.experimental = experimental
    }

    /// What mcptask declares: both elicitation modes, and an empty tasks object (it hosts no tasks).
    public static let mcptask = ClientCapabilities(
        elicitation: ElicitationCapability(form: [:], url: [:]), tasks: [:])
}

/// Client elicitation modes.
public struct ElicitationCapability: Codable, Sendable, Equatable {
    public var form: JSONValue?
    public var url: JSONValue?

    public init(form: JSONValue? = nil, url: JSONValue? = nil) {
        self.form = form
        self.url = url
    }
}

/// What the server declares in its `initialize` result (MCP 2025-11-25). Unknown members are ignored.
public struct ServerCapabilities: Codable, Sendable, Equatable {
    public var tools: JSONValue?
    public var logging: JSONValue?
    public var prompts: JSONValue?
    public var resources: JSONValue?
    public var tasks: ServerTaskCapabilities?
    public var experimental: JSONValue?

    public init(
        tools: JSONValue? = nil, logging: JSONValue? = nil, prompts: JSONValue? = nil, resources: JSONValue? = nil,
        tasks: ServerTaskCapabilities? = nil, experimental: JSONValue? = nil
    ) {
        self.tools = tools
        self.logging = logging
        self.prompts = prompts
        self.resources = resources
        self.tasks = tasks
        self.experimental = experimental
    }
}

/// The server's `tasks` capability: which task methods it offers and which requests it runs as tasks.
public struct ServerTaskCapabilities: Codable, Sendable, Equatable {
    public var list: JSONValue?
    public var cancel: JSONValue?
    public var requests: JSONValue?

    public init(list: JSONValue? = nil, cancel: JSONValue? = nil, requests: JSONValue? = nil) {
        self.list = list
        self.cancel = cancel
        self.requests = requests
    }

    /// `tasks.requests.tools.call`: tools may be called as tasks.
    public var toolCalls: Bool { requests?["tools"]?["call"] != nil }
    public var canList: Bool { list != nil }
    public var canCancel: Bool { cancel != nil }

    /// Every declared capability path, for the `tools` header (e.g. `list, cancel, tools/call`).
    public var summary: [String] {
        var parts: [String] = []
        if canList { parts.append("list") }
        if canCancel { parts.append("cancel") }
        for (area, methods) in (requests?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            for method in (methods.objectValue ?? [:]).keys.sorted() { parts.append("\(area)/\(method)") }
        }
        return parts
    }
}
