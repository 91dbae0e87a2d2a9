import MCPCore

/// One look at a task through `tasks/get`: its state, and on a wire that returns it inline, how it ended
/// or what input it waits for.
public struct TaskSnapshot: Sendable, Equatable {
    public var task: TaskInfo
    /// The outcome when the wire carries it in tasks/get (the tasks extension); nil otherwise.
    public var outcome: Result<CallToolResult, ResponseError>?
    /// Requests for input, keyed as the server keyed them (the tasks extension's `inputRequests`).
    public var inputRequests: [String: InputRequest]

    public init(
        task: TaskInfo, outcome: Result<CallToolResult, ResponseError>? = nil,
        inputRequests: [String: InputRequest] = [:]
    ) {
        self.task = task
        self.outcome = outcome
        self.inputRequests = inputRequests
    }
}

/// Everything that differs between the two task wires, behind one protocol chosen at connect time:
/// 2025-11-25 core tasks (`CoreTasksWire`) and the 2026-07-28 tasks extension (`ExtensionTasksWire`).
/// Commands and the task monitor only ever talk to this.
public protocol TaskWire: Sendable {
    /// How `tools` and `--verbose` name it.
    var name: String { get }
    /// Whether a tools/call may become a task on this server.
    var runsToolCallsAsTasks: Bool { get }
    var canGet: Bool { get }
    var canCancel: Bool { get }
    /// Whether the server can list tasks (the extension has no tasks/list).
    var canList: Bool { get }
    /// Whether the outcome needs a request of its own (tasks/result) rather than coming with tasks/get.
    var fetchesOutcomeSeparately: Bool { get }
    /// Whether status arrives only by polling, so the first poll should come soon.
    var pollsOnly: Bool { get }

    /// The task mode a tool has here; `decidedByServer` where the wire does not show it.
    func taskMode(of tool: Tool) -> TaskSupport
    /// tools/call, as a task when `task` is given (where the server decides, it is asked for one).
    func callTool(
        name: String, arguments: [String: JSONValue]?, task: TaskMetadata?, progressToken: ProgressToken?
    ) async throws -> CallToolResponse
    func snapshot(_ taskID: String) async throws -> TaskSnapshot
    /// The outcome on its own; on the extension wire, tasks/get once the task is terminal.
    func outcome(_ taskID: String) async throws -> CallToolResult
    /// Asks for the outcome as `outcome` does, with the answer going to `handler` rather than to a waiting
    /// task; a short task of its own sends the request. A monitor keeps the 2025-11-25 tasks/result open for
    /// the task's whole life, and hundreds of them at once should not each hold a suspended task.
    func openOutcome(_ taskID: String, answer handler: @escaping OutcomeHandler) throws -> OpenRequest
    /// tasks/cancel: the task as the server then reports it, or nil where it only acknowledges.
    func cancel(_ taskID: String) async throws -> TaskInfo?
    func list() async throws -> [TaskInfo]
    /// Answers input requests of a task (the extension's tasks/update).
    func answer(_ taskID: String, responses: [String: JSONValue]) async throws
}

/// Where an outcome asked for with `openOutcome` goes; it runs in a short task of its own.
public typealias OutcomeHandler = @Sendable (Result<CallToolResult, any Error>) -> Void

/// A request under way whose answer goes to a handler: `abandon` gives it up (the handler then gets
/// `CancellationError`, unless the answer came first) without telling the server.
public struct OpenRequest: Sendable {
    public let abandon: @Sendable () -> Void
}

extension TaskSupport {
    /// Not a wire value: the 2026-07-28 wire does not show task modes, and the server decides per call.
    public static let decidedByServer = TaskSupport(rawValue: "by-server")
}
