import Dispatch
import MCPCore

/// When a followed task is polled next: the server's pollInterval (a floor, never undercut), or a default;
/// where polling is all there is (the tasks extension, whose pollIntervalMs is advice that may change), a
/// ramp that starts soon and doubles up to the period, so a short task is not held to a 5 s poll.
struct PollSchedule: Sendable {
    /// The server's pollInterval, in milliseconds, as last seen.
    var interval: Int?
    var ramp: Duration?
    let defaultInterval: Duration
    /// The input requests answered already, by key: each is answered once, even if answering fails.
    var answered: Set<String> = []

    /// The wait before the next poll; the ramp moves on.
    mutating func nextDelay() -> Duration {
        let period = interval.map { max(Duration.milliseconds($0), .milliseconds(1)) } ?? defaultInterval
        defer { ramp = ramp.map { $0 * 2 < period ? $0 * 2 : nil } ?? nil }
        return ramp.map { min($0, period) } ?? period
    }

    /// The requests not answered before, now taken on.
    mutating func claim(_ requests: [String: InputRequest]) -> [String: InputRequest] {
        let new = requests.filter { !answered.contains($0.key) }
        answered.formUnion(new.keys)
        return new
    }
}

extension TaskFollow {
    /// Starts the next poll once its time comes. A timer, not a task asleep: hundreds of tasks followed at
    /// once wait for their polls without a suspended task (and its stack) each.
    func schedulePoll() {
        guard let delay = withPolls({ $0.nextDelay() }) else { return }
        DispatchQueue.global().asyncAfter(deadline: .now() + delay.dispatchInterval) { [weak self] in
            self?.request { await $0.poll() }
        }
    }

    /// One tasks/get; input requests it shows that no earlier poll showed are answered once each, with
    /// tasks/update, and polling speeds up again. A passing server error is logged and the next poll tries
    /// again.
    func poll() async {
        let taskID = monitor.taskID
        do {
            let look = try await wire.snapshot(taskID)
            // Taken before answering: a failed answer must not leave the old (shorter) period in place.
            let asked =
                withPolls { polls -> [String: InputRequest] in
                    polls.interval = look.task.pollInterval ?? polls.interval
                    return look.task.status == .inputRequired ? polls.claim(look.inputRequests) : [:]
                } ?? [:]
            feed(.input(.snapshot(look.task, outcome: look.outcome)), here: true)
            if !asked.isEmpty {
                let responses = try await monitor.session.answerInputRequests(asked, taskID: taskID)
                try await wire.answer(taskID, responses: responses)
                _ = withPolls { $0.ramp = monitor.firstPollDelay }
            }
            schedulePoll()
        } catch let error as ResponseError where error.code == .invalidParams {
            feed(.input(.notFound(error)), here: true)
        } catch let error as ResponseError {
            monitor.session.logger.warning("tasks/get failed, trying again: \(error.message) (\(error.code))")
            schedulePoll()
        } catch is CancellationError {
        } catch {
            feed(.failure(error), here: true)
        }
    }
}
