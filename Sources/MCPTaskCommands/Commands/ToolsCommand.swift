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
                    (try await session.listTools(), session.initializeResult!, session.runsToolCallsAsTasks)
                }
            }
            let (tools, info, runsTasks): ([Tool], InitializeResult, Bool)
            switch raced {
            case .finished(let value): (tools, info, runsTasks) = value
            case .interrupted(let reason): return reason == .timeout ? .timedOut : .interrupted
            }
            if json {
                OutputStream.standardOutput.line(JSONWriter.pretty(document(tools, info)))
            } else {
                print(tools, info: info, runsTasks: runsTasks, style: context.style)
            }
            return .success
        }
        if status != .success { throw status.exitCode }
    }

    private func document(_ tools: [Tool], _ info: InitializeResult) -> JSONValue {
        [
            "serverInfo": (try? JSONValueEncoder.encode(info.serverInfo)) ?? .null,
            "protocolVersion": .string(info.protocolVersion),
            "capabilities": (try? JSONValueEncoder.encode(info.capabilities)) ?? .null,
            "tools": .array(tools.map(\.json)),
        ]
    }

    private func print(_ tools: [Tool], info: InitializeResult, runsTasks: Bool, style: Style) {
        let out = OutputStream.standardOutput
        let sanitize = out.isTerminal
        func clean(_ text: String) -> String { sanitize ? Sanitizer.clean(text) : text }
        let capabilities: String
        if !ProtocolVersion.hasCoreTasks(info.protocolVersion) {
            capabilities = "none (protocol \(info.protocolVersion) has no tasks)"
        } else if let tasks = info.capabilities.tasks, !tasks.summary.isEmpty {
            capabilities = tasks.summary.joined(separator: ", ")
        } else {
            capabilities = "none"
        }
        out.line(
            style.bold(clean("\(info.serverInfo.name) \(info.serverInfo.version)"))
                + "  protocol \(clean(info.protocolVersion))  tasks: \(capabilities)")
        let nameWidth = min(40, tools.map { clean($0.name).count }.max() ?? 0)
        for tool in tools {
            let mode = tool.effectiveTaskSupport(serverRunsToolTasks: runsTasks)
            let modeText =
                mode == .required
                ? style.yellow("required ") : mode == .optional ? style.cyan("optional ") : "forbidden"
            let name = clean(tool.name)
            let padded = name + String(repeating: " ", count: max(0, nameWidth - name.count))
            let about = clean(tool.title ?? firstLine(tool.description ?? ""))
            out.line("\(style.bold(padded))  \(modeText)  \(about)")
        }
        if !runsTasks, tools.contains(where: { $0.declaredTaskSupport != .forbidden }) {
            OutputStream.standardError.line(
                style.dim("mcptask: the server cannot run tool calls as tasks, so every tool is shown as forbidden"))
        }
    }

    private func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1).first ?? "")
    }
}
