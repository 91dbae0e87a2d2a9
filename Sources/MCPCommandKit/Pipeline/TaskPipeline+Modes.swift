import MCPClient
import MCPCore

extension TaskPipeline {
    /// Whether to augment: required always, optional unless --no-task, forbidden never (--task is an error).
    package static func decideTask(
        for tool: Tool, request: CallRequest, session: ClientSession, note: (String) -> Void
    ) throws -> Bool {
        let mode = session.wire.taskMode(of: tool)
        switch mode {
        case .required:
            if request.noTask {
                throw CommandFailure(status: .usage, message: "'\(tool.name)' must run as a task; drop --no-task")
            }
            return true
        case .optional, .decidedByServer:
            // Where the server decides (2026-07-28), asking for a task declares the extension; the server may
            // still answer inline.
            return !request.noTask
        default:
            if request.requiresTask || request.detach {
                let why =
                    session.runsToolCallsAsTasks
                    ? "its task mode is forbidden" : "the server cannot run tool calls as tasks"
                throw CommandFailure(
                    status: .usage, message: "'\(tool.name)' cannot run as a task: \(why); call it without --task")
            }
            if tool.declaredTaskSupport == .required {
                // The server's own answer (e.g. -32021: the tasks extension was not declared) says it best.
                note(
                    "'\(tool.name)' is listed as requiring a task, but the server declares no task support for "
                        + "tools; calling it plainly")
            }
            return false
        }
    }
}
