import MCPCore

/// The demo MCP server's session (MCP 2025-11-25 over stdio): negotiates, routes requests, and runs tools
/// plainly or as tasks.
///
/// Each request is answered in a child of the task group `serve` owns, so stdin EOF cancels them all. The
/// answer itself is computed in a `Task` registered under the request id, which `notifications/cancelled` can
/// stop; a cancelled request gets no answer, as the spec asks.
actor DemoServer {
    /// What `initialize` settled.
    struct Session: Sendable {
        var protocolVersion: String
        var clientCapabilities: ClientCapabilities
        /// Core tasks exist only on 2025-11-25, and not under `--fault no-tasks`.
        var tasksEnabled: Bool
    }

    /// Inbound lines longer than this are refused with a parse error.
    static let maxLineBytes = 32 << 20

    let options: DemoOptions
    let outbound: Outbound
    let tasks: TaskStore
    /// Questions of tasks on the 2026-07-28 extension wire, waiting for tasks/update.
    let inputs: TaskInputs
    let toolList: [DemoTool]
    /// `--stats FILE`: what clients asked of each task.
    let stats: DemoStats?
    var session: Session?
    /// True once the connection's first request carried the 2026-07-28 envelope (`--protocol-versions`
    /// including it): no handshake, every request stands alone, tasks are the extension's.
    var stateless = false
    /// False after `logging/setLevel` to a level above `info`.
    var logsInfo = true
    /// Requests still computing their answer, for `notifications/cancelled`.
    var inflight: [RequestID: Task<Reply, Never>] = [:]
    /// `--deviate die-after-malformed`: set once a malformed tools/call was answered; nothing more is read.
    var stopsReading = false

    init(options: DemoOptions, sink: any LineSink) {
        self.options = options
        let stats = options.statsPath.map { DemoStats(path: $0, pollInterval: options.pollInterval) }
        self.stats = stats
        self.outbound = Outbound(
            sink: sink, stats: stats, silentStatus: options.deviations.contains(.silentStatus),
            unmarkedElicitations: options.deviations.contains(.unmarkedElicitation),
            unmarkedProgress: options.deviations.contains(.unmarkedProgress),
            partialStatus: options.deviations.contains(.partialStatus),
            holdsElicitations: options.deviations.contains(.resultOnlyElicitation))
        self.tasks = TaskStore(
            pollInterval: options.pollInterval, retentionShare: options.deviations.contains(.shortRetention) ? 4 : 1)
        self.inputs = TaskInputs(tasks: tasks)
        self.toolList = ToolCatalog.tools(bench: options.bench)
    }

    /// Serves until `frames` ends (stdin EOF), then stops all remaining work.
    func serve(_ frames: AsyncStream<LineFramer.Frame>) async {
        await withDiscardingTaskGroup { group in
            for await frame in frames where options.fault != .silent {
                if stopsReading { break }
                switch frame {
                case .line(let bytes):
                    receive(bytes, group: &group)
                case .oversized(let count):
                    let limit = ByteSize(Self.maxLineBytes)
                    reject(nil, .parseError, "Parse error: a message of \(ByteSize(count)) is over the \(limit) limit")
                }
            }
            // Nobody is left to answer the server's own requests.
            outbound.clientRequests.abandonAll()
            tasks.cancelAllWork()
            group.cancelAll()
        }
    }

    /// Whether `--deviate` asked for `deviation`.
    func deviates(_ deviation: DemoDeviation) -> Bool { options.deviations.contains(deviation) }

    private func receive(_ bytes: [UInt8], group: inout DiscardingTaskGroup) {
        let json: JSONValue
        let message: JSONRPCMessage
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            return reject(nil, .parseError, "Parse error: \(error)")
        }
        do {
            message = try JSONRPCMessage.classify(json)
        } catch {
            return reject(
                json["id"].flatMap(RequestID.init(json:)), .invalidRequest, "Invalid request: \(error.reason)")
        }
        switch message {
        case .request(let id, InitializeRequest.method, let params, _):
            // Answered inline, so requests that follow at once already see the session.
            outbound.respond(to: id, with: acceptsHandshake ? initialize(params) : refuseHandshake(params))
            if options.fault == .garbage { sendGarbage() }
        case .request(let id, let method, let params, _):
            stats?.received(id, method: method, params: params)
            noteGeneration(of: params)
            let work = Task { await self.reply(to: method, params: params, id: id) }
            inflight[id] = work
            group.addTask { await self.complete(id, work) }
        case .notification(let method, let params, _):
            receiveNotification(method, params)
        case .response(let id, let result):
            if !outbound.clientRequests.resolve(id, with: .success(result)) { ignoredResponse(id) }
        case .errorResponse(let id?, let error):
            if !outbound.clientRequests.resolve(id, with: .failure(error)) { ignoredResponse(id) }
        case .errorResponse(nil, let error):
            StandardStreams.printError("mcptask-demo: the client reported an error: \(error)")
        }
    }

    /// Writes the answer once it is ready, then runs the task the request created, if any.
    private func complete(_ id: RequestID, _ work: Task<Reply, Never>) async {
        let reply = await withTaskCancellationHandler {
            await work.value
        } onCancel: {
            work.cancel()
        }
        if inflight[id] == work { inflight[id] = nil }
        guard !work.isCancelled else {
            stats?.answered(id, created: nil)
            // Unanswered, so the client never learns of a task this request created: drop it.
            if let started = reply.startedTask { _ = try? tasks.cancel(started.taskID) }
            return
        }
        outbound.respond(to: id, with: reply.outcome)
        stats?.answered(id, created: reply.startedTask?.taskID)
        if let started = reply.startedTask {
            if started.onExtensionWire { await runExtensionTask(started) } else { await runTask(started) }
        }
    }

    private func receiveNotification(_ method: String, _ params: JSONValue?) {
        switch method {
        case CancelledNotification.method:
            // Only plain requests; tasks are cancelled with tasks/cancel.
            guard let id = params?["requestId"].flatMap(RequestID.init(json:)) else { return }
            inflight[id]?.cancel()
        default:
            break  // notifications/initialized and the rest need no action.
        }
    }

    private func reject(_ id: RequestID?, _ code: ErrorCode, _ message: String) {
        outbound.send(.errorResponse(id: id, error: ResponseError(code: code, message: message)))
    }

    private func ignoredResponse(_ id: RequestID) {
        StandardStreams.printError("mcptask-demo: ignoring a response to unknown or abandoned request \(id)")
    }
}

extension DemoServer {
    /// The `garbage` fault: a line that is not JSON, then a stream of log notifications, so a client that
    /// stops reading after the bad line is also tested against a server that keeps writing.
    func sendGarbage() {
        outbound.sink.send(Array("this is not json".utf8))
        for index in 1...2000 {
            let params: JSONValue = ["level": "info", "data": .string("noise \(index)")]
            outbound.sink.send(
                JSONRPCMessage.notification(method: "notifications/message", params: params, envelopeMeta: nil)
                    .encoded())
        }
    }
}
