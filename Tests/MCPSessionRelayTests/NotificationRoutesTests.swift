import MCPCore
import Testing

@testable import MCPSessionRelay

@Suite("Notification routes")
struct NotificationRoutesTests {
    private static func status(_ id: String) -> JSONValue { ["taskId": .string(id), "status": "working"] }

    private static func progress(_ token: JSONValue, related: String? = nil) -> JSONValue {
        var params: [String: JSONValue] = ["progressToken": token, "progress": 1]
        if let related { params["_meta"] = [MetaKey.relatedTask: ["taskId": .string(related)]] }
        return .object(params)
    }

    @Test("a task's notifications go to the commands following it; tasks nobody followed go to everyone")
    func byTask() {
        var routes = NotificationRoutes()
        routes.follow("a", by: 1)
        routes.follow("a", by: 2)
        routes.follow("b", by: 3)
        let status = TaskStatusNotification.method
        #expect(routes.audience(method: status, params: Self.status("a"), envelopeMeta: nil) == .only([1, 2]))
        #expect(routes.audience(method: status, params: Self.status("b"), envelopeMeta: nil) == .only([3]))
        #expect(routes.audience(method: status, params: Self.status("c"), envelopeMeta: nil) == .everyone)
        #expect(routes.audience(method: "notifications/message", params: ["data": "x"], envelopeMeta: nil) == .everyone)
        // Progress marked with its task, in params or at the message's top level (pymcp-kit).
        let progress = ProgressNotification.method
        #expect(
            routes.audience(method: progress, params: Self.progress(7, related: "b"), envelopeMeta: nil) == .only([3]))
        let envelope: JSONValue = [MetaKey.relatedTask: ["taskId": "a"]]
        #expect(routes.audience(method: progress, params: Self.progress(7), envelopeMeta: envelope) == .only([1, 2]))
        // A command that leaves stops getting them; the task stays followed (by nobody now).
        routes.leave(3)
        #expect(routes.audience(method: status, params: Self.status("b"), envelopeMeta: nil) == .only([]))
    }

    @Test("progress by token: the call's command while it is in flight, then whoever follows the task it created")
    func byToken() {
        var routes = NotificationRoutes()
        let progress = ProgressNotification.method
        routes.callStarted(token: "tok", by: 4)
        #expect(routes.audience(method: progress, params: Self.progress("tok"), envelopeMeta: nil) == .only([4]))
        routes.callEnded(token: "tok", createdTask: "t", by: 4)
        routes.follow("t", by: 5)
        #expect(routes.audience(method: progress, params: Self.progress("tok"), envelopeMeta: nil) == .only([4, 5]))
        routes.leave(4)
        #expect(routes.audience(method: progress, params: Self.progress("tok"), envelopeMeta: nil) == .only([5]))
        // A plain call's token, once answered, names nothing: everyone.
        routes.callStarted(token: 9, by: 6)
        routes.callEnded(token: 9, createdTask: nil, by: 6)
        #expect(routes.audience(method: progress, params: Self.progress(9), envelopeMeta: nil) == .everyone)
    }

    @Test("SessionClients.route: a followed task's status reaches its follower only")
    func sessionClients() async {
        let clients = SessionClients()
        let (firstOutbox, firstQueue) = AsyncStream<[UInt8]>.makeStream()
        let (secondOutbox, secondQueue) = AsyncStream<[UInt8]>.makeStream()
        let first = clients.attach { firstQueue.yield($0) }
        _ = clients.attach { secondQueue.yield($0) }
        clients.follow("t1", by: first)
        let status = JSONRPCMessage.notification(
            method: TaskStatusNotification.method, params: Self.status("t1"), envelopeMeta: nil
        ).encoded()
        let marker = JSONRPCMessage.notification(
            method: "notifications/message", params: ["data": "end"], envelopeMeta: nil
        )
        .encoded()
        clients.route(status)
        clients.route(marker)  // about no task: everyone
        var firstFrames = firstOutbox.makeAsyncIterator()
        var secondFrames = secondOutbox.makeAsyncIterator()
        #expect(await firstFrames.next() == status)
        #expect(await firstFrames.next() == marker)
        // The other command's first frame is the marker: the status never went there.
        #expect(await secondFrames.next() == marker)
    }
}
