import Logging
import MCPClient
import MCPCommandKit
import MCPCore
import MCPSessionRelay
import MCPTestSupport
import Synchronization
import Testing

/// The background-session relay in process: commands attached over in-memory pipes, the demo server in
/// this process behind the relay's own client session. No socket, no process.
@Suite(.timeLimit(.minutes(2))) struct RelayTests {
    @Test("two commands attached at once: each gets its own answers, under ids the server never sees twice")
    func twoCommands() async throws {
        let sent = RecordedIDs()
        try await withRelay(tracer: sent) { relay in
            async let first = relay.command { session in
                try await session.callTool(
                    name: "slow_count", arguments: ["n": 2, "delay": 0.01], task: nil, progressToken: nil)
            }
            async let second = relay.command { session in
                try await session.callTool(
                    name: "slow_count", arguments: ["n": 3, "delay": 0.01], task: nil, progressToken: nil)
            }
            let (one, two) = try await (first, second)
            #expect(Self.text(one).contains("counted to 2"))
            #expect(Self.text(two).contains("counted to 3"))
        }
        // Both commands numbered their requests from the same start; the relay's ids to the server differ.
        let ids = sent.requestIDs(for: "tools/call")
        #expect(ids.count == 2)
        #expect(Set(ids).count == 2)
    }

    @Test("a task's question goes to the command that created it, not to another with a terminal")
    func ownerAnswers() async throws {
        try await withRelay { relay in
            let bystanderAsked = Counter()
            try await withThrowingTaskGroup(of: Void.self) { group in
                let bystanderReady = Trigger()
                let done = Trigger()
                group.addTask {
                    try await relay.command(answering: { _, _ in
                        bystanderAsked.add()
                        return ElicitResult(action: .decline)
                    }) { _ in
                        bystanderReady.fire()
                        await done.wait()
                    }
                }
                await bystanderReady.wait()
                // The owner takes its own questions (as `call` does), and gets its task's question.
                let result = try await relay.command(answering: { _, _ in
                    ElicitResult(action: .accept, content: ["name": "Ada", "age": 36])
                }) { session in
                    try await Self.runTask(session, "ask_user")
                }
                done.fire()
                try await group.waitForAll()
                #expect(Self.text(result).contains("Hello Ada, age 36"))
            }
            #expect(bystanderAsked.value == 0)
        }
    }

    @Test("a command that leaves in the middle of a question passes it on to one with a terminal")
    func leavingPassesQuestionOn() async throws {
        try await withRelay { relay in
            let asked = Trigger()
            let taskID = Box()
            // The owner starts the task and leaves as soon as it is asked, without answering.
            try await relay.command(
                answering: { _, _ in
                    asked.fire()
                    await Trigger().wait()  // until the command is gone
                    return ElicitResult(action: .decline)
                }, vanishing: true
            ) { session in
                guard
                    case .task(let created) = try await session.callTool(
                        name: "ask_user", arguments: [:], task: TaskMetadata(ttl: 60_000), progressToken: nil)
                else { throw ScriptError(description: "ask_user did not run as a task") }
                taskID.set(created.task.taskId)
                await asked.wait()
            }
            let id = try #require(taskID.value)
            // Another command, at a terminal, gets the question and answers; the task completes.
            let result = try await relay.command(answering: { _, _ in
                ElicitResult(action: .accept, content: ["name": "Lin", "age": 40])
            }) { session in
                try await session.taskPayload(id)
            }
            #expect(Self.text(result).contains("Hello Lin, age 40"))
        }
    }

    @Test("the relay answers the handshake from the server's kept answer, and its own status request")
    func handshakeAndStatus() async throws {
        try await withRelay { relay in
            let status = try await relay.command { session in
                #expect(session.serverSummary?.name == "mcptask-demo")
                return try await session.sendRequest(
                    method: SessionMethods.status, params: nil, timeout: nil, tellServerOnCancel: false)
            }
            #expect(status["clients"]?.intValue == 1)
        }
    }

    // MARK: - Helpers

    static func text(_ response: CallToolResponse) -> String {
        guard case .result(let result) = response else { return "" }
        return text(result)
    }

    static func text(_ result: CallToolResult) -> String {
        JSONWriter.compactString(result.json)
    }

    /// Calls `tool` as a task and waits for its result.
    static func runTask(_ session: ClientSession, _ tool: String) async throws -> CallToolResult {
        guard
            case .task(let created) = try await session.callTool(
                name: tool, arguments: [:], task: TaskMetadata(ttl: 60_000), progressToken: nil)
        else { throw ScriptError(description: "\(tool) did not run as a task") }
        return try await session.taskPayload(created.task.taskId)
    }
}

/// A relay in front of the in-process demo server; `command` attaches one more command to it.
struct Relay: Sendable {
    let link: SessionLink

    /// Runs `body` as a command attached to the relay, then detaches it; `vanishing`, its connection closes before its session ends, as when a process dies, so
    /// nothing it still had to say reaches the relay.
    /// `answering`: the command's question handler, installed before it says it has a terminal (as mcptask's
    /// commands do).
    func command<Value: Sendable>(
        answering handler: ElicitationHandler? = nil, vanishing: Bool = false,
        _ body: @escaping @Sendable (ClientSession) async throws -> Value
    ) async throws -> Value {
        let (commandEnd, relayEnd) = makeMessagePipe()
        return try await withThrowingTaskGroup(of: Void.self, returning: Value.self) { group in
            group.addTask { await link.serve(relayEnd) }
            defer { commandEnd.close() }
            return try await withClientSession(
                transport: commandEnd, configuration: testConfiguration, logger: Logger(label: "test.command")
            ) { session in
                if let handler {
                    session.setElicitationHandler(handler)
                    try await session.sendNotification(method: SessionMethods.terminalNotice, params: nil)
                }
                try await session.connect(.handshake)
                let value = try await body(session)
                if vanishing { commandEnd.close() }
                return value
            }
        }
    }
}

/// Runs `body` with a relay whose client session is connected to the demo server in this process.
func withRelay(tracer: (any MessageTracer)? = nil, _ body: @escaping @Sendable (Relay) async throws -> Void)
    async throws
{
    try await withDemoSession(tracer: tracer) { upstream in
        let clients = SessionClients()
        upstream.setElicitationHandler { request, context in await clients.elicit(request, context: context) }
        upstream.setNotificationTap { frame in clients.route(frame) }
        try await body(Relay(link: SessionLink(session: upstream, clients: clients, stop: SessionStop())))
    }
}

/// The ids of the requests the relay's session sent, by method.
final class RecordedIDs: MessageTracer {
    private let sent = Mutex<[(String, String)]>([])

    func record(_ direction: TraceDirection, _ frame: [UInt8]) {
        guard direction == .outbound, case .request(let id, let method, _, _)? = try? JSONRPCMessage.decode(frame)
        else { return }
        sent.withLock { $0.append((method, id.description)) }
    }

    func requestIDs(for method: String) -> [String] { sent.withLock { $0.filter { $0.0 == method }.map(\.1) } }
}

/// A count shared between tasks.
final class Counter: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

/// A string set by one task and read by another.
final class Box: Sendable {
    private let stored = Mutex<String?>(nil)
    func set(_ value: String) { stored.withLock { $0 = value } }
    var value: String? { stored.withLock { $0 } }
}
