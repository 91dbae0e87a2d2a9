import MCPClient
import MCPCore
import MCPTestSupport
import Testing

/// The tracker on the tasks extension wire, where tasks/get carries the outcome and nothing fetches it.
@Suite struct TaskTrackerSnapshotTests {
    private func task(_ status: TaskStatus, _ message: String? = nil) -> TaskInfo {
        TaskInfo(taskId: "t9", status: status, statusMessage: message)
    }

    private let result = CallToolResult(json: ["content": [["type": "text", "text": "counted to 3"]]])

    @Test func aTerminalSnapshotWithItsResultFinishesAtOnce() {
        var tracker = TaskTracker(task: task(.working), fetching: false)
        #expect(tracker.start() == [.emit(.status(task(.working)))])
        #expect(tracker.handle(.snapshot(task(.working, "step 1/3"), outcome: nil)).count == 1)
        let actions = tracker.handle(.snapshot(task(.completed), outcome: .success(result)))
        #expect(actions == [.emit(.status(task(.completed))), .finish(.completed(task(.completed), result))])
    }

    @Test func aFailedSnapshotCarriesTheJSONRPCError() {
        var tracker = TaskTracker(task: task(.working), fetching: false)
        _ = tracker.start()
        let error = ResponseError(code: ErrorCode(-32000), message: "deliberate protocol fault", data: ["lab": true])
        let actions = tracker.handle(.snapshot(task(.failed, error.message), outcome: .failure(error)))
        #expect(actions.last == .finish(.failed(task(.failed, error.message), result: nil, error: error)))
    }

    @Test func aCancelledSnapshotFinishesFromItsStateAlone() {
        var tracker = TaskTracker(task: task(.working), fetching: false)
        _ = tracker.start()
        #expect(tracker.handle(.snapshot(task(.cancelled), outcome: nil)).last == .finish(.cancelled(task(.cancelled))))
    }

    @Test func aTerminalSnapshotWithoutItsOutcomeAsksForIt() {
        var tracker = TaskTracker(task: task(.working), fetching: false)
        _ = tracker.start()
        #expect(tracker.handle(.snapshot(task(.completed), outcome: nil)).last == .fetchPayload)
        #expect(tracker.handle(.payload(.success(result))) == [.finish(.completed(task(.completed), result))])
    }

    @Test func aRepeatedSnapshotRendersOnce() {
        var tracker = TaskTracker(task: task(.working), fetching: false)
        _ = tracker.start()
        #expect(tracker.handle(.snapshot(task(.inputRequired), outcome: nil)).count == 1)
        #expect(tracker.handle(.snapshot(task(.inputRequired), outcome: nil)).isEmpty)
    }
}
