import MCPClient
import MCPCore
import Synchronization

/// Opens a second session to the same server (over HTTP, a new initialize and session id) and runs a body
/// on it; nil where one process serves one client (stdio).
package typealias SecondSessionOpener =
    @Sendable (_ body: @escaping @Sendable (ClientSession) async -> [Exchange]) async throws -> [Exchange]

/// What every probe works with: the connected session, the wire it speaks, the server's tools, which of
/// them may be called, and what the server sent on its own (notifications, elicitations). The task runs the
/// checks share are made once, on first use.
package final class ProbeContext: Sendable {
    package let session: ClientSession
    package let wire: WireKind
    package let tools: [Tool]
    package let plan: ToolPlan
    package let notifications: NotificationLog
    /// The limit for requests that should answer promptly.
    package let requestTimeout: Duration
    /// How long a task may run before the check stops waiting for it (and cancels it).
    package let taskLimit: Duration
    package let secondSession: SecondSessionOpener?
    private let elicitationLog = Mutex<[JSONValue]>([])
    private let cache = ObservationCache()

    package init(
        session: ClientSession, wire: WireKind, tools: [Tool], plan: ToolPlan, notifications: NotificationLog,
        requestTimeout: Duration = .seconds(10), taskLimit: Duration = .seconds(60),
        secondSession: SecondSessionOpener? = nil
    ) {
        self.secondSession = secondSession
        self.session = session
        self.wire = wire
        self.tools = tools
        self.plan = plan
        self.notifications = notifications
        self.requestTimeout = requestTimeout
        self.taskLimit = taskLimit
    }

    /// The server's capabilities (2025-11-25 initialize result, or 2026-07-28 discover result).
    package var capabilities: JSONValue { session.serverSummary?.capabilities ?? .object([:]) }

    /// `tasks.requests.tools.call`: the server accepts task-augmented tools/call.
    package var declaresTaskCalls: Bool { capabilities["tasks"]?["requests"]?["tools"]?["call"] != nil }
    package var declaresList: Bool { capabilities["tasks"]?["list"] != nil }
    package var declaresCancel: Bool { capabilities["tasks"]?["cancel"] != nil }

    package func request(_ method: String, _ params: JSONValue?, timeout: Duration? = nil) async -> Exchange {
        await session.exchange(method, params, timeout: timeout ?? requestTimeout)
    }

    /// The listed tools that declare `mode`.
    package func tools(withMode mode: TaskSupport) -> [Tool] { tools.filter { $0.declaredTaskSupport == mode } }

    /// Keeps an elicitation request the server sent; the session declines it.
    package func recordElicitation(_ request: JSONValue) { elicitationLog.withLock { $0.append(request) } }

    package var elicitations: [JSONValue] { elicitationLog.withLock { $0 } }

    /// One observed task per tool that may run as a task, made on first use.
    package func observations() async -> [TaskObservation] {
        await cache.observations { [self] in
            var runs: [TaskObservation] = []
            for choice in plan.taskTools(in: tools, wire: wire) { runs.append(await observe(choice)) }
            return runs
        }
    }

    /// A task cancelled while it runs: the tool whose observed task ran longest without asking a question,
    /// started again (a question nobody answers could hold it forever).
    package func cancelObservation() async -> CancelObservation? {
        let runs = await observations()
        return await cache.cancelled { [self] in
            let longest = runs.filter { $0.taskID != nil && !$0.timedOut && $0.elicitations.isEmpty }
                .max { $0.polls.count < $1.polls.count }
            guard let tool = longest?.tool else { return nil }
            return await observeCancel(ToolChoice(name: tool, arguments: plan.arguments(for: tool)))
        }
    }
}

/// The shared task runs, made once.
private actor ObservationCache {
    private var runs: [TaskObservation]?
    private var cancelRun: CancelObservation??

    func observations(_ make: @Sendable () async -> [TaskObservation]) async -> [TaskObservation] {
        if let runs { return runs }
        let made = await make()
        runs = made
        return made
    }

    func cancelled(_ make: @Sendable () async -> CancelObservation?) async -> CancelObservation? {
        if let cancelRun { return cancelRun }
        let made = await make()
        cancelRun = .some(made)
        return made
    }
}
