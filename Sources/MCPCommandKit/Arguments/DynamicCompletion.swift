import ArgumentParser
import MCPCore
import MCPRender
import MCPServerConfig

/// The dynamic completions the command definitions name (`completion: .custom(...)`): servers for `-s`, the
/// tools of the server on the line and their arguments for `call`, and the journal's tasks for the task
/// commands. They run under `CompletionDeadline` (`MCPTask.main` starts it for every completion request)
/// and write nothing but their candidates.
package enum DynamicCompletion {
    /// `-s`: `demo`, the config files' servers, and `@NAME` for each background session.
    @Sendable package static func servers(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        let line = CompletionLine(words: words, index: index, prefix: prefix)
        let environment = FileSystem.environment()
        var candidates = [CompletionCandidate("demo", "the bundled demo server")]
        let files = ServerConfigFile(
            environment: environment, workingDirectory: FileSystem.currentDirectory(),
            explicitPath: line.serverOptions?.config)
        var seen: Set<String> = ["demo"]
        // Every file's servers, the ones used first; a shadowed name is offered once.
        for server in files.catalog().servers where seen.insert(server.name).inserted {
            candidates.append(CompletionCandidate(server.name, ServerSummary(server).about))
        }
        for name in SessionSockets(environment: environment).names() {
            candidates.append(CompletionCandidate("@" + name, "background session"))
        }
        return format(candidates)
    }

    /// `call TOOL`: the tools of the server the line names.
    @Sendable package static func tools(_ words: [String], _ index: Int, _ prefix: String) async -> [String] {
        let line = CompletionLine(words: words, index: index, prefix: prefix)
        guard !line.isInServerCommand else { return [] }
        let environment = FileSystem.environment()
        guard let choice = line.server(environment: environment) else { return [] }
        let tools = await ToolCatalog(environment: .completion(environment)).tools(for: choice, now: Timestamps.now())
        return format(tools.map { CompletionCandidate($0.name, $0.about) })
    }

    /// `call TOOL KEY=VALUE`: `KEY=` for each argument of the tool not given yet; after `KEY=`, the values
    /// its schema allows (an enum, or true and false).
    @Sendable package static func toolArguments(_ words: [String], _ index: Int, _ prefix: String) async -> [String] {
        let line = CompletionLine(words: words, index: index, prefix: prefix)
        guard !line.isInServerCommand, let call = await line.callBeforeCursor() else { return [] }
        let environment = FileSystem.environment()
        guard let choice = line.server(environment: environment) else { return [] }
        let tools = await ToolCatalog(environment: .completion(environment)).tools(for: choice, now: Timestamps.now())
        guard let tool = tools.first(where: { $0.name == call.tool }) else { return [] }
        if let equals = line.prefix.firstIndex(of: "=") {
            let key = String(line.prefix[..<equals])
            let values = tool.arguments.first { $0.name == key }?.values ?? []
            return format(values.map { CompletionCandidate(key + "=" + $0) })
        }
        let given = Set(
            (call.assignments + line.wordsAfter).compactMap { $0.split(separator: "=").first.map(String.init) })
        return format(
            tool.arguments.filter { !given.contains($0.name) }.map { CompletionCandidate($0.name + "=", $0.about) })
    }

    /// `watch|status|result|cancel TASK`: `last` and the journal's task ids (for the server on the line, when
    /// one is named), newest first, each described by its tool, server and last known status.
    @Sendable package static func tasks(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        let line = CompletionLine(words: words, index: index, prefix: prefix)
        let environment = FileSystem.environment()
        var entries = TaskJournal(environment: environment).entries(now: Timestamps.now())
        if let server = line.serverOptions?.server ?? line.serverCommand.first {
            entries = entries.filter { $0.server == server }
        }
        entries.sort { $0.createdAt > $1.createdAt }
        var candidates = entries.map { CompletionCandidate($0.taskId, "\($0.tool) on \($0.server), \($0.status)") }
        if let newest = entries.first {
            candidates.insert(
                CompletionCandidate("last", "\(newest.tool) on \(newest.server) (\(newest.taskId))"), at: 0)
        }
        return format(candidates)
    }

    private static func format(_ candidates: [CompletionCandidate]) -> [String] {
        CompletionCandidate.format(candidates, for: CompletionShell.requesting)
    }
}

extension CommandEnvironment {
    /// A completion's environment: argument-parser calls the completions with nothing but the words of the
    /// line, so this is the one place below the executable that takes the process's own (stderr already
    /// goes to /dev/null, see CompletionDeadline).
    static func completion(_ variables: [String: String]) -> CommandEnvironment {
        let signals = SignalRouter()
        return CommandEnvironment(
            console: .standard(signals: signals), signals: signals, variables: variables,
            executablePath: FileSystem.executablePath())
    }
}
