import MCPCore
import Synchronization

/// Where a tool's questions go on 2026-07-28, which has no server-to-client requests: into its task's
/// `inputRequests` (answered with tasks/update), or into an `InputRequiredResult` (answered by calling again).
protocol QuestionChannel: Sendable {
    /// The client's answer to `method` with `params` (an ElicitResult for `elicitation/create`). Throws
    /// to end the run when there is none yet.
    func ask(_ method: String, _ params: JSONValue) async throws -> JSONValue
}

/// Questions of a plain call (multi round-trip requests): the n-th question of a run is key `ask-n`. A run
/// that finds its answer among the retry's `inputResponses` goes on; one that does not stops, and the call
/// answers `input_required` with the question. Each retry runs the tool from the start.
final class RetryQuestions: QuestionChannel {
    /// The answers the call came with, by key.
    private let answers: JSONObject
    private let state = Mutex<(asked: Int, unanswered: JSONObject)>((0, [:]))

    init(answers: JSONObject) { self.answers = answers }

    /// Stops a run whose question is not answered yet.
    struct Unanswered: Error {}

    func ask(_ method: String, _ params: JSONValue) async throws -> JSONValue {
        let key = state.withLock { state in
            state.asked += 1
            return "ask-\(state.asked)"
        }
        if let answer = answers[key] { return answer }
        state.withLock { $0.unanswered[key] = ["method": .string(method), "params": params] }
        throw Unanswered()
    }

    /// The question that stopped the run, as `inputRequests`; nil when every question was answered.
    var unanswered: JSONObject? {
        let unanswered = state.withLock { $0.unanswered }
        return unanswered.isEmpty ? nil : unanswered
    }
}

/// Questions of tasks on the extension wire: each waits, listed in tasks/get's `inputRequests` under a key
/// unique for the server's lifetime, until tasks/update answers that key; the task is `input_required`
/// meanwhile.
final class TaskInputs: Sendable {
    private struct Pending {
        var request: JSONValue
        var continuation: CheckedContinuation<JSONValue, any Error>
    }

    private struct State {
        var lastKey = 0
        /// Task id → key → the question waiting for its answer.
        var pending: [String: [String: Pending]] = [:]
        /// Keys whose wait was cancelled before it was registered.
        var abandoned: Set<String> = []
    }

    private let state = Mutex(State())
    private let tasks: TaskStore

    init(tasks: TaskStore) { self.tasks = tasks }

    /// Asks on behalf of `taskID` and waits for the answer; throws `CancellationError` when the task's work
    /// is stopped (tasks/cancel, expiry, shutdown).
    func ask(taskID: String, method: String, params: JSONValue) async throws -> JSONValue {
        let key = state.withLock { state in
            state.lastKey += 1
            return "input-\(state.lastKey)"
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let registered = state.withLock { state -> Bool in
                    if state.abandoned.remove(key) != nil { return false }
                    let request: JSONValue = ["method": .string(method), "params": params]
                    state.pending[taskID, default: [:]][key] = Pending(request: request, continuation: continuation)
                    return true
                }
                guard registered else { return continuation.resume(throwing: CancellationError()) }
                // Listed before the status says so, so an input_required task always shows its question.
                _ = tasks.update(taskID, to: .inputRequired, message: "waiting for the user")
            }
        } onCancel: {
            let waiting = state.withLock { state -> CheckedContinuation<JSONValue, any Error>? in
                guard let pending = state.pending[taskID]?.removeValue(forKey: key) else {
                    state.abandoned.insert(key)
                    return nil
                }
                return pending.continuation
            }
            waiting?.resume(throwing: CancellationError())
        }
    }

    /// The questions `taskID` waits on, as `inputRequests`.
    func outstanding(_ taskID: String) -> JSONObject {
        state.withLock { state in JSONObject((state.pending[taskID] ?? [:]).mapValues(\.request)) }
    }

    /// Delivers the answers to keys `taskID` waits on; other keys (unknown, already answered) are ignored,
    /// as the extension asks.
    func answer(_ taskID: String, _ responses: JSONObject) {
        let waiting = state.withLock { state in
            responses.keys.filter { state.pending[taskID]?[$0] != nil }
        }
        guard !waiting.isEmpty else { return }
        // Working again before the question leaves the list, so no input_required task shows none.
        _ = tasks.update(taskID, to: .working, message: "the user answered")
        let resumed = state.withLock { state in
            waiting.compactMap { key in
                state.pending[taskID]?.removeValue(forKey: key).map { ($0.continuation, responses[key] ?? .null) }
            }
        }
        for (continuation, answer) in resumed { continuation.resume(returning: answer) }
    }
}

/// A task's questions, through the server's `TaskInputs`.
struct TaskQuestions: QuestionChannel {
    let inputs: TaskInputs
    let taskID: String

    func ask(_ method: String, _ params: JSONValue) async throws -> JSONValue {
        try await inputs.ask(taskID: taskID, method: method, params: params)
    }
}
