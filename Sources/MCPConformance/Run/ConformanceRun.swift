import MCPClient
import MCPCommandKit
import MCPCore

/// A tool named with `--tool NAME KEY=VALUE...`: its arguments are typed by its schema once the tools are
/// known.
package struct ToolRequest: Sendable, Equatable {
    package var name: String
    package var assignments: [String]

    package init(name: String, assignments: [String] = []) {
        self.name = name
        self.assignments = assignments
    }

    /// `--tool` values as given, `[NAME, KEY=VALUE..., NAME, ...]`: a word without `=` starts the next tool.
    package static func grouped(_ words: [String]) -> [ToolRequest] {
        var requests: [ToolRequest] = []
        for word in words {
            if word.contains("="), !requests.isEmpty {
                requests[requests.count - 1].assignments.append(word)
            } else {
                requests.append(ToolRequest(name: word))
            }
        }
        return requests
    }
}

/// One `mcptask check` run on a connected session: learns the tools and the wire, takes over the session's
/// notification tap and question handler (questions are recorded and declined), and runs the chosen checks
/// in order; the report.
package struct ConformanceRun: Sendable {
    package var tools: [ToolRequest]
    package var callAny: Bool
    /// The areas to check (`--only`); all when empty.
    package var areas: [CheckArea]
    /// `stdio`, `http` or `session`, for the report.
    package var transport: String
    package var requestTimeout: Duration
    package var taskLimit: Duration
    /// How to open another session to the server, for the session-binding check (HTTP only).
    package var secondSession: SecondSessionOpener?

    package init(
        tools: [ToolRequest], callAny: Bool = false, areas: [CheckArea] = [], transport: String,
        requestTimeout: Duration = .seconds(10), taskLimit: Duration = .seconds(60)
    ) {
        self.tools = tools
        self.callAny = callAny
        self.areas = areas
        self.transport = transport
        self.requestTimeout = requestTimeout
        self.taskLimit = taskLimit
    }

    package func run(on session: ClientSession) async throws -> ConformanceReport {
        let notifications = NotificationLog()
        session.setNotificationTap { notifications.record($0) }
        let wire: WireKind = session.discoverResult == nil ? .core : .extension
        let listed = try await session.listTools()
        let context = ProbeContext(
            session: session, wire: wire, tools: listed, plan: try plan(for: listed),
            notifications: notifications, requestTimeout: requestTimeout, taskLimit: taskLimit,
            secondSession: secondSession)
        session.setElicitationHandler { request, elicitation in
            var recorded = (try? JSONValueEncoder.encode(request)) ?? .null
            if case .object(var members) = recorded {
                members["relatedTaskId"] = elicitation.relatedTaskID.map { .string($0) } ?? .null
                recorded = .object(members)
            }
            context.recordElicitation(recorded)
            return ElicitResult(action: .decline)
        }
        var records: [CheckRecord] = []
        for check in CheckCatalog.checks(in: areas) {
            guard check.wires.contains(wire) else {
                records.append(CheckRecord(check, .skip("does not apply to the \(session.wire.name) wire")))
                continue
            }
            records.append(CheckRecord(check, await check.probe(context)))
        }
        let summary = session.serverSummary
        return ConformanceReport(
            server: "\(summary?.name ?? "?") \(summary?.version ?? "?")",
            protocolVersion: summary?.protocolVersion ?? "?", wire: session.wire.name, transport: transport,
            records: records)
    }

    /// The tools named on the command line with their arguments typed by their schemas; a tool the server
    /// does not have is a usage error.
    func plan(for listed: [Tool]) throws -> ToolPlan {
        let named = try tools.map { request in
            guard let tool = listed.first(where: { $0.name == request.name }) else {
                throw CommandFailure(
                    status: .usage, message: "the server has no tool '\(request.name)' (see mcptask tools)")
            }
            let arguments = try CallArguments.build(
                assignments: request.assignments, args: nil, schema: tool.inputSchema)
            return ToolChoice(name: tool.name, arguments: arguments)
        }
        return ToolPlan(named: named, callAny: callAny)
    }
}
