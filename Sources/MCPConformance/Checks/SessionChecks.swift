import MCPCore

/// Whether a task belongs to the HTTP session that made it (2025-11-25 core tasks §Task isolation and
/// access control). The second session carries the same credentials, so it is the same authorization
/// context: the spec lets a server share tasks across it (without binding, task ids MUST be unguessable) or
/// scope them to the session. Either way tasks/get and tasks/list must agree (§Task listing: what tasks/get
/// retrieves, tasks/list lists).
enum SessionChecks {
    /// Shorter task ids than this are too few bits to be unguessable (a UUID has 36 characters).
    static let shortestID = 16

    static let all: [ConformanceCheck] = [
        ConformanceCheck(
            "session.binding", .session,
            clause: "2025-11-25 tasks §Task isolation and access control, §Task listing (MUST agree with tasks/get)",
            title: "over HTTP, a second session sees a task through both tasks/get and tasks/list, or through neither",
            probe: binding)
    ]

    static func binding(_ context: ProbeContext) async -> CheckFinding {
        guard context.wire == .core else { return .skip("a 2025-11-25 core tasks check") }
        guard let open = context.secondSession else {
            return .skip("runs only over HTTP: over stdio one server process serves one client, so no other session")
        }
        guard context.declaresTaskCalls else { return .skip("the server declares no task support") }
        let runs = await context.observations()
        guard let run = runs.first(where: { $0.taskID != nil }), let id = run.taskID else {
            return .skip(runs.isEmpty ? RunJudging.noTaskTool : "no observed call made a task")
        }
        let taskID: JSONValue = ["taskId": .string(id)]
        let own = await context.request("tasks/get", taskID)
        guard own.result != nil else { return .skip("\(run.tool)'s task is gone in its own session: \(own.answered)") }
        let listing = context.declaresList
        let ownListing = listing ? await context.listAll() : []
        let other: [Exchange]
        do {
            other = try await open { session in
                let get = await session.exchange("tasks/get", taskID, timeout: context.requestTimeout)
                guard listing else { return [get] }
                let list = await session.exchange("tasks/list", [:], timeout: context.requestTimeout)
                return [get, list]
            }
        } catch {
            return .fail("a second session to the server could not be opened: \(error)", own.evidence)
        }
        let evidence = own.evidence + other.flatMap { ["(second session) " + $0.evidence[0]] + $0.evidence.dropFirst() }
        let get = other[0]
        let seen = get.result?["taskId"]?.stringValue == id
        let listedThere = other.dropFirst().first.map { listed($0, id) }
        let listedHere = ownListing.contains { listed($0, id) }
        if !seen && get.errorCode != -32602 {
            return .warn("another session's task: tasks/get answered \(get.answered), not -32602", evidence)
        }
        switch (seen, listedThere) {
        case (true, false?) where listedHere:
            return .fail("a second session gets the task with tasks/get, but its tasks/list leaves it out", evidence)
        case (false, true?):
            return .fail("a second session lists the task, yet tasks/get refuses it", evidence)
        case (false, _):
            return .pass(
                "\(run.tool)'s task is bound to its session: another session neither gets nor lists it", evidence)
        case (true, let listed):
            // A listing that leaves the task out in its own session too is list.includes-own's to judge.
            let unlisted = listed == false ? " (tasks/list leaves it out in every session: see list.includes-own)" : ""
            if id.count < shortestID {
                return .warn(
                    "tasks are shared across sessions, and the id '\(id)' is short enough to guess" + unlisted, evidence
                )
            }
            return .pass(
                "tasks are shared across sessions (one authorization context); the ids are long" + unlisted, evidence)
        }
    }

    private static func listed(_ page: Exchange, _ id: String) -> Bool {
        (page.result?["tasks"]?.arrayValue ?? []).contains { $0["taskId"]?.stringValue == id }
    }
}
