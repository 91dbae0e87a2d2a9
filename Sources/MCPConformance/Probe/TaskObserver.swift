import MCPCore

extension ProbeContext {
    /// The ttl the check asks for (a minute): long enough for the run, short enough to leave little behind.
    static let requestedTTL = 60_000

    /// Runs `choice` as a task (with `task: {}`, so the server's own ttl shows) and follows it to its end: tasks/get at once, tasks/list while it lives,
    /// tasks/result asked while it runs (and a tasks/get the moment that answers, to see whether it waited),
    /// polls until a terminal status, tasks/result again, and a last tasks/get a moment later.
    func observe(_ choice: ToolChoice) async -> TaskObservation {
        // On the extension wire the server decides (the envelope declares the extension); `task` is ignored.
        let core = wire == .core
        var params: JSONValue = ["name": .string(choice.name), "arguments": .object(choice.arguments)]
        if core, case .object(var members) = params {
            members["task"] = [:]
            members["_meta"] = ["progressToken": .string("mcptask-check-\(choice.name)")]
            params = .object(members)
        }
        let elicitationsBefore = elicitations.count
        var observation = TaskObservation(tool: choice.name, call: await request("tools/call", params))
        guard let taskID = observation.taskID else { return observation }
        let id: JSONValue = ["taskId": .string(taskID)]
        // tasks/result goes out first, beside the first tasks/get: asked while the task surely still runs, it
        // shows whether the server blocks (asked after the listing, a short task on a loaded machine could
        // already have ended). The extension has no tasks/result: the result comes inline in tasks/get.
        let createdLive = observation.createdTask?["status"]?.stringValue.map { !TaskStatusRules.terminal.contains($0) }
        async let early: (Exchange, Exchange)? = createdLive != false && core ? earlyResult(id) : nil
        let first = await request("tasks/get", id)
        observation.firstGet = first
        let live = first.result?["status"]?.stringValue.map { !TaskStatusRules.terminal.contains($0) } ?? false
        if live && core && declaresList { observation.listing = await listAll() }
        let (polls, timedOut, updates) = await poll(id)
        observation.polls = polls
        observation.timedOut = timedOut
        observation.updates = updates
        if timedOut {
            // Leave nothing running behind the check; this also releases a tasks/result still waiting.
            _ = await request("tasks/cancel", id)
        }
        if let answered = await early {
            observation.earlyResult = answered.0
            observation.getAfterEarlyResult = answered.1
        }
        if !timedOut {
            if core { observation.finalResult = await request("tasks/result", id, timeout: requestTimeout) }
            // Give the terminal notification time to arrive (on HTTP it may take the GET stream), and the
            // status time to change if it wrongly would.
            try? await Task.sleep(for: .milliseconds(300))
            observation.laterGet = await request("tasks/get", id)
        }
        observation.notifications = notifications.statuses(of: taskID)
        observation.progress = notifications.all.filter {
            $0["method"]?.stringValue == "notifications/progress"
                && $0["params"]?["progressToken"]?.stringValue == "mcptask-check-\(choice.name)"
        }
        observation.elicitations = Array(elicitations.dropFirst(elicitationsBefore))
        return observation
    }

    /// tasks/result, however long it waits (up to the task limit), then tasks/get at once.
    private func earlyResult(_ id: JSONValue) async -> (Exchange, Exchange) {
        let result = await request("tasks/result", id, timeout: taskLimit + .seconds(5))
        return (result, await request("tasks/get", id))
    }

    /// tasks/get every 100 ms at first, then every 500 ms (faster than most servers ask, to see every
    /// transition), until a terminal status, an error, or the task limit.
    private func poll(_ id: JSONValue) async -> (polls: [Exchange], timedOut: Bool, updates: [Exchange]) {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: taskLimit)
        var delay = Duration.milliseconds(100)
        var polls: [Exchange] = []
        var updates: [Exchange] = []
        while clock.now < deadline {
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .milliseconds(500))
            let get = await request("tasks/get", id)
            polls.append(get)
            guard let status = get.result?["status"]?.stringValue else { return (polls, false, updates) }
            if TaskStatusRules.terminal.contains(status) { return (polls, false, updates) }
            // The extension asks in tasks/get and takes the answers with tasks/update; one refused ends the run.
            if wire == .extension, status == "input_required", let update = await answerInputs(id, get, updates) {
                updates.append(update)
                if update.result == nil { return (polls, true, updates) }
            }
        }
        return (polls, true, updates)
    }

    /// tasks/list followed through its pages (at most 20).
    func listAll() async -> [Exchange] {
        var pages: [Exchange] = []
        var cursor: String?
        repeat {
            let page = await request("tasks/list", cursor.map { ["cursor": .string($0)] } ?? .object([:]))
            pages.append(page)
            cursor = page.result?["nextCursor"]?.stringValue
        } while cursor != nil && pages.count < 20
        return pages
    }

    /// Starts `choice` as a task and cancels it at once; tasks/get right after and a moment later.
    func observeCancel(_ choice: ToolChoice) async -> CancelObservation {
        let params: JSONValue = [
            "name": .string(choice.name), "arguments": .object(choice.arguments),
            "task": ["ttl": .int(Self.requestedTTL)],
        ]
        let call = await request("tools/call", params)
        var observation = CancelObservation(tool: choice.name, call: call)
        guard let taskID = call.result?["task"]?["taskId"]?.stringValue ?? call.result?["taskId"]?.stringValue else {
            return observation
        }
        let id: JSONValue = ["taskId": .string(taskID)]
        observation.cancel = await request("tasks/cancel", id)
        observation.getAfter = await request("tasks/get", id)
        try? await Task.sleep(for: .milliseconds(500))
        observation.laterGet = await request("tasks/get", id)
        return observation
    }
}
