import MCPClient
import MCPCore
import MCPTestSupport
import Testing

private func info(_ status: TaskStatus, _ message: String? = nil) -> TaskInfo {
    TaskInfo(taskId: "t1", status: status, statusMessage: message)
}

private let done = CallToolResult(json: ["content": [["type": "text", "text": "done"]]])
private let notYet = ResponseError(code: .invalidParams, message: "Task not completed yet")

@Suite struct TaskTrackerTests {
    @Test func startEmitsTheInitialStatus() {
        var tracker = TaskTracker(task: info(.working))
        #expect(tracker.start() == [.emit(.status(info(.working)))])
        #expect(tracker.fetching)
    }

    @Test func notificationBeforePollIsApplied() {
        var tracker = TaskTracker(task: info(.working))
        _ = tracker.start()
        #expect(tracker.handle(.status(info(.inputRequired, "asks"))) == [.emit(.status(info(.inputRequired, "asks")))])
        #expect(tracker.task.status == .inputRequired)
    }

    @Test func duplicateStatusesEmitOnce() {
        var tracker = TaskTracker(task: info(.working))
        _ = tracker.start()
        #expect(tracker.handle(.status(info(.working))).isEmpty)
        #expect(tracker.handle(.status(info(.working, "50%"))).count == 1)
        #expect(tracker.handle(.status(info(.working, "50%"))).isEmpty)
        let progress = TaskProgress(progress: 1, total: 2)
        #expect(tracker.handle(.progress(progress)) == [.emit(.progress(progress))])
        #expect(tracker.handle(.progress(progress)).isEmpty)
    }

    @Test func terminalStatusThenPayloadCompletes() {
        var tracker = TaskTracker(task: info(.working))
        _ = tracker.start()
        #expect(tracker.handle(.status(info(.completed))) == [.emit(.status(info(.completed)))])
        #expect(tracker.handle(.payload(.success(done))) == [.finish(.completed(info(.completed), done))])
        #expect(tracker.isFinished)
        #expect(tracker.handle(.status(info(.working))).isEmpty)
    }

    @Test func payloadBeforeTerminalConfirmsStatus() {
        var tracker = TaskTracker(task: info(.working))
        _ = tracker.start()
        #expect(tracker.handle(.payload(.success(done))) == [.confirmStatus])
        #expect(!tracker.isFinished)
        let actions = tracker.handle(.confirmed(info(.completed)))
        #expect(actions == [.emit(.status(info(.completed))), .finish(.completed(info(.completed), done))])
    }

    @Test func payloadWithLaggingConfirmationStillFinishes() {
        var tracker = TaskTracker(task: info(.working))
        _ = tracker.start()
        _ = tracker.handle(.payload(.success(done)))
        #expect(tracker.handle(.confirmed(info(.working))) == [.finish(.completed(info(.working), done))])
    }

    @Test func notCompletedYetWhileWorkingRefetchesOnceTerminal() {
        var tracker = TaskTracker(task: info(.working))
        _ = tracker.start()
        #expect(tracker.handle(.payload(.failure(notYet))).isEmpty)
        #expect(!tracker.isFinished)
        #expect(!tracker.fetching)
        #expect(tracker.handle(.status(info(.completed))) == [.emit(.status(info(.completed))), .fetchPayload])
        #expect(tracker.fetching)
        #expect(tracker.handle(.payload(.success(done))) == [.finish(.completed(info(.completed), done))])
    }

    @Test func notCompletedYetAnsweredBeforeATerminalNotificationIsFetchedAgain() {
        // The -32602 was sent while the task worked, but the completed notification reached us first.
        var tracker = TaskTracker(task: info(.working))
        _ = tracker.start()
        _ = tracker.handle(.status(info(.completed)))
        #expect(tracker.handle(.payload(.failure(notYet))) == [.fetchPayload])
        #expect(tracker.handle(.payload(.success(done))) == [.finish(.completed(info(.completed), done))])
    }

    @Test func aSecondNotCompletedYetAfterTheEndIsAFailure() {
        var tracker = TaskTracker(task: info(.working))
        _ = tracker.start()
        _ = tracker.handle(.status(info(.completed)))
        #expect(tracker.handle(.payload(.failure(notYet))) == [.fetchPayload])
        #expect(
            tracker.handle(.payload(.failure(notYet))) == [
                .finish(.failed(info(.completed), result: nil, error: notYet))
            ])
    }

    @Test func failedWithEmptyMetaResultHasNoResult() {
        var tracker = TaskTracker(task: info(.working))
        _ = tracker.start()
        _ = tracker.handle(.status(info(.failed, "boom")))
        let empty = CallToolResult(json: ["_meta": [MetaKey.relatedTask: ["taskId": "t1"]]])
        #expect(
            tracker.handle(.payload(.success(empty))) == [
                .finish(.failed(info(.failed, "boom"), result: nil, error: nil))
            ])
    }

    @Test func failedWithResultKeepsIt() {
        var tracker = TaskTracker(task: info(.working))
        _ = tracker.start()
        _ = tracker.handle(.status(info(.failed)))
        let result = CallToolResult(json: ["content": [], "isError": true])
        #expect(
            tracker.handle(.payload(.success(result))) == [.finish(.failed(info(.failed), result: result, error: nil))])
    }

    @Test func failedWithJSONRPCError() {
        var tracker = TaskTracker(task: info(.working))
        _ = tracker.start()
        _ = tracker.handle(.status(info(.failed)))
        let error = ResponseError(code: .internalError, message: "crashed")
        #expect(
            tracker.handle(.payload(.failure(error))) == [.finish(.failed(info(.failed), result: nil, error: error))])
    }

    @Test func cancelledFinishesImmediately() {
        var tracker = TaskTracker(task: info(.working))
        _ = tracker.start()
        let actions = tracker.handle(.status(info(.cancelled)))
        #expect(actions == [.emit(.status(info(.cancelled))), .finish(.cancelled(info(.cancelled)))])
        #expect(tracker.handle(.payload(.success(done))).isEmpty)
    }

    @Test func cancelledInitialTaskFinishesAtStart() {
        var tracker = TaskTracker(task: info(.cancelled))
        #expect(tracker.start().last == .finish(.cancelled(info(.cancelled))))
    }

    @Test func notFoundFinishes() {
        var tracker = TaskTracker(task: info(.working))
        _ = tracker.start()
        let error = ResponseError(code: .invalidParams, message: "unknown task")
        #expect(tracker.handle(.notFound(error)) == [.finish(.notFound(taskID: "t1", error))])
        #expect(tracker.isFinished)
    }

    @Test func terminalNeverChangesBack() {
        var tracker = TaskTracker(task: info(.working))
        _ = tracker.start()
        _ = tracker.handle(.status(info(.completed)))
        #expect(tracker.handle(.status(info(.working, "late"))).isEmpty)
        #expect(tracker.handle(.status(info(.failed))).isEmpty)
        #expect(tracker.task.status == .completed)
        #expect(tracker.handle(.payload(.success(done))) == [.finish(.completed(info(.completed), done))])
    }

    @Test func mergeKeepsFieldsAnUpdateOmits() {
        var initial = info(.working)
        initial.ttl = 60_000
        initial.pollInterval = 500
        initial.createdAt = "2026-01-05T09:00:00Z"
        var tracker = TaskTracker(task: initial)
        _ = tracker.start()
        _ = tracker.handle(.status(info(.working, "more")))
        #expect(tracker.task.ttl == 60_000)
        #expect(tracker.task.pollInterval == 500)
        #expect(tracker.task.createdAt == "2026-01-05T09:00:00Z")
    }
}
