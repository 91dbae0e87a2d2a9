import ArgumentParser
import MCPClient
import MCPCore
import MCPRender

/// `mcptask tools`: the server's tools with their effective task modes.
struct ToolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tools", abstract: "List the server's tools with their task modes.")

    @OptionGroup var server: ServerOptions

    @Flag(name: .long, help: "Print the server's tool list as JSON.")
    var json = false

    func run() async throws {
        let json = json
        let status = await runCommand(options: server, command: ServerCommandLine.trailing) { context in
            let raced = try await context.interrupts.race {
                try await context.withSession { session in
                    let tools = try await session.listTools()
                    let modes = tools.map { session.wire.taskMode(of: $0) }
                    return (tools, modes, session.serverSummary!, session.runsToolCallsAsTasks)
                }
            }
            let (tools, modes, summary, runsTasks): ([Tool], [TaskSupport], ServerSummary, Bool)
            switch raced {
            case .finished(let value): (tools, modes, summary, runsTasks) = value
            case .interrupted(let reason): return reason == .timeout ? .timedOut : .interrupted
            }
            if json {
                OutputStream.standardOutput.line(JSONWriter.pretty(document(tools, summary)))
            } else {
                print(tools, modes: modes, summary: summary, runsTasks: runsTasks, style: context.style)
            }
            return .success
        }
        if status != .success { throw status.exitCode }
    }

    private func document(_ tools: [Tool], _ summary: ServerSummary) -> JSONValue {
        [
            "serverInfo": ["name": .string(summary.name), "version": .string(summary.version)],
            "protocolVersion": .string(summary.protocolVersion),
            "taskWire": .string(summary.taskWire),
            "capabilities": summary.capabilities,
            "tools": .array(tools.map(\.json)),
        ]
    }

    private func print(
        _ tools: [Tool], modes: [TaskSupport], summary: ServerSummary, runsTasks: Bool, style: Style
    ) {
        let out = OutputStream.standardOutput
        let sanitize = out.isTerminal
        func clean(_ text: String) -> String { sanitize ? Sanitizer.clean(text) : text }
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
            OutputStream.standardError.line(
                style.dim("mcptask: the server cannot run tool calls as tasks, so every tool is shown as forbidden"))
        }
        if modes.contains(.decidedByServer) {
            OutputStream.standardError.line(
                style.dim(
                    "mcptask: protocol 2026-07-28 does not show task modes: 'by-server' tools run as tasks when the "
                        + "server decides so (mcptask asks for one unless --no-task)"))
        }
    }

    private func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1).first ?? "")
    }
}
