import MCPCore

/// Checks of the observed task runs: the CreateTaskResult, tasks/get, the status lifecycle and the status
/// notifications (2025-11-25 core tasks).
enum TaskChecks {
    static let all: [ConformanceCheck] = [
        ConformanceCheck(
            "creation.shape", .creation, clause: "2025-11-25 tasks §Creating tasks, §Task",
            title: "tools/call with a task answers a CreateTaskResult: a task with an id, status working",
            probe: creationShape),
        ConformanceCheck(
            "creation.ttl", .creation, clause: "2025-11-25 tasks §Task (ttl: number or null, required)",
            title: "the created task carries ttl, a number or null", probe: creationTTL),
        ConformanceCheck(
            "creation.timestamps", .creation, clause: "2025-11-25 tasks §Task (createdAt, lastUpdatedAt)",
            title: "createdAt and lastUpdatedAt are RFC 3339 timestamps", probe: creationTimestamps),
        ConformanceCheck(
            "get.live", .get, clause: "2025-11-25 tasks §Getting task status; 2026-07-28 ext-tasks tasks/get",
            title: "tasks/get on a live task answers the same task", wires: [.core, .extension], probe: getLive),
        ConformanceCheck(
            "get.finished", .get,
            clause:
                "2025-11-25 tasks §Getting tasks, §TTL (createdAt, lastUpdatedAt MUST); 2026-07-28 ext-tasks tasks/get",
            title: "tasks/get on a finished task answers its terminal status, createdAt and lastUpdatedAt",
            wires: [.core, .extension],
            probe: getFinished),
        ConformanceCheck(
            "status.transitions", .status, clause: "2025-11-25 tasks §Task status lifecycle; 2026-07-28 ext-tasks",
            title: "statuses are legal and a terminal status never changes", wires: [.core, .extension],
            probe: transitions),
        ConformanceCheck(
            "notifications.sent", .notifications, clause: "2025-11-25 tasks §Task status notification",
            title: "status notifications are sent, the terminal one included", probe: notificationsSent),
        ConformanceCheck(
            "notifications.progress", .notifications, clause: "2025-11-25 tasks §Progress (related-task SHOULD)",
            title: "a task's progress keeps the call's token, increases, and names its task", probe: progress),
        ConformanceCheck(
            "notifications.consistent", .notifications, clause: "2025-11-25 tasks §Task status notification",
            title: "status notifications carry the full task and agree with tasks/get", probe: notificationsAgree),
    ]

    static func creationShape(_ context: ProbeContext) async -> CheckFinding {
        await RunJudging.judge(context) { run in
            let task = run.createdTask ?? .null
            let evidence = run.call.evidence
            guard let id = task["taskId"]?.stringValue, !id.isEmpty else { return .fail("empty taskId", evidence) }
            let status = task["status"]?.stringValue ?? ""
            guard TaskStatusRules.all.contains(status) else { return .fail("status '\(status)'", evidence) }
            if let interval = task["pollInterval"], interval.intValue.map({ $0 <= 0 }) ?? true {
                return .fail("pollInterval \(Evidence.compact(interval)) is not a positive integer", evidence)
            }
            if status != "working" { return .warn("a new task should start working, not \(status)", evidence) }
            return .pass("task \(id), working", evidence)
        }
    }

    static func creationTTL(_ context: ProbeContext) async -> CheckFinding {
        await RunJudging.judge(context) { run in
            let evidence = run.call.evidence
            guard let ttl = run.createdTask?["ttl"] else { return .fail("the task has no ttl", evidence) }
            if ttl.isNull || ttl.intValue != nil { return .pass("ttl \(Evidence.compact(ttl))", evidence) }
            return .fail("ttl is a \(ttl.typeName)", evidence)
        }
    }

    static func creationTimestamps(_ context: ProbeContext) async -> CheckFinding {
        await RunJudging.judge(context) { run in
            let evidence = run.call.evidence
            for key in ["createdAt", "lastUpdatedAt"] {
                guard let stamp = run.createdTask?[key]?.stringValue else { return .fail("no \(key)", evidence) }
                if !Timestamp.isRFC3339(stamp) { return .fail("\(key) '\(stamp)' is not RFC 3339", evidence) }
            }
            return .pass("RFC 3339 timestamps", evidence)
        }
    }

    static func getLive(_ context: ProbeContext) async -> CheckFinding {
        await RunJudging.judge(context, wires: [.core, .extension]) { run in
            guard let get = run.firstGet else { return nil }
            let evidence = run.call.evidence + get.evidence
            guard let result = get.result else { return .fail("tasks/get answered \(get.answered)", evidence) }
            guard result["taskId"]?.stringValue == run.taskID else { return .fail("another taskId", evidence) }
            let status = result["status"]?.stringValue ?? ""
            guard TaskStatusRules.all.contains(status) else { return .fail("status '\(status)'", evidence) }
            // A task already over is get.finished's to judge.
            if TaskStatusRules.terminal.contains(status) { return nil }
            let created = run.createdTask
            if let createdAt = created?["createdAt"], result["createdAt"] != createdAt {
                return .fail("createdAt differs from the CreateTaskResult's", evidence)
            }
            if let ttl = created?["ttl"], let now = result["ttl"], ttl != now {
                return .warn(
                    "ttl \(Evidence.compact(ttl)) at creation, \(Evidence.compact(now)) in tasks/get", evidence)
            }
            return .pass("the same task, \(status)", evidence)
        }
    }

    static func getFinished(_ context: ProbeContext) async -> CheckFinding {
        await RunJudging.judge(context, wires: [.core, .extension]) { run in
            guard let get = run.laterGet else { return run.timedOut ? .skip("the task did not end in time") : nil }
            guard let status = get.result?["status"]?.stringValue else {
                return .fail("tasks/get on the finished task answered \(get.answered)", get.evidence)
            }
            if !TaskStatusRules.terminal.contains(status) {
                return .fail("tasks/get says \(status) after the task ended", get.evidence)
            }
            // §TTL and resource management: createdAt and lastUpdatedAt in all task responses.
            for key in ["createdAt", "lastUpdatedAt"] where get.result?[key]?.stringValue == nil {
                return .fail("tasks/get on the \(status) task has no \(key)", get.evidence)
            }
            return .pass(status, get.evidence)
        }
    }

    static func transitions(_ context: ProbeContext) async -> CheckFinding {
        await RunJudging.judge(context, wires: [.core, .extension]) { run in
            let polled = run.polledStatuses
            let notified = run.notifiedStatuses
            let evidence = [
                "tasks/get: " + polled.joined(separator: " → "), "notified: " + notified.joined(separator: " → "),
            ]
            if let step = TaskStatusRules.firstIllegalStep(polled) { return .fail("tasks/get: \(step)", evidence) }
            if let step = TaskStatusRules.firstIllegalStep(notified) {
                return .fail("notifications: \(step)", evidence + run.notifications.map(Evidence.compact))
            }
            if run.timedOut { return .skip("the task did not end in time") }
            return .pass(Self.collapsed(polled).joined(separator: " → "), evidence)
        }
    }

    static func notificationsSent(_ context: ProbeContext) async -> CheckFinding {
        await RunJudging.judge(context) { run in
            guard let final = run.finalStatus, TaskStatusRules.terminal.contains(final) else { return nil }
            let evidence = run.notifications.map(Evidence.compact)
            if run.notifications.isEmpty {
                // The evidence of an absence: what tasks/get saw meanwhile, and the last poll itself.
                let polled = "tasks/get: " + Self.collapsed(run.polledStatuses).joined(separator: " → ")
                return .warn(
                    "no notifications/tasks/status at all: a client waiting for one never sees the end",
                    [polled, "notifications/tasks/status: none"] + (run.polls.last?.evidence ?? []))
            }
            if !run.notifiedStatuses.contains(final) {
                return .warn("no notification for the terminal status \(final)", evidence)
            }
            return .pass(Self.collapsed(run.notifiedStatuses).joined(separator: " → "), evidence)
        }
    }

    static func notificationsAgree(_ context: ProbeContext) async -> CheckFinding {
        await RunJudging.judge(context, skipWhenNone: "no status notification to compare") { run in
            guard !run.notifications.isEmpty else { return nil }
            let evidence = run.notifications.map(Evidence.compact)
            for notification in run.notifications {
                let params = notification["params"] ?? .null
                for key in ["taskId", "status", "createdAt", "lastUpdatedAt"] where params[key] == nil {
                    return .fail("a notification without \(key)", [Evidence.compact(notification)])
                }
            }
            let notifiedEnd = run.notifiedStatuses.last { TaskStatusRules.terminal.contains($0) }
            if let notifiedEnd, let final = run.finalStatus, notifiedEnd != final {
                return .fail("notified \(notifiedEnd), but tasks/get says \(final)", evidence)
            }
            return .pass("\(run.notifications.count) notification(s), agreeing with tasks/get", evidence)
        }
    }

    static func progress(_ context: ProbeContext) async -> CheckFinding {
        let none = "no task sent notifications/progress with the call's token"
        return await RunJudging.judge(context, skipWhenNone: none) { run in
            guard !run.progress.isEmpty else { return nil }
            let evidence = run.progress.map(Evidence.compact)
            let values = run.progress.compactMap { $0["params"]?["progress"]?.doubleValue }
            if zip(values, values.dropFirst()).contains(where: { $0 >= $1 }) {
                return .fail("progress did not increase each time: \(values)", evidence)
            }
            let unmarked = run.progress.filter {
                JSONValue.relatedTaskID(params: $0["params"], envelopeMeta: $0["_meta"]) != run.taskID
            }
            if !unmarked.isEmpty {
                return .warn(
                    "\(unmarked.count) progress notification(s) without the task's related-task _meta", evidence)
            }
            return .pass("\(values.count) progress notification(s), increasing, each naming the task", evidence)
        }
    }

    /// `a a b b c` → `a b c`.
    static func collapsed(_ statuses: [String]) -> [String] {
        statuses.reduce(into: []) { result, status in if result.last != status { result.append(status) } }
    }
}
