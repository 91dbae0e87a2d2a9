import MCPCommandKit

extension StatusCommand: RunnableCommand {
    package func run(in environment: CommandEnvironment) async -> ExitStatus {
        let json = json
        return await TaskCommandRunner(settings: server.settings, environment: environment, reference: task).run {
            try await $0.showStatus(json: json)
        }
    }
}

extension CancelCommand: RunnableCommand {
    package func run(in environment: CommandEnvironment) async -> ExitStatus {
        let json = json
        return await TaskCommandRunner(settings: server.settings, environment: environment, reference: task).run {
            try await $0.cancel(json: json)
        }
    }
}
