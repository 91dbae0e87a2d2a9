import MCPClient
import MCPCore
import MCPRender

/// How `call` shows things: human text, the result as JSON, or NDJSON events; and the exit status of a result.
struct CallOutput: Sendable {
    enum Mode: Sendable { case human, json, events }

    let mode: Mode
    let style: Style
    private let writer = EventWriter()

    init(mode: Mode, style: Style) {
        self.mode = mode
        self.style = style
    }

    /// The live status line on stderr; none in events mode, where stdout carries the events.
    func liveView(label: String, alreadyRunning: Double = 0) -> LiveView? {
        guard mode != .events else { return nil }
        let stderr = OutputStream.standardError
        return LiveView(
            label: label, stream: stderr, style: style, mode: stderr.isTerminal ? .terminal : .lines,
            alreadyRunning: alreadyRunning)
    }

    func emit(_ event: String, taskID: String?, _ fields: [String: JSONValue] = [:]) {
        if mode == .events { writer.emit(event, taskID: taskID, fields) }
    }

    func emit(_ event: TaskEvent, taskID: String?) {
        guard mode == .events else { return }
        writer.emit(event, taskID: taskID)
        if case .status(let task) = event, task.status == .inputRequired {
            writer.emit(
                "input_required", taskID: taskID, ["statusMessage": task.statusMessage.map(JSONValue.string) ?? .null])
        }
    }

    /// A diagnostic line on stderr (kept back while an elicitation question is on the terminal).
    func note(_ text: String) {
        TerminalHold.line(style.dim("mcptask: " + Sanitizer.clean(text)))
    }

    func error(_ text: String) {
        TerminalHold.line(style.red("mcptask: ") + Sanitizer.clean(text))
    }

    /// Prints a tool result; `isError` maps to exit 1.
    @discardableResult
    func printResult(_ result: CallToolResult, taskID: String? = nil, reportError: Bool = true) -> ExitStatus {
        switch mode {
        case .json:
            OutputStream.standardOutput.line(JSONWriter.pretty(result.json))
        case .events:
            emit("result", taskID: taskID, ["result": result.json, "isError": .bool(result.isError)])
        case .human:
            let stdout = OutputStream.standardOutput
            let text = ResultRenderer(sanitize: stdout.isTerminal).render(result)
            if !text.isEmpty { stdout.line(text) }
        }
        if result.isError {
            if reportError { error("the tool reported an error") }
            return .toolError
        }
        return .success
    }
}
