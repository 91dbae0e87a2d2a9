import MCPCore
import Testing

private func notification(_ text: String) throws -> ServerNotification {
    let message = try JSONRPCMessage.decode(Array(text.utf8))
    guard case .notification(let method, let params, let meta) = message else {
        Issue.record("not a notification: \(message)")
        throw MessageDecodingError(reason: "not a notification", excerpt: "")
    }
    return try ServerNotification.decode(method: method, params: params, envelopeMeta: meta)
}

private func decodeFailure(method: String, params: JSONValue?) -> MessageDecodingError? {
    do {
        let parsed = try ServerNotification.decode(method: method, params: params, envelopeMeta: nil)
        Issue.record("decoded \(parsed)")
        return nil
    } catch {
        return error
    }
}

@Suite("Golden JSON: notifications")
struct GoldenNotificationTests {
    @Test("ProgressNotification: members, integer progress read as a double")
    func progress() throws {
        #expect(ProgressNotification.method == "notifications/progress")
        let text = #"{"progressToken": "task-progress-1", "progress": 1, "total": 4, "message": "step 1/4"}"#
        let progress = try decoded(ProgressNotification.self, text)
        #expect(
            progress
                == ProgressNotification(
                    progressToken: .string("task-progress-1"), progress: 1, total: 4, message: "step 1/4"))
        let minimal = ProgressNotification(progressToken: .int(3), progress: 0.5)
        #expect(try encoded(minimal) == ["progressToken": 3, "progress": 0.5])
        #expect(throws: DecodingError.self) { try decoded(ProgressNotification.self, #"{"progress": 1}"#) }
        #expect(throws: DecodingError.self) { try decoded(ProgressNotification.self, #"{"progressToken": 1}"#) }
    }

    @Test("relatedTaskID from params._meta")
    func relatedTaskFromParams() throws {
        let parsed = try notification(
            #"""
            {"jsonrpc": "2.0", "method": "notifications/progress",
             "params": {"progressToken": 7, "progress": 2, "total": 4,
                        "_meta": {"io.modelcontextprotocol/related-task": {"taskId": "t-params"}}}}
            """#)
        guard case .progress(let progress, let relatedTaskID) = parsed else {
            Issue.record("not progress: \(parsed)")
            return
        }
        #expect(relatedTaskID == "t-params")
        #expect(progress.progressToken == .int(7) && progress.progress == 2 && progress.total == 4)
        #expect(progress._meta?[MetaKey.relatedTask]?["taskId"] == "t-params")
    }

    @Test("relatedTaskID from a top-level _meta, params._meta winning when both are there")
    func relatedTaskFromEnvelope() throws {
        let envelope = try notification(
            #"""
            {"jsonrpc": "2.0", "method": "notifications/progress", "params": {"progressToken": "p", "progress": 1},
             "_meta": {"io.modelcontextprotocol/related-task": {"taskId": "t-envelope"}}}
            """#)
        #expect(
            envelope
                == .progress(
                    ProgressNotification(progressToken: .string("p"), progress: 1), relatedTaskID: "t-envelope"))
        let both = try notification(
            #"""
            {"jsonrpc": "2.0", "method": "notifications/progress",
             "params": {"progressToken": "p", "progress": 1, "_meta": {"io.modelcontextprotocol/related-task": {"taskId": "a"}}},
             "_meta": {"io.modelcontextprotocol/related-task": {"taskId": "b"}}}
            """#)
        guard case .progress(_, let relatedTaskID) = both else {
            Issue.record("not progress: \(both)")
            return
        }
        #expect(relatedTaskID == "a")
        let none = try notification(
            #"{"jsonrpc": "2.0", "method": "notifications/progress", "params": {"progressToken": 1, "progress": 1}}"#)
        #expect(none == .progress(ProgressNotification(progressToken: .int(1), progress: 1), relatedTaskID: nil))
        #expect(JSONValue.relatedTaskID(params: nil, envelopeMeta: [MetaKey.relatedTask: ["taskId": 5]]) == nil)
    }

    @Test("CancelledNotification")
    func cancelled() throws {
        #expect(CancelledNotification.method == "notifications/cancelled")
        let value = try encoded(CancelledNotification(requestId: .int(3), reason: "User requested cancellation"))
        #expect(value == ["requestId": 3, "reason": "User requested cancellation"])
        #expect(try encoded(CancelledNotification(requestId: .string("r"))) == ["requestId": "r"])
        let parsed = try decoded(CancelledNotification.self, #"{"requestId": "r-1"}"#)
        #expect(parsed.requestId == .string("r-1") && parsed.reason == nil)
        #expect(try encoded(CancelledNotification(requestId: nil)) == [:])
    }

    @Test("LoggingMessageNotification: data is any JSON")
    func logging() throws {
        #expect(LoggingMessageNotification.method == "notifications/message")
        let params = try json(#"{"level": "warning", "logger": "lab", "data": {"text": "careful", "n": [1]}}"#)
        let log = try JSONValueDecoder.decode(LoggingMessageNotification.self, from: params)
        #expect(
            log == LoggingMessageNotification(level: "warning", logger: "lab", data: ["text": "careful", "n": [1]]))
        #expect(try encoded(log) == params)
        let parsed = try ServerNotification.decode(method: "notifications/message", params: params, envelopeMeta: nil)
        #expect(parsed == .log(log))
        let bare = try decoded(LoggingMessageNotification.self, #"{"level": "info", "data": "plain"}"#)
        #expect(bare.logger == nil && bare.data == "plain")
        let missing = try #require(decodeFailure(method: "notifications/message", params: ["level": "info"]))
        #expect(missing.description == "malformed notifications/message: missing 'data'")
    }

    @Test("ServerNotification keeps unknown methods")
    func unknownMethod() throws {
        let parsed = try ServerNotification.decode(
            method: "notifications/tools/list_changed", params: ["x": 1], envelopeMeta: nil)
        #expect(parsed == .other(method: "notifications/tools/list_changed", params: ["x": 1]))
        let noParams = try ServerNotification.decode(method: "notifications/custom", params: nil, envelopeMeta: nil)
        #expect(noParams == .other(method: "notifications/custom", params: nil))
    }

    @Test("ServerNotification: malformed params name the method and the path")
    func malformed() throws {
        let status = try #require(decodeFailure(method: "notifications/tasks/status", params: ["status": "working"]))
        #expect(status.reason == "malformed notifications/tasks/status: missing 'taskId'")
        #expect(status.excerpt.isEmpty && status.description == status.reason)
        let progress = try #require(
            decodeFailure(method: "notifications/progress", params: ["progressToken": true, "progress": 1]))
        #expect(progress.reason.hasPrefix("malformed notifications/progress: at progressToken, "))
        let noParams = try #require(decodeFailure(method: "notifications/tasks/status", params: nil))
        #expect(noParams.reason == "malformed notifications/tasks/status: missing 'taskId'")
        let notObject = try #require(decodeFailure(method: "notifications/progress", params: [1]))
        #expect(notObject.reason.hasPrefix("malformed notifications/progress: at top level, "))
    }
}
