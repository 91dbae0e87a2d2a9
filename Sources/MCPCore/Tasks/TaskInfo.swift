/// A task's state (MCP 2025-11-25 `Task`). Named `TaskInfo` so it never shadows Swift's `Task`.
public struct TaskInfo: Codable, Sendable, Equatable {
    public var taskId: String
    public var status: TaskStatus
    public var statusMessage: String?
    /// RFC 3339 timestamps. Required by the spec; optional here so a sloppy server still gets a display.
    public var createdAt: String?
    public var lastUpdatedAt: String?
    /// Actual retention in milliseconds from creation; nil when null (unlimited) or absent.
    public var ttl: Int?
    /// Suggested milliseconds between polls.
    public var pollInterval: Int?
    /// The object exactly as the server sent it, when decoded from the wire (`--json` prints it); not part
    /// of equality.
    public var raw: JSONValue?

    public init(
        taskId: String, status: TaskStatus, statusMessage: String? = nil, createdAt: String? = nil,
        lastUpdatedAt: String? = nil, ttl: Int? = nil, pollInterval: Int? = nil
    ) {
        self.taskId = taskId
        self.status = status
        self.statusMessage = statusMessage
        self.createdAt = createdAt
        self.lastUpdatedAt = lastUpdatedAt
        self.ttl = ttl
        self.pollInterval = pollInterval
    }

    /// The task as the server sent it, or as a JSON object of its fields when made here.
    public var json: JSONValue { raw ?? (try? JSONValueEncoder.encode(self)) ?? .null }

    private enum CodingKeys: String, CodingKey {
        case taskId, status, statusMessage, createdAt, lastUpdatedAt, ttl, pollInterval
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        taskId = try container.decode(String.self, forKey: .taskId)
        status = try container.decode(TaskStatus.self, forKey: .status)
        statusMessage = try container.decodeIfPresent(String.self, forKey: .statusMessage)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        lastUpdatedAt = try container.decodeIfPresent(String.self, forKey: .lastUpdatedAt)
        ttl = try container.decodeIfPresent(Int.self, forKey: .ttl)
        pollInterval = try container.decodeIfPresent(Int.self, forKey: .pollInterval)
        raw = try JSONValue(from: decoder)
    }

    /// Equal when every field is; `raw` (how the server spelled it) does not count.
    public static func == (lhs: TaskInfo, rhs: TaskInfo) -> Bool {
        lhs.taskId == rhs.taskId && lhs.status == rhs.status && lhs.statusMessage == rhs.statusMessage
            && lhs.createdAt == rhs.createdAt && lhs.lastUpdatedAt == rhs.lastUpdatedAt && lhs.ttl == rhs.ttl
            && lhs.pollInterval == rhs.pollInterval
    }

    /// Encodes `ttl` as null when absent: the spec makes it required and nullable.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(taskId, forKey: .taskId)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(statusMessage, forKey: .statusMessage)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(lastUpdatedAt, forKey: .lastUpdatedAt)
        if let ttl { try container.encode(ttl, forKey: .ttl) } else { try container.encodeNil(forKey: .ttl) }
        try container.encodeIfPresent(pollInterval, forKey: .pollInterval)
    }
}

/// A task status. Open: an unknown status is kept and treated as not terminal.
public struct TaskStatus: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let working = TaskStatus(rawValue: "working")
    public static let inputRequired = TaskStatus(rawValue: "input_required")
    public static let completed = TaskStatus(rawValue: "completed")
    public static let failed = TaskStatus(rawValue: "failed")
    public static let cancelled = TaskStatus(rawValue: "cancelled")

    /// Completed, failed and cancelled never change again.
    public var isTerminal: Bool { self == .completed || self == .failed || self == .cancelled }

    public init(from decoder: any Decoder) throws { rawValue = try String(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try rawValue.encode(to: encoder) }

    public var description: String { rawValue }
}

/// The answer to a task-augmented request: the new task (MCP 2025-11-25 `CreateTaskResult`).
public struct CreateTaskResult: Codable, Sendable, Equatable {
    public var task: TaskInfo
    public var _meta: JSONValue?

    public init(task: TaskInfo, _meta: JSONValue? = nil) {
        self.task = task
        self._meta = _meta
    }

    /// Provisional text for a model while the task runs, if the server gave one.
    public var modelImmediateResponse: String? { _meta?[MetaKey.modelImmediateResponse]?.stringValue }
}
