/// How a check over the observed task runs comes to one finding: each run is judged (or left out with
/// nil), and the worst judgement stands, naming the tool it came from.
enum RunJudging {
    static let noTaskTool =
        "no tool may run as a task here: name one with --tool NAME [KEY=VALUE...] (or use --call-any on a server you own)"

    static func judge(
        _ context: ProbeContext, wires: Set<WireKind> = [.core], skipWhenNone: String? = nil,
        _ judge: (TaskObservation) -> CheckFinding?
    ) async -> CheckFinding {
        guard wires.contains(context.wire) else { return .skip("does not apply to this task wire") }
        guard context.wire == .extension || context.declaresTaskCalls else {
            return .skip("the server declares no task support")
        }
        let runs = await context.observations()
        guard !runs.isEmpty else { return .skip(noTaskTool) }
        var findings: [(tool: String, finding: CheckFinding)] = []
        for run in runs {
            guard run.taskID != nil else {
                findings.append((run.tool, .skip("the call made no task: \(run.call.answered)")))
                continue
            }
            if let finding = judge(run) { findings.append((run.tool, finding)) }
        }
        guard let worst = findings.max(by: { $0.finding.outcome < $1.finding.outcome }) else {
            return .skip(skipWhenNone ?? "no observed task gave anything to check")
        }
        var finding = worst.finding
        finding.detail = "\(worst.tool): \(finding.detail)"
        return finding
    }
}

/// RFC 3339 date-times (`2026-01-05T09:00:00.000Z`, `…+00:00`), which the spec asks of task timestamps.
enum Timestamp {
    static func isRFC3339(_ text: String) -> Bool {
        let characters = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= characters.count && range.allSatisfy { (48...57).contains(characters[$0]) }
        }
        guard characters.count >= 20, digits(0..<4), characters[4] == 45, digits(5..<7), characters[7] == 45,
            digits(8..<10), [84, 116, 32].contains(characters[10]), digits(11..<13), characters[13] == 58,
            digits(14..<16), characters[16] == 58, digits(17..<19)
        else { return false }
        var index = 19
        if characters[index] == 46 {
            index += 1
            let start = index
            while index < characters.count, (48...57).contains(characters[index]) { index += 1 }
            guard index > start else { return false }
        }
        let zone = Array(characters[index...])
        if zone == [90] || zone == [122] { return true }
        return zone.count == 6 && (zone[0] == 43 || zone[0] == 45) && zone[3] == 58
            && [1, 2, 4, 5].allSatisfy { (48...57).contains(zone[$0]) }
    }
}
