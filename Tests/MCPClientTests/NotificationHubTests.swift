import MCPCore
import Synchronization
import Testing

@testable import MCPClient

@Suite("NotificationHub")
struct NotificationHubTests {
    private static func status(_ id: String, _ state: TaskStatus = .working) -> ServerNotification {
        .taskStatus(TaskInfo(taskId: id, status: state))
    }

    private static func progress(_ token: ProgressToken, related: String? = nil) -> ServerNotification {
        .progress(ProgressNotification(progressToken: token, progress: 1), relatedTaskID: related)
    }

    /// Everything a stream got, once the hub is finished.
    private static func drain(_ stream: AsyncStream<ServerNotification>) async -> [ServerNotification] {
        var all: [ServerNotification] = []
        for await notification in stream { all.append(notification) }
        return all
    }

    @Test("a narrowed subscriber gets only its task's status and progress; a wide one gets everything")
    func narrowed() async {
        let hub = NotificationHub()
        let wide = hub.subscribe()
        let (mine, subscriber) = hub.subscribeNarrowable()
        // Before narrowing, everything is kept: a status may beat the CreateTaskResult.
        hub.publish(Self.status("t1"))
        hub.publish(Self.status("t2"))
        hub.narrow(subscriber!, to: [.task("t1"), .token(.string("p1"))])
        let after: [ServerNotification] = [
            Self.status("t2"), Self.status("t1"), Self.progress(.string("p1")),
            Self.progress(.string("p9"), related: "t1"), Self.progress(.string("p9"), related: "t2"),
            .log(LoggingMessageNotification(level: "info", data: "noise")), Self.status("t1", .completed),
        ]
        for notification in after { hub.publish(notification) }
        hub.finish()
        #expect(await Self.drain(wide).count == 2 + after.count)
        let got = await Self.drain(mine)
        #expect(
            got == [
                Self.status("t1"), Self.status("t2"), Self.status("t1"), Self.progress(.string("p1")),
                Self.progress(.string("p9"), related: "t1"), Self.status("t1", .completed),
            ])
    }

    @Test("subscribers narrowed to different tasks do not see each other's notifications")
    func separate() async {
        let hub = NotificationHub()
        var streams: [AsyncStream<ServerNotification>] = []
        for index in 0..<50 {
            let (stream, subscriber) = hub.subscribeNarrowable()
            hub.narrow(subscriber!, to: [.task("t\(index)")])
            streams.append(stream)
        }
        for index in 0..<50 { hub.publish(Self.status("t\(index)", .completed)) }
        hub.finish()
        for (index, stream) in streams.enumerated() {
            #expect(await Self.drain(stream) == [Self.status("t\(index)", .completed)])
        }
    }

    @Test("an inbox holds notifications until delivery, then hands them over in order, and nil once at the end")
    func inboxDelivery() {
        let hub = NotificationHub()
        let (inbox, subscriber) = hub.subscribeInbox()
        hub.publish(Self.status("t1"))
        hub.publish(Self.status("t2"))
        hub.narrow(subscriber!, to: [.task("t1")])
        let got = Delivered()
        inbox.deliver { got.add($0) }
        hub.publish(Self.status("t2", .completed))
        hub.publish(Self.status("t1", .completed))
        hub.finish()
        inbox.close()
        #expect(got.all == [Self.status("t1"), Self.status("t2"), Self.status("t1", .completed), nil])
    }

    @Test("a cancelled subscription gets nothing more, and its stream ends")
    func cancelledSubscription() async {
        let hub = NotificationHub()
        let subscription = NotificationSubscription(hub: hub)
        let stream = subscription.stream()
        hub.publish(Self.status("t1"))
        subscription.cancel()
        hub.publish(Self.status("t2"))
        #expect(await Self.drain(stream) == [Self.status("t1")])
    }

    @Test("an inbox subscribed after the hub finished ends at once")
    func lateInbox() {
        let hub = NotificationHub()
        hub.finish()
        let (inbox, subscriber) = hub.subscribeInbox()
        #expect(subscriber == nil)
        let got = Delivered()
        inbox.deliver { got.add($0) }
        #expect(got.all == [nil])
    }
}

/// What an inbox delivered, in order (nil: the end).
private final class Delivered: Sendable {
    private let list = Mutex<[ServerNotification?]>([])
    func add(_ notification: ServerNotification?) { list.withLock { $0.append(notification) } }
    var all: [ServerNotification?] { list.withLock { $0 } }
}
