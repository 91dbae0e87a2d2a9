import MCPClient
import MCPCore

/// Writes lifecycle events as newline-delimited JSON on stdout (`--events`), one object per line, each with
/// `event`, `time` and, where known, `taskId`.
public struct EventWriter: Sendable {
    private let stream: OutputStream

    public init(stream: OutputStream = .standardOutput) { self.stream = stream }

    public func emit(_ event: String, taskID: String?, _ fields: [String: JSONValue] = [:]) {
        var object = fields
        object["event"] = .string(event)
        object["time"] = .string(Timestamps.format(Timestamps.now()))
        if let taskID { object["taskId"] = .string(taskID) }
        stream.line(JSONWriter.compactString(.object(object)))
    }

    public func emit(_ event: TaskEvent, taskID: String?) {
        switch event {
        case .status(let task):
            emit("status", taskID: taskID, ["task": task.json])
        case .progress(let progress):
            var fields: [String: JSONValue] = ["progress": .double(progress.progress)]
            fields["total"] = progress.total.map { .double($0) }
            fields["message"] = progress.message.map { .string($0) }
            emit("progress", taskID: taskID, fields)
        }
    }
}
