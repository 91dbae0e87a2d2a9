import MCPCore

/// The ttl a task is granted (2025-11-25 core tasks §TTL and resource management): the requestor may ask
/// for one, the receiver may override it, and reports the one it keeps; the task may be deleted once it has
/// passed, not before (Task.ttl: "time from creation before task may be deleted").
enum RetentionChecks {
    /// The ttl the check asks for, in milliseconds.
    static let askedTTL = 3_000
    /// The longest granted ttl the check waits out; past it the check skips.
    static let longestWait = 5_000
    /// How long after the ttl the check keeps looking.
    static let grace = Duration.milliseconds(1_500)

    static let all: [ConformanceCheck] = [
        ConformanceCheck(
            "ttl.honoured", .ttl,
            clause: "2025-11-25 tasks §Creating tasks (MAY request ttl), §TTL and resource management, §Task (ttl)",
            title: "a task asked for a short ttl is kept at least the ttl granted (then it may be deleted)",
            probe: honoured)
    ]

    static func honoured(_ context: ProbeContext) async -> CheckFinding {
        guard context.wire == .core else { return .skip("a 2025-11-25 core tasks check") }
        guard context.declaresTaskCalls else { return .skip("the server declares no task support") }
        let runs = await context.observations()
        // The quickest observed task that ended without asking: the check waits out its ttl, not its work.
        let quick = runs.filter {
            $0.elicitations.isEmpty && $0.finalStatus.map(TaskStatusRules.terminal.contains) == true
        }.min { $0.polls.count < $1.polls.count }
        guard let tool = quick?.tool else {
            return .skip(runs.isEmpty ? RunJudging.noTaskTool : "no observed task ended without asking a question")
        }
        let clock = ContinuousClock()
        let sent = clock.now
        let params: JSONValue = [
            "name": .string(tool), "arguments": .object(context.plan.arguments(for: tool)),
            "task": ["ttl": .int(askedTTL)],
        ]
        let call = await context.request("tools/call", params)
        guard let task = call.result?["task"], let id = task["taskId"]?.stringValue else {
            return .skip("\(tool): the call made no task: \(call.answered)")
        }
        guard let granted = task["ttl"]?.intValue else {
            return .skip("\(tool): no ttl was granted (\(Evidence.compact(task["ttl"] ?? .null))): nothing to wait out")
        }
        let asked = "\(tool): asked ttl \(askedTTL), granted \(granted)"
        guard granted <= longestWait else {
            return .skip("\(asked) ms: longer than the check waits (\(longestWait) ms)")
        }
        let expiry = sent.advanced(by: .milliseconds(granted))
        var gets: [Exchange] = []
        while clock.now < expiry + grace {
            try? await Task.sleep(for: .milliseconds(250))
            let get = await context.request("tasks/get", ["taskId": .string(id)])
            gets.append(get)
            guard get.result == nil else { continue }
            let age = clock.now - sent
            let evidence = call.evidence + Array(gets.flatMap(\.evidence).suffix(4))
            if clock.now < expiry {
                return .fail(
                    "\(asked): tasks/get answered \(get.answered) after at most \(age.milliseconds) ms", evidence)
            }
            // Which error an unknown id gets is get.unknown-id's to judge.
            return .pass("\(asked): kept until its ttl, then tasks/get answered \(get.answered)", evidence)
        }
        let evidence = call.evidence + Array(gets.flatMap(\.evidence).suffix(2))
        return .pass("\(asked): still kept \(grace.milliseconds) ms after its ttl (deleting it is a MAY)", evidence)
    }
}

extension Duration {
    /// Whole milliseconds, for a finding's detail.
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
