import MCPCore

/// tasks/list pagination (2025-11-25 core tasks): an invalid cursor is refused, and the pages linked by
/// nextCursor end without listing a task twice. Run after the observed tasks, so there is something to list.
enum PaginationChecks {
    static let invalidCursor = "mcptask-check-not-a-cursor"
    /// More pages than any listing the check makes could need; a server still offering a nextCursor after
    /// them never ends.
    static let pageLimit = 50

    static let all: [ConformanceCheck] = [
        ConformanceCheck(
            "list.pagination", .list,
            clause: "2025-11-25 tasks §Error handling (invalid cursor MUST -32602), §Task listing (nextCursor)",
            title: "tasks/list refuses an invalid cursor with -32602; its pages end and list each task once",
            probe: pagination)
    ]

    static func pagination(_ context: ProbeContext) async -> CheckFinding {
        guard context.wire == .core else { return .skip("no tasks/list on the 2026-07-28 tasks extension") }
        guard context.declaresList else { return .skip("the server does not declare tasks.list") }
        _ = await context.observations()
        let refused = await context.request("tasks/list", ["cursor": .string(invalidCursor)])
        var pages: [Exchange] = []
        var cursor: String?
        repeat {
            let page = await context.request("tasks/list", cursor.map { ["cursor": .string($0)] } ?? .object([:]))
            pages.append(page)
            cursor = page.result?["nextCursor"]?.stringValue
        } while cursor != nil && pages.count < pageLimit
        let evidence = refused.evidence + pages.flatMap(\.evidence)
        if let failed = pages.first(where: { $0.result?["tasks"]?.arrayValue == nil }) {
            return .fail("a tasks/list page answered \(failed.answered)", evidence)
        }
        let ids = pages.flatMap { $0.result?["tasks"]?.arrayValue ?? [] }.compactMap { $0["taskId"]?.stringValue }
        var seen: Set<String> = []
        if let repeated = ids.first(where: { !seen.insert($0).inserted }) {
            return .fail("following nextCursor lists task \(repeated) twice", evidence)
        }
        if cursor != nil {
            return .fail("still a nextCursor after \(pageLimit) pages: the listing never ends", evidence)
        }
        guard refused.errorCode == -32602 else {
            return .fail("an invalid cursor answered \(refused.answered), not -32602", evidence)
        }
        let shape = pages.count == 1 ? "one page (no nextCursor)" : "\(pages.count) pages"
        return .pass("\(shape), \(ids.count) task(s), none twice; an invalid cursor answered -32602", evidence)
    }
}
