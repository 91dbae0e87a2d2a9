import ArgumentParser
import MCPCommandKit
import MCPRender

/// `help` and `help VERB`.
extension Repl {
    package static let summaries: [(String, String)] = [
        ("tools [--json]", "the server's tools and their task modes"),
        ("call TOOL [KEY=VALUE ...] [&]", "call a tool (as a task when it can be); '&' runs it in the background"),
        ("jobs", "the calls started here, with their live status"),
        ("fg [N]", "watch job N live until it ends, then print its result (Ctrl-C stops watching)"),
        ("watch TASK [--result]", "follow a task until it ends"),
        ("result TASK", "a task's result, waiting until it ends"),
        ("status TASK", "one tasks/get"),
        ("cancel TASK", "cancel a task and print its final state"),
        ("tasks [--json]", "the server's tasks, and those started here"),
        ("trace on|off", "show every JSON-RPC message"),
        ("help [COMMAND]", "this list, or a command's options"),
        ("quit", "leave (Ctrl-D too)"),
    ]

    package func help(_ arguments: [String]) -> ExitStatus {
        let out = context.console.stdout
        let style = context.style
        if let verb = arguments.first {
            let commands: [String: any ParsableCommand.Type] = [
                "call": CallCommand.self, "watch": WatchCommand.self, "result": ResultCommand.self,
                "status": StatusCommand.self, "cancel": CancelCommand.self, "tasks": TasksCommand.self,
                "tools": ToolsCommand.self,
            ]
            guard let command = commands[verb] else {
                guard let line = Self.summaries.first(where: { $0.0.hasPrefix(verb) }) else {
                    error("no command '\(Sanitizer.clean(verb))'")
                    return .usage
                }
                out.line(style.bold(line.0) + "  " + line.1)
                return .success
            }
            out.line(command.helpMessage())
            out.line(style.dim("In the REPL the server options (-s, --config, -H, --trace) belong to the REPL itself."))
            return .success
        }
        let width = Self.summaries.map(\.0.count).max() ?? 0
        for (usage, about) in Self.summaries {
            out.line("  " + style.bold(usage) + String(repeating: " ", count: width - usage.count) + "  " + about)
        }
        out.line(
            style.dim(
                "TASK: a task id, a unique prefix of one, 'last', or %N for job N's task. Words are split as in a "
                    + "shell ('quotes', \\escapes). Ctrl-C clears the line or stops the command in the foreground; "
                    + "Tab completes commands, tools, NAME= arguments and their values, and task ids."))
        return .success
    }
}
