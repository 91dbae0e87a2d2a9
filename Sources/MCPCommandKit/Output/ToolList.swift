import MCPClient
import MCPCore
import MCPRender

/// A server's tools with their task modes, as `tools` prints them on the command line and in the REPL.
package struct ToolList: Sendable {
    package let tools: [Tool]
    package let modes: [TaskSupport]
    package let summary: ServerSummary
    /// Whether the server can run tool calls as tasks at all.
    package let runsTasks: Bool

    /// The tools of the server `session` is connected to (a session that has not connected has no summary:
    /// that is a closed session here).
    package init(tools: [Tool], session: ClientSession) throws {
        guard let summary = session.serverSummary else {
            throw SessionError(TransportError(.closed, "not connected to the server"))
        }
        self.tools = tools
        modes = tools.map { session.wire.taskMode(of: $0) }
        self.summary = summary
        runsTasks = session.runsToolCallsAsTasks
    }

    /// The listing as JSON: the server, its protocol and task wire, capabilities and the tools as sent.
    package var document: JSONValue {
        [
            "serverInfo": ["name": .string(summary.name), "version": .string(summary.version)],
            "protocolVersion": .string(summary.protocolVersion),
            "taskWire": .string(summary.taskWire),
            "capabilities": summary.capabilities,
            "tools": .array(tools.map(\.json)),
        ]
    }

    /// The listing for people: a header line, a line per tool with its task mode, notes on stderr.
    package func print(style: Style, to console: Console) {
        let out = console.stdout
        // Always, terminal or not: a pipe may end in `less -R`; --json keeps the exact text.
        func clean(_ text: String) -> String { Sanitizer.clean(text) }
        let features = summary.taskFeatures.isEmpty ? "none" : summary.taskFeatures.joined(separator: ", ")
        out.line(
            style.bold(clean("\(summary.name) \(summary.version)"))
                + "  protocol \(clean(summary.protocolVersion))  task wire: \(clean(summary.taskWire))"
                + "  tasks: \(features)")
        let nameWidth = min(40, tools.map { clean($0.name).count }.max() ?? 0)
        for (tool, mode) in zip(tools, modes) {
            let modeText: String
            switch mode {
            case .required: modeText = style.yellow("required ")
            case .optional: modeText = style.cyan("optional ")
            case .decidedByServer: modeText = style.cyan("by-server")
            default: modeText = "forbidden"
            }
            let name = clean(tool.name)
            let padded = name + String(repeating: " ", count: max(0, nameWidth - name.count))
            let about = clean(tool.title ?? firstLine(tool.description ?? ""))
            out.line("\(style.bold(padded))  \(modeText)  \(about)")
        }
        if !runsTasks, tools.contains(where: { $0.declaredTaskSupport != .forbidden }) {
            console.stderr.line(
                style.dim("mcptask: the server cannot run tool calls as tasks, so every tool is shown as forbidden"))
        }
        if modes.contains(.decidedByServer) {
            console.stderr.line(
                style.dim(
                    "mcptask: protocol 2026-07-28 does not show task modes: 'by-server' tools run as tasks when the "
                        + "server decides so (mcptask asks for one unless --no-task)"))
        }
    }

    private func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1).first ?? "")
    }
}
