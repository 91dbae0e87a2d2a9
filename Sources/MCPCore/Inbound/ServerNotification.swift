/// An inbound notification decoded by method. Unknown methods are kept, not dropped.
public enum ServerNotification: Sendable, Equatable {
    case taskStatus(TaskInfo)
    case progress(ProgressNotification, relatedTaskID: String?)
    case log(LoggingMessageNotification)
    case elicitationComplete(elicitationId: String)
    case other(method: String, params: JSONValue?)
    /// Not a notification from the server but about it: a message that could not be read was skipped
    /// (a stray line on a stdio server's stdout, say). `kind` names the problem; `detail` says what it was;
    /// `number` counts them from 0 in the session.
    case unreadable(kind: String, detail: String, number: Int)

    /// Decodes `params` for the known methods; a malformed one is reported with the method and coding path.
    public static func decode(
        method: String, params: JSONValue?, envelopeMeta: JSONValue?
    ) throws(MessageDecodingError) -> ServerNotification {
        let body = params ?? .object([:])
        do {
            switch method {
            case TaskStatusNotification.method:
                return .taskStatus(try JSONValueDecoder.decode(TaskInfo.self, from: body))
            case ProgressNotification.method:
                let progress = try JSONValueDecoder.decode(ProgressNotification.self, from: body)
                return .progress(
                    progress, relatedTaskID: JSONValue.relatedTaskID(params: params, envelopeMeta: envelopeMeta))
            case LoggingMessageNotification.method:
                return .log(try JSONValueDecoder.decode(LoggingMessageNotification.self, from: body))
            case ElicitationCompleteNotification.method:
                let complete = try JSONValueDecoder.decode(ElicitationCompleteNotification.self, from: body)
                return .elicitationComplete(elicitationId: complete.elicitationId)
            default:
                return .other(method: method, params: params)
            }
        } catch {
            throw MessageDecodingError(reason: describe(error, method: method), excerpt: "")
        }
    }
}

/// One sentence for a decoding failure, naming the method and the coding path.
public func describe(_ error: any Error, method: String) -> String {
    guard let error = error as? DecodingError else { return "malformed \(method): \(error)" }
    func path(_ keys: [any CodingKey]) -> String {
        // `tasks[1].status`: indices attach to the key before them, names are joined with dots.
        keys.isEmpty
            ? "top level"
            : keys.reduce(into: "") { path, key in
                if let index = key.intValue {
                    path += "[\(index)]"
                } else {
                    path += (path.isEmpty ? "" : ".") + key.stringValue
                }
            }
    }
    switch error {
    case .keyNotFound(let key, let context):
        let parent = context.codingPath.isEmpty ? "" : " in \(path(context.codingPath))"
        return "malformed \(method): missing '\(key.stringValue)'\(parent)"
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
        return "malformed \(method): at \(path(context.codingPath)), \(context.debugDescription)"
    @unknown default:
        return "malformed \(method): \(error)"
    }
}
