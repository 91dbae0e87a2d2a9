import MCPClient
import MCPCore
import MCPRender

/// How `call` shows things: human text, the result as JSON, or NDJSON events; and the exit status of a result.
package struct CallOutput: Sendable {
    package enum Mode: Sendable { case human, json, events }

    package let mode: Mode
    package let style: Style
    package let console: Console
    /// `--structured`: a result's structured content is shown beside its text.
    package let structured: Bool
    private let writer: EventWriter

    package init(mode: Mode, style: Style, console: Console, structured: Bool = false) {
        self.mode = mode
        self.style = style
        self.console = console
        self.structured = structured
        writer = EventWriter(stream: console.stdout)
    }

    /// The live status line on stderr; none in events mode, where stdout carries the events.
    package func liveView(label: String, alreadyRunning: Double = 0) -> LiveView? {
        guard mode != .events else { return nil }
        let stderr = console.stderr
        return LiveView(
            label: label, stream: stderr, style: style, mode: stderr.isTerminal ? .terminal : .lines,
            alreadyRunning: alreadyRunning)
    }

    package func emit(_ event: String, taskID: String?, _ fields: [String: JSONValue] = [:]) {
        if mode == .events { writer.emit(event, taskID: taskID, fields) }
    }

    package func emit(_ event: TaskEvent, taskID: String?) {
        guard mode == .events else { return }
        writer.emit(event, taskID: taskID)
        if case .status(let task) = event, task.status == .inputRequired {
            writer.emit(
                "input_required", taskID: taskID, ["statusMessage": task.statusMessage.map(JSONValue.string) ?? .null])
        }
    }

    /// A diagnostic line on stderr (kept back while an elicitation question is on the terminal).
    package func note(_ text: String) {
        TerminalHold.line(style.dim("mcptask: " + Sanitizer.clean(text)), to: console.stderr)
    }

    package func error(_ text: String) {
        TerminalHold.line(style.red("mcptask: ") + Sanitizer.clean(text), to: console.stderr)
    }

    /// Prints a tool result; `isError` maps to exit 1.
    @discardableResult
    package func printResult(_ result: CallToolResult, taskID: String? = nil, reportError: Bool = true) -> ExitStatus {
        switch mode {
        case .json:
            console.stdout.line(JSONWriter.pretty(result.json))
        case .events:
            emit("result", taskID: taskID, ["result": result.json, "isError": .bool(result.isError)])
        case .human:
            let stdout = console.stdout
            // Always, terminal or not: a pipe may end in `less -R`; --json keeps the exact text.
            let text = ResultRenderer(sanitize: true, alwaysStructured: structured).render(result)
            if !text.isEmpty { stdout.line(text) }
        }
        if result.isError {
            if reportError { error("the tool reported an error") }
            return .toolError
        }
        return .success
    }
}
