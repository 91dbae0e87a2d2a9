import MCPCommandKit
import MCPCore
import MCPRender

extension ToolsCommand: RunnableCommand {
    package func run(in environment: CommandEnvironment) async -> ExitStatus {
        let json = json
        return await runCommand(settings: server.settings, environment: environment) { context in
            let raced = try await context.interrupts.race {
                try await context.withSession { session in
                    try ToolList(tools: try await session.listTools(), session: session)
                }
            }
            switch raced {
            case .finished(let list):
                if json {
                    context.console.stdout.line(JSONWriter.pretty(list.document))
                } else {
                    list.print(style: context.style, to: context.console)
                }
                return .success
            case .interrupted(let reason): return context.gaveUp(reason, while: "listing the tools")
            }
        }
    }
}

extension TasksCommand: RunnableCommand {
    package func run(in environment: CommandEnvironment) async -> ExitStatus {
        let variables = environment.variables
        let noServer =
            server.server == nil && environment.serverCommand.isEmpty && (variables["MCPTASK_SERVER"] ?? "").isEmpty
        let listing = TaskListing(
            json: json, journal: environment.journal(color: server.color), console: environment.console)
        if noServer { return listing.journalOnly(color: server.color, environment: variables) }
        return await runCommand(settings: server.settings, environment: environment) { context in
            let raced = try await context.interrupts.race { try await listing.fromServer(context) }
            switch raced {
            case .finished(let status): return status
            case .interrupted(let reason): return context.gaveUp(reason, while: "listing the tasks")
            }
        }
    }
}
