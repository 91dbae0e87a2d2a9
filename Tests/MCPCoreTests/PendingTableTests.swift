import Synchronization
import Testing

@testable import MCPCore

private struct Closed: Error, Equatable {}
private struct Refused: Error, Equatable {}

/// A table that reports each registered waiter on `waits`, so a test answers strictly after the wait began.
private func observedTable() -> (PendingTable<Int, String>, AsyncStream<Int>) {
    let (waits, registered) = AsyncStream<Int>.makeStream()
    return (PendingTable(onWait: { registered.yield($0) }), waits)
}

/// Waits until the waiters for all of `keys` are registered, in whatever order.
private func waitingStarted(_ keys: Int..., on waits: AsyncStream<Int>) async {
    var missing = Set(keys)
    for await started in waits {
        missing.remove(started)
        if missing.isEmpty { return }
    }
}

@Suite(.timeLimit(.minutes(1))) struct PendingTableTests {
    @Test func anAnswerBeforeTheWaitIsKept() async throws {
        let table = PendingTable<Int, String>()
        try table.prepare(1)
        #expect(table.resolve(1, with: .success("early")))
        #expect(try await table.wait(1) == "early")
        // Handed over once: the slot is gone.
        #expect(!table.resolve(1, with: .success("again")))
    }

    @Test func aWaiterGetsTheAnswer() async throws {
        let (table, waits) = observedTable()
        try table.prepare(1)
        async let answer = table.wait(1)
        await waitingStarted(1, on: waits)
        #expect(table.resolve(1, with: .success("late")))
        #expect(try await answer == "late")
    }

    @Test func aWaiterGetsTheErrorAnswer() async throws {
        let (table, waits) = observedTable()
        try table.prepare(1)
        let answer = Task { try await table.wait(1) }
        await waitingStarted(1, on: waits)
        #expect(table.resolve(1, with: .failure(Refused())))
        await #expect(throws: Refused.self) { try await answer.value }
    }

    @Test func answersFindTheirOwnWaiters() async throws {
        let (table, waits) = observedTable()
        for key in 1...3 { try table.prepare(key) }
        async let one = table.wait(1)
        async let two = table.wait(2)
        await waitingStarted(1, 2, on: waits)
        #expect(table.resolve(2, with: .success("two")))
        #expect(table.resolve(3, with: .success("three")))
        #expect(table.resolve(1, with: .success("one")))
        #expect(try await one == "one")
        #expect(try await two == "two")
        #expect(try await table.wait(3) == "three")
    }

    @Test func cancellingTheWaitingTaskGivesTheKeyUp() async throws {
        let (table, waits) = observedTable()
        try table.prepare(1)
        let waiter = Task { try await table.wait(1) }
        await waitingStarted(1, on: waits)
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(!table.resolve(1, with: .success("too late")))
    }

    @Test func aTaskCancelledBeforeItWaitsDoesNotWait() async throws {
        let table = PendingTable<Int, String>()
        try table.prepare(1)
        let waiter = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await table.wait(1)
        }
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(!table.resolve(1, with: .success("too late")))
    }

    @Test func cancelFailsTheWaiterWithTheGivenError() async throws {
        let (table, waits) = observedTable()
        try table.prepare(1)
        let answer = Task { try await table.wait(1) }
        await waitingStarted(1, on: waits)
        #expect(table.cancel(1, with: Refused()))
        await #expect(throws: Refused.self) { try await answer.value }
        #expect(!table.cancel(1))
    }

    /// How a request's deadline fails it (ClientSession): an error answer. It can pass between prepare and
    /// wait, and the wait to come must get that error, not report the key as given up; an answer that came
    /// first wins over a deadline passing after it.
    @Test func anErrorAnsweredBeforeTheWaitReachesIt() async throws {
        let table = PendingTable<Int, String>()
        try table.prepare(1)
        #expect(table.resolve(1, with: .failure(Refused())))
        await #expect(throws: Refused.self) { try await table.wait(1) }

        try table.prepare(2)
        #expect(table.resolve(2, with: .success("first")))
        #expect(!table.resolve(2, with: .failure(Refused())))
        #expect(try await table.wait(2) == "first")
    }

    @Test func closeFailsEveryWaiterAndEveryLaterPrepare() async throws {
        let (table, waits) = observedTable()
        for key in 1...4 { try table.prepare(key) }
        #expect(table.resolve(4, with: .success("arrived before the close")))
        let one = Task { try await table.wait(1) }
        let two = Task { try await table.wait(2) }
        await waitingStarted(1, 2, on: waits)
        table.closeAll(with: Closed())
        await #expect(throws: Closed.self) { try await one.value }
        await #expect(throws: Closed.self) { try await two.value }
        // Prepared but not yet waited for: the wait fails at once.
        await #expect(throws: Closed.self) { try await table.wait(3) }
        #expect(try await table.wait(4) == "arrived before the close")
        #expect(throws: Closed.self) { try table.prepare(5) }
        #expect(!table.resolve(1, with: .success("after the close")))
        #expect(table.closedError is Closed)
    }

    @Test func aSecondCloseKeepsTheFirstError() async throws {
        let table = PendingTable<Int, String>()
        #expect(table.closedError == nil)
        table.closeAll(with: Closed())
        table.closeAll(with: Refused())
        #expect(table.closedError is Closed)
        #expect(throws: Closed.self) { try table.prepare(1) }
    }

    @Test func anUnknownKeyIsRefused() async throws {
        let table = PendingTable<Int, String>()
        #expect(!table.resolve(7, with: .success("stray")))
        #expect(!table.cancel(7))
        await #expect(throws: CancellationError.self) { try await table.wait(7) }
    }

    @Test func misuseIsReportedNotCrashed() async throws {
        let (table, waits) = observedTable()
        try table.prepare(1)
        #expect(throws: PendingTableMisuse("request 1 is already pending")) { try table.prepare(1) }
        async let first = table.wait(1)
        await waitingStarted(1, on: waits)
        await #expect(throws: PendingTableMisuse("request 1 already has a waiter")) { try await table.wait(1) }
        table.resolve(1, with: .success("one"))
        #expect(try await first == "one")
    }

    @Test("a handler gets an answer that came before it, or one that comes after, once")
    func handlersGetTheirAnswers() throws {
        let table = PendingTable<Int, String>()
        let got = Answers()
        try table.prepare(1)
        try table.prepare(2)
        #expect(table.resolve(1, with: .success("early")))
        table.whenAnswered(1) { got.add(1, $0) }
        table.whenAnswered(2) { got.add(2, $0) }
        #expect(got.all.map(\.key) == [1])
        #expect(table.resolve(2, with: .success("late")))
        #expect(!table.resolve(2, with: .success("again")))
        #expect(got.all.map(\.key) == [1, 2])
        #expect(got.all.map { try? $0.answer.get() } == ["early", "late"])
    }

    @Test("giving up or closing hands a handler the error, and a later answer is refused")
    func handlersGetGivingUp() throws {
        let table = PendingTable<Int, String>()
        let got = Answers()
        try table.prepare(1)
        try table.prepare(2)
        table.whenAnswered(1) { got.add(1, $0) }
        table.whenAnswered(2) { got.add(2, $0) }
        #expect(table.cancel(1))
        table.closeAll(with: Closed())
        #expect(!table.resolve(1, with: .success("late")))
        let errors = got.all.map { answer -> String in
            switch answer.answer {
            case .failure(is CancellationError): "cancelled"
            case .failure(is Closed): "closed"
            default: "other"
            }
        }
        #expect(errors == ["cancelled", "closed"])
    }
}

/// What handlers were given, in order.
private final class Answers: Sendable {
    private let list = Mutex<[(key: Int, answer: Result<String, any Error>)]>([])
    func add(_ key: Int, _ answer: Result<String, any Error>) { list.withLock { $0.append((key, answer)) } }
    var all: [(key: Int, answer: Result<String, any Error>)] { list.withLock { $0 } }
}
