import MCPConformance
import MCPCore
import MCPTestSupport
import Testing

/// The tools the checks may call on the demo server: a slow task, a failing one, the forbidden tool, and one
/// that asks. The slow task lasts 6 s: the checks that look at a running task (result.blocks, cancel.running)
/// skip once it has ended, and a machine loaded by the whole suite can take seconds to get to them.
let demoTools = [
    ToolRequest(name: "slow_count", assignments: ["n=4", "delay=1.5"]), ToolRequest(name: "fails"),
    ToolRequest(name: "never_task", assignments: ["x=hi"]), ToolRequest(name: "ask_user"),
]

/// Every check run on the demo server in process, with `--deviate` for each of `deviations`; tasks/list
/// pages of two tasks, so list.pagination has pages to follow. With `stateless` the demo also serves 2026-07-28
/// and the session connects with server/discover (the tasks extension wire).
func checkDemo(
    _ deviations: [String] = [], areas: [CheckArea] = [], stateless: Bool = false
) async throws -> ConformanceReport {
    let generation = stateless ? ["--protocol-versions", "2026-07-28,2025-11-25"] : []
    return try await withDemoSession(
        arguments: ["--page-size", "2"] + deviations.flatMap { ["--deviate", $0] } + generation,
        connecting: stateless ? .auto : .handshake
    ) { session in
        try await ConformanceRun(tools: demoTools, areas: areas, transport: "memory").run(on: session)
    }
}

extension ConformanceReport {
    /// The checks that warned or failed, by id.
    var flagged: [String: CheckOutcome] {
        Dictionary(
            uniqueKeysWithValues: records.filter { $0.finding.outcome == .warn || $0.finding.outcome == .fail }
                .map { ($0.id, $0.finding.outcome) })
    }

    var outcomes: String {
        records.map { "\($0.id) \($0.finding.outcome.rawValue): \($0.finding.detail)" }.joined(separator: "\n")
    }
}

@Suite(.timeLimit(.minutes(3))) struct DemoConformanceTests {
    @Test("the conforming demo server passes every check, and every check runs")
    func conforming() async throws {
        let report = try await checkDemo()
        #expect(report.flagged.isEmpty, "\(report.outcomes)")
        // Only the checks of the other task wire skip, and session binding, which needs HTTP.
        let skipped = report.records.filter { $0.finding.outcome == .skip }
        let expected = CheckCatalog.all.filter { $0.wires == [.extension] || $0.id == "session.binding" }.map(\.id)
        #expect(skipped.map(\.id) == expected, "\(report.outcomes)")
        let pagination = try #require(report.records.first { $0.id == "list.pagination" })
        #expect(pagination.finding.detail.contains(" pages, "), "\(pagination.finding)")
        #expect(report.records.count == CheckCatalog.all.count)
        #expect(report.wire == "2025-11-25 core tasks")
        #expect(!report.failed)
    }

    /// Each check judges one fact, so that one deviation flags one check: get.live leaves a task already over
    /// to get.finished, ttl.honoured leaves the error code of a gone task to get.unknown-id, status.transitions
    /// leaves missing notification fields to notifications.consistent, and capabilities.tasks does not warn
    /// about a server without tasks (only about one that makes tasks it did not declare).
    @Test(
        "each deviation makes exactly its check fail or warn, with evidence",
        arguments: [
            ("required-as-result", "modes.required-plain", CheckOutcome.fail),
            ("unknown-id-code", "get.unknown-id", .fail),
            ("no-ttl", "creation.ttl", .fail),
            ("bad-timestamps", "creation.timestamps", .fail),
            ("silent-status", "notifications.sent", .warn),
            ("non-blocking-result", "result.blocks", .fail),
            ("no-related-task", "result.related-task", .fail),
            ("empty-list", "list.includes-own", .fail),
            ("lying-cancel", "cancel.terminal", .fail),
            ("meta-only-failure", "result.payload", .fail),
            ("unknown-method-code", "robustness.unknown-method", .fail),
            ("unmarked-elicitation", "input.related-task", .fail),
            ("unmarked-progress", "notifications.progress", .warn),
            ("undeclared-tasks", "capabilities.tasks", .fail),
            ("modes-without-tasks", "capabilities.tool-modes", .fail),
            ("poll-interval-seconds", "creation.shape", .fail),
            ("forbidden-runs", "modes.forbidden-task", .warn),
            ("ttl-drift", "get.live", .warn),
            ("slim-finished", "get.finished", .fail),
            ("stale-status", "status.transitions", .fail),
            ("partial-status", "notifications.consistent", .fail),
            ("cancel-unknown-ok", "cancel.unknown-id", .fail),
            ("cancel-reply-early", "cancel.running", .fail),
            ("malformed-internal", "robustness.malformed-params", .warn),
            ("die-after-malformed", "robustness.alive", .fail),
            ("lenient-cursor", "list.pagination", .fail),
            ("short-retention", "ttl.honoured", .fail),
            ("result-only-elicitation", "input.channel", .warn),
        ])
    func deviation(name: String, check: String, outcome: CheckOutcome) async throws {
        let report = try await checkDemo([name])
        #expect(report.flagged == [check: outcome], "\(report.outcomes)")
        let record = try #require(report.records.first { $0.id == check })
        #expect(record.finding.evidence.contains { $0.hasPrefix("→") || $0.contains("{") }, "\(record.finding)")
        #expect(report.failed == (outcome == .fail))
    }

    @Test("--only runs the checks of one area")
    func only() async throws {
        let report = try await checkDemo(areas: [.cancel])
        #expect(Set(report.records.map(\.area)) == [.cancel])
        #expect(
            report.records.map(\.id) == ["cancel.unknown-id", "cancel.ext-ack", "cancel.running", "cancel.terminal"])
    }

    @Test("without tools to call, task checks skip and say why; protocol checks still run")
    func noTools() async throws {
        let report = try await withDemoSession { session in
            try await ConformanceRun(tools: [], transport: "memory").run(on: session)
        }
        let creation = try #require(report.records.first { $0.id == "creation.shape" })
        #expect(creation.finding.outcome == .skip)
        #expect(creation.finding.detail.contains("--tool"))
        let refused = try #require(report.records.first { $0.id == "modes.required-plain" })
        #expect(refused.finding.outcome == .pass, "\(report.outcomes)")
        let forbidden = try #require(report.records.first { $0.id == "modes.forbidden-task" })
        #expect(forbidden.finding.outcome == .skip)
        #expect(!report.failed)
    }

    @Test("on the 2026-07-28 tasks extension wire the conforming demo passes every check of that wire")
    func conformingExtension() async throws {
        let report = try await checkDemo(stateless: true)
        #expect(report.wire == "2026-07-28 tasks extension")
        #expect(report.protocolVersion == "2026-07-28")
        #expect(report.flagged.isEmpty, "\(report.outcomes)")
        let outcomes = Dictionary(uniqueKeysWithValues: report.records.map { ($0.id, $0.finding.outcome) })
        // Every check of the extension wire ran and passed, but the HTTP header checks (the demo is stdio only);
        // the core wire's skip.
        let httpOnly = Set(HTTPHeaderChecks.all.map(\.id))
        for check in CheckCatalog.all {
            let expected: CheckOutcome =
                check.wires.contains(.extension) && !httpOnly.contains(check.id) ? .pass : .skip
            #expect(outcomes[check.id] == expected, "\(check.id): \(report.outcomes)")
        }
        for record in report.records where httpOnly.contains(record.id) {
            #expect(record.finding.detail.hasPrefix("HTTP only"), "\(record.finding)")
        }
        #expect(!report.failed)
    }

    @Test(
        "on the extension wire, each ext- deviation makes exactly its check fail, with evidence",
        arguments: [
            ("ext-no-ttl", "creation.ext-task"),
            ("ext-no-outcome", "get.ext-outcome"),
            ("ext-cancel-task", "cancel.ext-ack"),
            ("ext-update-refused", "input.ext-update"),
        ])
    func extensionDeviation(name: String, check: String) async throws {
        let report = try await checkDemo([name], stateless: true)
        #expect(report.flagged == [check: .fail], "\(report.outcomes)")
        let record = try #require(report.records.first { $0.id == check })
        #expect(record.finding.evidence.contains { $0.hasPrefix("→") }, "\(record.finding)")
        #expect(report.failed)
    }

    @Test("the ext- deviations change nothing on the 2025-11-25 wire")
    func extensionDeviationsOnCore() async throws {
        let report = try await checkDemo(["ext-no-ttl", "ext-no-outcome", "ext-cancel-task", "ext-update-refused"])
        #expect(report.flagged.isEmpty, "\(report.outcomes)")
    }
}

/// session.binding needs a second HTTP session, which the stdio demo cannot give; the real HTTP servers show
/// it passing both ways (CheckInteropTests: the SDK binds, FastMCP 3 shares). Its failures are faults no
/// server of the interop suite makes, so here the "second session" is the first one, with what it answered
/// changed as `rewrite` says.
@Suite(.timeLimit(.minutes(3))) struct SessionBindingTests {
    enum Rewrite: String, CaseIterable, Sendable {
        /// As it came: the same session sees its task (shared).
        case none
        /// tasks/get refuses with -32602 and tasks/list leaves it out (bound).
        case bound
        /// tasks/get finds the task, tasks/list leaves it out.
        case unlisted
        /// tasks/get refuses it, tasks/list lists it.
        case refusedButListed
    }

    static func binding(_ rewrite: Rewrite) async throws -> CheckFinding {
        let report = try await withDemoSession { session in
            var run = ConformanceRun(tools: demoTools, areas: [.session], transport: "memory")
            run.secondSession = { body in
                var exchanges = await body(session)
                if rewrite == .bound || rewrite == .refusedButListed {
                    exchanges[0].result = nil
                    exchanges[0].error = ResponseError(code: .invalidParams, message: "Task not found")
                }
                if rewrite == .bound || rewrite == .unlisted { exchanges[1].result = ["tasks": []] }
                return exchanges
            }
            return try await run.run(on: session)
        }
        return try #require(report.records.first { $0.id == "session.binding" }).finding
    }

    @Test(
        "session.binding passes a bound or a shared task, and fails when tasks/get and tasks/list disagree",
        arguments: [
            (Rewrite.none, CheckOutcome.pass), (.bound, .pass), (.unlisted, .fail), (.refusedButListed, .fail),
        ])
    func binding(rewrite: Rewrite, outcome: CheckOutcome) async throws {
        let finding = try await Self.binding(rewrite)
        #expect(finding.outcome == outcome, "\(finding)")
        #expect(finding.evidence.contains { $0.hasPrefix("(second session) → tasks/get") }, "\(finding)")
    }
}
