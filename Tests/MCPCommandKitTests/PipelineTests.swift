import MCPClient
import MCPCommandKit
import MCPCore
import MCPTestSupport
import Testing

/// The task pipeline in process, against the real demo server over an in-memory transport: every outcome
/// shape the demo server reproduces (see shared/docs/server-behaviours.md), journal writes, answers.
@Suite(.timeLimit(.minutes(2))) struct PipelineTests {
    @Test("a task call is followed to its end, its result printed, and recorded in the journal")
    func taskCall() async throws {
        let kit = KitHarness()
        let context = try kit.context()
        let status = try await withDemoSession { session in
            await TaskPipeline(context: context, session: session)
                .callInForeground(try .call("slow_count", "n=2", "delay=0.01"), interrupts: .none)
        }
        #expect(status == .success)
        #expect(kit.recording.stdout.contains("counted to 2"))
        #expect(kit.recording.stderr.contains("created"))
        let entries = kit.entries
        #expect(entries.count == 1)
        #expect(entries.first?.tool == "slow_count")
        #expect(entries.first?.status == "completed")
        #expect(entries.first?.transport == "http")
    }

    @Test(
        "each way a task ends maps to its exit status and says why",
        arguments: [
            ("fails", MCPCommandKit.ExitStatus.toolError, "deliberate failure inside task"),
            ("fails_quietly", .toolError, "failed"),
            ("fails_rpc", .toolError, "failed"),
            ("lazy_result", .success, ""),
            ("chatty_count", .success, ""),
        ])
    func outcomes(tool: String, expected: MCPCommandKit.ExitStatus, words: String) async throws {
        let kit = KitHarness()
        let context = try kit.context()
        let status = try await withDemoSession { session in
            await TaskPipeline(context: context, session: session).callInForeground(
                try .call(tool), interrupts: .none)
        }
        #expect(status == expected, "stderr: \(kit.recording.stderr)")
        if !words.isEmpty { #expect(kit.recording.stderr.contains(words), "stderr: \(kit.recording.stderr)") }
        let recorded = kit.entries.first?.status
        #expect(recorded == (expected == .success ? "completed" : "failed"))
    }

    @Test("a plain call prints its result and leaves the journal alone")
    func plainCall() async throws {
        let kit = KitHarness()
        let context = try kit.context()
        let status = try await withDemoSession { session in
            await TaskPipeline(context: context, session: session).callInForeground(
                try .call("never_task", "x=hi"), interrupts: .none)
        }
        #expect(status == .success)
        #expect(!kit.recording.stdout.isEmpty)
        #expect(kit.entries.isEmpty)
    }

    @Test("--task on a forbidden tool is a usage error, before anything is called")
    func forbiddenAsTask() async throws {
        let kit = KitHarness()
        let context = try kit.context()
        var forced = try CallRequest.call("never_task")
        forced.requiresTask = true
        let request = forced
        let status = try await withDemoSession { session in
            await TaskPipeline(context: context, session: session).callInForeground(request, interrupts: .none)
        }
        #expect(status == .usage)
        #expect(kit.recording.stderr.contains("cannot run as a task"))
    }

    @Test("a question is answered from --answer, and without answers declined with exit 3")
    func answers() async throws {
        let kit = KitHarness()
        let context = try kit.context()
        let answered = try await withDemoSession { session in
            await TaskPipeline(context: context, session: session).callInForeground(
                try .call("ask_user", answers: ["name=Ada", "age=36"]), interrupts: .none)
        }
        #expect(answered == .success)
        #expect(kit.recording.stdout.contains("Hello Ada, age 36"))
        #expect(kit.recording.stderr.contains("answered the server's question"))

        let declined = try await withDemoSession { session in
            await TaskPipeline(context: context, session: session).callInForeground(
                try .call("ask_user"), interrupts: .none)
        }
        #expect(declined == .inputRequired)
        #expect(kit.recording.stderr.contains("declined the server's question"))
    }

    @Test("detach prints the task id; cancel-and-confirm ends it and records the confirmed state")
    func detachThenCancel() async throws {
        let kit = KitHarness()
        let context = try kit.context()
        let (status, cancellation) = try await withDemoSession { session in
            let pipeline = TaskPipeline(context: context, session: session)
            let status = await pipeline.callInForeground(
                try .call("cancellable_sleep", "seconds=60", detach: true), interrupts: .none)
            let taskID = kit.recording.stdout.split(separator: "\n").first.map(String.init) ?? ""
            return (status, await pipeline.cancelAndConfirm(taskID))
        }
        #expect(status == .success)
        #expect(cancellation.final?.status == .cancelled)
        #expect(!cancellation.alreadyEnded)
        #expect(kit.entries.first?.status == "cancelled")
    }

    @Test("a cancel the server claims for a finished task is not believed: tasks/get has the last word")
    func lyingCancel() async throws {
        let kit = KitHarness()
        let context = try kit.context()
        let cancellation = try await withDemoSession { session in
            let pipeline = TaskPipeline(context: context, session: session)
            let status = await pipeline.callInForeground(try .call("lazy_result"), interrupts: .none)
            #expect(status == .success)
            let taskID = kit.entries.first?.taskId ?? ""
            return await pipeline.cancelAndConfirm(taskID)
        }
        #expect(cancellation.final?.status == .completed)
        #expect(kit.entries.first?.status == "completed")
    }

    @Test("an interrupt once the task exists cancels it on the server and exits 130; a timeout exits 124")
    func interruptCancels() async throws {
        for reason in [InterruptReason.signal, .timeout] {
            let kit = KitHarness()
            let context = try kit.context()
            let status = try await withDemoSession { session in
                let pipeline = TaskPipeline(context: context, session: session)
                let request = try CallRequest.call("cancellable_sleep", "seconds=60")
                let run = TaskRun(label: request.tool, request: request)
                let output = CallOutput(mode: .human, style: context.style, console: context.console)
                // The interrupt comes the moment the task exists.
                let interrupts = ForegroundInterrupts(
                    soft: {
                        for await update in run.updates() { if case .created = update { return reason } }
                        return nil
                    }, hard: { await Trigger().wait() })
                let view = ForegroundView(
                    pipeline: pipeline, run: run, output: output, interrupts: interrupts,
                    stoppedWatching: { _ in .interrupted })
                return await withTaskGroup(of: Void.self, returning: MCPCommandKit.ExitStatus.self) { group in
                    group.addTask { await pipeline.start(run) { _ in } }
                    let status = await view.show()
                    run.stop.fire()
                    return status
                }
            }
            #expect(status == (reason == .timeout ? .timedOut : .interrupted))
            #expect(kit.recording.stderr.contains("cancelling the task"))
            #expect(kit.recording.stderr.contains("is cancelled"))
            #expect(kit.entries.first?.status == "cancelled")
        }
    }

    @Test("an interrupt during a plain call stops it and says so")
    func interruptPlain() async throws {
        let kit = KitHarness()
        let context = try kit.context()
        var plain = try CallRequest.call("cancellable_sleep", "seconds=60")
        plain.noTask = true
        let request = plain
        let status = try await withDemoSession { session in
            let pipeline = TaskPipeline(context: context, session: session)
            let run = TaskRun(label: request.tool, request: request)
            let output = CallOutput(mode: .human, style: context.style, console: context.console)
            let interrupts = ForegroundInterrupts(
                soft: {
                    await run.started.wait()
                    return .signal
                }, hard: { await Trigger().wait() })
            let view = ForegroundView(
                pipeline: pipeline, run: run, output: output, interrupts: interrupts,
                stoppedWatching: { _ in .interrupted })
            return await withTaskGroup(of: Void.self, returning: MCPCommandKit.ExitStatus.self) { group in
                group.addTask { await pipeline.start(run) { _ in } }
                return await view.show()
            }
        }
        #expect(status == .interrupted)
        #expect(kit.recording.stderr.contains("the call was cancelled (interrupted)"))
    }

    @Test("--events prints the lifecycle as NDJSON on stdout, ending with the result")
    func events() async throws {
        let kit = KitHarness()
        let context = try kit.context()
        var events = try CallRequest.call("slow_count", "n=2", "delay=0.01")
        events.mode = .events
        let request = events
        let status = try await withDemoSession { session in
            await TaskPipeline(context: context, session: session).callInForeground(request, interrupts: .none)
        }
        #expect(status == .success)
        let lines = kit.recording.stdout.split(separator: "\n").map { try? JSONParser.parse(Array($0.utf8)) }
        #expect(lines.allSatisfy { $0 != nil })
        #expect(lines.first??["event"] == "created")
        #expect(lines.last??["event"] == "result")
    }
}
