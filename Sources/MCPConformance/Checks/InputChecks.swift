import MCPCore

/// Checks of a task that asks the user (2025-11-25 core tasks §input_required): run only when a tool the
/// check may call asks. The check declines every question, so a tool is never given made-up answers.
enum InputChecks {
    static let all: [ConformanceCheck] = [
        ConformanceCheck(
            "input.related-task", .input, clause: "2025-11-25 tasks §Input required (related-task _meta MUST)",
            title: "a task's elicitation/create carries the related-task marker of its task", probe: relatedTask),
        ConformanceCheck(
            "input.channel", .input,
            clause: "2025-11-25 tasks §Input required status (requestor SHOULD call tasks/result)",
            title: "a task's elicitation/create reaches the client on the connection, not only inside tasks/result",
            probe: ElicitationChannel.judge),
    ]

    static func relatedTask(_ context: ProbeContext) async -> CheckFinding {
        let none = "no tool asked a question: name one that does with --tool (its questions are declined)"
        return await RunJudging.judge(context, skipWhenNone: none) { run in
            guard !run.elicitations.isEmpty else { return nil }
            let evidence = run.elicitations.map { "← elicitation/create \(Evidence.compact($0))" }
            let marked = run.elicitations.map { $0["relatedTaskId"]?.stringValue }
            if marked.allSatisfy({ $0 == run.taskID }) {
                return .pass("\(run.elicitations.count) question(s), each marked with its task", evidence)
            }
            if marked.contains(where: { $0 != nil && $0 != run.taskID }) {
                return .fail("a question names another task", evidence)
            }
            return .fail("a question without the related-task _meta: a client cannot tell which task asks", evidence)
        }
    }
}
