import MCPClient
import MCPCore
import MCPRender

#if canImport(Glibc)
    import Glibc
#endif

/// The one task pipeline under every front end (`call`, `watch`, `result`, the REPL's jobs): starts a call
/// (as a task or plain, by the tool's mode), follows a task with one TaskMonitor whose events go to the run,
/// records the task in the journal, and cancels it with confirmation. Questions are answered by the session's
/// elicitation handler, which the front end installs; output is the front end's, through the run's updates.
package struct TaskPipeline: Sendable {
    package let context: CommandContext
    package let session: ClientSession
    package let tools: ToolCache
    /// Asks the person for the URLs of a -32042 answer; true when the call should be made again.
    package var urlsRequired: (@Sendable (ResponseError, String) async -> Bool)?

    package init(
        context: CommandContext, session: ClientSession, tools: ToolCache? = nil,
        urlsRequired: (@Sendable (ResponseError, String) async -> Bool)? = nil
    ) {
        self.context = context
        self.session = session
        self.tools = tools ?? ToolCache(session: session)
        self.urlsRequired = urlsRequired
    }

    /// Makes `run`'s call and follows it until it ends (or, detached, until its task exists); the end is
    /// applied to the run. `run.stop` stops it.
    ///
    /// The call runs in a child task and the following in this one: a task keeps the deepest stack it ever
    /// had until it ends, and the call's (tools/list, tools/call through the transport) would otherwise stay
    /// allocated under the monitor for the task's whole life, once for every task followed at once.
    package func start(_ run: TaskRun, notes: @escaping @Sendable (String) -> Void) async {
        let launch = await attempt(run) { try await call(run, notes: notes) }
        await stage(run, after: launch)
    }

    /// Makes `run`'s call as `start` does, but returns once the call is over or its task exists: the task is
    /// then followed without a task waiting for it, and its end applied to the run when it comes (`run.stop`
    /// still stops it). A REPL's background jobs, hundreds at once, so cost no task while they run.
    package func launch(_ run: TaskRun, notes: @escaping @Sendable (String) -> Void) async {
        let called = await attempt(run) { try await call(run, notes: notes) }
        guard case .done(.follow(let task, let token, let notifications)) = called else {
            return await stage(run, after: called)
        }
        let (follow, stopping) = monitor(run, task, progressToken: token, notifications: notifications)
        let journal = context.journal
        let now = context.console.now
        follow.whenEnded { result in
            stopping.map(run.stop.forget)
            Self.conclude(run, Self.end(of: result), journal: journal, now: now)
        }
    }

    /// Follows the existing task `taskID` until it ends (`watch`, `result`).
    package func follow(_ run: TaskRun, taskID: String, progressToken: ProgressToken?) async {
        let launch = await attempt(run) {
            // Subscribe first: a status notification may come while tasks/get is on its way.
            let notifications = session.subscribeNotifications()
            do {
                let initial = try await session.getTask(taskID)
                run.apply(.created(initial))
                return Launch.follow(initial, progressToken, notifications)
            } catch let error as ResponseError where error.code == .invalidParams {
                return .ended(.outcome(.notFound(taskID: taskID, error)))
            }
        }
        await stage(run, after: launch)
    }

    /// How the first stage went: over already, or a task to follow.
    private indirect enum Launch: Sendable {
        case ended(TaskRun.End)
        case follow(TaskInfo, ProgressToken?, NotificationSubscription)
    }

    /// The second stage, once the first (run in a child task by `attempt`) is over: a TaskMonitor, if it left
    /// a task to follow, until it ends or the run is stopped. The end is applied to the run. The first stage's
    /// closure (which holds the pipeline and its context) is let go before this stage waits.
    private func stage(_ run: TaskRun, after launch: Attempt<Launch>) async {
        let end: TaskRun.End
        switch launch {
        case .ended(let ended), .done(.ended(let ended)): end = ended
        case .done(.follow(let task, let token, let notifications)):
            let (follow, stopping) = monitor(run, task, progressToken: token, notifications: notifications)
            let result: Result<TaskOutcome, any Error>
            do {
                result = .success(try await follow.outcome())
            } catch {
                result = .failure(error)
            }
            stopping.map(run.stop.forget)
            end = Self.end(of: result)
        }
        Self.conclude(run, end, journal: context.journal, now: context.console.now)
    }

    /// How the run ended, from how following its task did.
    private static func end(of following: Result<TaskOutcome, any Error>) -> TaskRun.End {
        switch following {
        case .success(let outcome): .outcome(outcome)
        case .failure(is CancellationError): .stopped
        case .failure(let error): .failed(error)
        }
    }

    /// What one stage gave, or how the run ended instead.
    private enum Attempt<Value: Sendable>: Sendable {
        case done(Value)
        case ended(TaskRun.End)
    }

    /// Runs `work` in a child task until it ends or the run is stopped.
    private func attempt<Value: Sendable>(
        _ run: TaskRun, _ work: @escaping @Sendable () async throws -> Value
    ) async -> Attempt<Value> {
        do {
            guard let value = try await until(run.stop, work) else { return .ended(.stopped) }
            return .done(value)
        } catch is CancellationError {
            return .ended(.stopped)
        } catch {
            return .ended(.failed(error))
        }
    }

    /// Shows the end and notes the final status: out of `stage`, so its work is not part of the frame that
    /// waits for the whole run; static, so a run ended by a handler keeps only the journal, not the pipeline.
    @inline(never)
    private static func conclude(
        _ run: TaskRun, _ end: TaskRun.End, journal: TaskJournal, now: @Sendable () -> Double
    ) {
        run.apply(.ended(end))
        // The final status goes to the journal after the end is shown: its write may wait for another
        // process's lock (hundreds of `watch` commands finishing together), and the result should not.
        if case .outcome(let outcome) = end, let task = outcome.task {
            journal.noteStatus(task.status.rawValue, of: task.taskId, now: now())
        }
    }

    /// Sends the call and returns once it is over or its task exists. Every task's run passes through here,
    /// and the deepest its task's async stack ever gets stays allocated until the run ends, so the
    /// synchronous work is done in functions of its own and each frame here stays small.
    @inline(never)
    private func call(_ run: TaskRun, notes: @escaping @Sendable (String) -> Void) async throws -> Launch {
        guard let request = run.request else { return .ended(.stopped) }
        let tool = try await tools.tool(named: request.tool)
        let call = try prepare(request, tool: tool, run: run, notes: notes)
        let notifications = session.subscribeNotifications()
        guard call.asTask else { return .ended(try await callPlainly(run, call, notifications, notes: notes)) }
        run.enter(.calling(asTask: true))
        let created: TaskInfo
        do {
            switch try await session.callTool(
                name: call.tool, arguments: call.arguments, task: call.ttl, progressToken: call.token)
            {
            case .result(let result): return .ended(.inline(result, askedForTask: true))
            case .task(let response): created = response.task
            }
        } catch let error as ResponseError {
            return .ended(.refused(error))
        }
        return follow(created, call: call, run: run, detach: request.detach, notifications, notes: notes)
    }

    /// A call ready to send: its arguments built from the request and the tool's schema, and how it goes.
    private struct PreparedCall: Sendable {
        let tool: String
        let arguments: [String: JSONValue]
        let asTask: Bool
        let token: ProgressToken
        let ttl: TaskMetadata
    }

    @inline(never)
    private func prepare(
        _ request: CallRequest, tool: Tool, run: TaskRun, notes: @escaping @Sendable (String) -> Void
    ) throws -> PreparedCall {
        let arguments = try CallArguments.build(
            assignments: request.assignments, args: request.args, schema: tool.inputSchema)
        let asTask = try Self.decideTask(for: tool, request: request, session: session, note: notes)
        // Always a ttl: some servers (pymcp-kit) do not count `task: {}` as a task at all.
        let ttl = TaskMetadata(ttl: request.ttl?.milliseconds ?? CallRequest.defaultTTLMilliseconds)
        return PreparedCall(
            tool: tool.name, arguments: arguments, asTask: asTask,
            token: .string("mcptask-\(getpid())-\(run.number)"), ttl: ttl)
    }

    /// The task exists: recorded, shown, and followed unless detached.
    @inline(never)
    private func follow(
        _ task: TaskInfo, call: PreparedCall, run: TaskRun, detach: Bool, _ notifications: NotificationSubscription,
        notes: @Sendable (String) -> Void
    ) -> Launch {
        record(task, tool: call.tool, token: call.token, notes: notes)
        run.apply(.created(task))
        return detach ? .ended(.detached(task)) : .follow(task, call.token, notifications)
    }

    /// A call without a task, made once more when the server's -32042 answer is resolved.
    @inline(never)
    private func callPlainly(
        _ run: TaskRun, _ call: PreparedCall, _ notifications: NotificationSubscription,
        notes: @escaping @Sendable (String) -> Void
    ) async throws -> TaskRun.End {
        run.enter(.calling(asTask: false))
        notifications.narrow(task: nil, progressToken: call.token)
        do {
            return try await plainCall(run, call.tool, call.arguments, call.token, notifications.stream())
        } catch let error as ResponseError {
            guard let urlsRequired, await urlsRequired(error, call.tool) else { return .refused(error) }
            notes("calling '\(call.tool)' again")
            do {
                let again = session.subscribeNotifications()
                again.narrow(task: nil, progressToken: call.token)
                return try await plainCall(run, call.tool, call.arguments, call.token, again.stream())
            } catch let error as ResponseError {
                return .refused(error)
            }
        }
    }

    /// Starts a TaskMonitor from `initial`, its events going to the run; the run's stop stops it, with no
    /// task to cancel. Forget the returned key on the run's trigger once it has ended. The subscription is
    /// narrowed to the task first, so with many tasks followed at once each notification reaches only its
    /// own task's monitor.
    private func monitor(
        _ run: TaskRun, _ initial: TaskInfo, progressToken: ProgressToken?,
        notifications: NotificationSubscription
    ) -> (TaskFollow, stopping: Int?) {
        notifications.narrow(task: initial.taskId, progressToken: progressToken)
        let monitor = TaskMonitor(session: session, taskID: initial.taskId, progressToken: progressToken)
        let follow = monitor.start(initial: initial, notifications: notifications) { event in
            run.apply(.event(event))
        }
        let stopping = run.stop.whenFired { follow.stop() }
        if stopping == nil { follow.stop() }
        return (follow, stopping)
    }

    private func plainCall(
        _ run: TaskRun, _ name: String, _ arguments: [String: JSONValue], _ token: ProgressToken,
        _ notifications: AsyncStream<ServerNotification>
    ) async throws -> TaskRun.End {
        try await withThrowingTaskGroup(of: TaskRun.End?.self) { group in
            group.addTask {
                for await case .progress(let progress, _) in notifications where progress.progressToken == token {
                    let update = TaskProgress(
                        progress: progress.progress, total: progress.total, message: progress.message)
                    run.apply(.event(.progress(update)))
                }
                return nil
            }
            group.addTask {
                switch try await session.callTool(name: name, arguments: arguments, task: nil, progressToken: token) {
                case .result(let result): return .inline(result, askedForTask: false)
                case .task(let created):
                    throw CommandFailure(
                        status: .protocolViolation,
                        message: "the server created task \(created.task.taskId) for a call that asked for none")
                }
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let next { return next }
            }
            throw CancellationError()
        }
    }

    /// Records the task in the journal, so later commands (and other shells) can reach it; a journal that
    /// cannot be written is worth a note, not a failed call.
    @inline(never)
    private func record(
        _ task: TaskInfo, tool: String, token: ProgressToken, notes: @Sendable (String) -> Void
    ) {
        let target = context.target
        var entry = JournalEntry(
            taskId: task.taskId, server: target.displayName, transport: "stdio", tool: tool,
            createdAt: context.console.now(), ttl: task.ttl, status: task.status.rawValue,
            progressToken: token.description)
        switch target {
        case .stdio(let command, _): entry.command = [command.executable] + command.arguments
        case .http(let url, _, _):
            entry.transport = "http"
            entry.url = url
            entry.sessionId = session.transportSessionID
            // What a later command needs to rejoin the session without a second initialize.
            entry.protocolVersion = session.initializeResult?.protocolVersion
            entry.serverCapabilities = session.initializeResult.flatMap {
                try? JSONValueEncoder.encode($0.capabilities)
            }
        case .session: entry.transport = "session"
        }
        do {
            try context.journal.record(entry, now: context.console.now())
        } catch {
            notes("could not record task \(task.taskId) in the journal: \(error)")
        }
    }
}
