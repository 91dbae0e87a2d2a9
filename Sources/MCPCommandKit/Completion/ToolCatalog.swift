import MCPClient
import MCPCore

#if canImport(Glibc)
    import Glibc
#endif

/// The tools of the server a completion line names, from the cache when it is fresh, else asked of the
/// server within the completion's deadline (and cached); a server that cannot be asked in time leaves the
/// last listing the cache has, however old, or nothing.
package struct ToolCatalog: Sendable {
    /// The completion's environment (its console writes nowhere the shell sees).
    package let base: CommandEnvironment
    package let cache: CompletionCache

    package init(environment: CommandEnvironment) {
        base = environment
        cache = CompletionCache(environment: environment.variables)
    }

    private var environment: [String: String] { base.variables }

    package func tools(for choice: ServerChoice, now: Double) async -> [ToolSummary] {
        let resolver = ServerResolver(environment: environment, executablePath: base.executablePath)
        guard
            let target = try? resolver.resolve(
                server: choice.settings?.server, config: choice.settings?.config, command: choice.command),
            let key = cacheKey(target, settings: choice.settings)
        else { return [] }
        let cached = cache.read(key: key)
        if let cached, cached.isFresh(now: now) { return cached.offered }
        // Recorded as failed before asking: if the hard limit ends mcptask meanwhile, the next Tab does not
        // wait for the same server again. Stamped at the limit, not at the start, so the memory lasts its
        // full time after the attempt however slowly this machine started mcptask and the server.
        let earlier = cached.map(\.offered).flatMap { $0.isEmpty ? nil : $0 }
        let limit = Double(CompletionDeadline.limitMilliseconds(environment["MCPTASK_COMPLETION_TIMEOUT"])) / 1000
        let failed = CompletionCache.Entry(fetchedAt: now + limit, tools: nil, earlier: earlier)
        cache.write(failed, key: key)
        guard let fetched = await fetch(choice) else { return failed.offered }
        cache.write(CompletionCache.Entry(fetchedAt: now, tools: fetched), key: key)
        return fetched
    }

    /// How the server is reached, as one string. A relative command depends on the directory.
    private func cacheKey(_ target: ServerTarget, settings: ConnectionSettings?) -> String? {
        switch target {
        case .stdio(let command, _):
            let environment = command.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let parts =
                ["stdio", Self.currentDirectory(), command.workingDirectory ?? ""]
                + [command.executable] + command.arguments + ["env"] + environment
            return parts.joined(separator: "\u{0}")
        case .http(let url, let headers, _):
            let configured = headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            return (["http", url] + configured + (settings?.header ?? [])).joined(separator: "\u{0}")
        case .session(let name):
            return ["session", SessionPaths.runtimeDirectory(environment: environment), name].joined(separator: "\u{0}")
        }
    }

    private static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The server's tools, asked with the same client session as every command, within the deadline: a
    /// stdio server starts without a terminal, and its process group is killed if the limit passes.
    private func fetch(_ choice: ServerChoice) async -> [ToolSummary]? {
        let deadline = CompletionDeadline.serverDeadline
        var settings = choice.settings ?? ConnectionSettings()
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .milliseconds(50) else { return nil }
        settings.requestTimeout = DurationArgument(milliseconds: Int(left / .milliseconds(1)))
        settings.trace = nil
        settings.verbose = false
        settings.timeout = nil
        var environment = base
        environment.serverCommand = choice.command
        guard var context = try? CommandContext(settings: settings, environment: environment, listensForSignals: false)
        else { return nil }
        context.serverStarted = { CompletionDeadline.watch(serverGroup: $0) }
        defer { CompletionDeadline.watch(serverGroup: 0) }
        let tools = try? await context.withSession { session in try await session.listTools() }
        return tools?.map(ToolSummary.init)
    }
}

/// A server named on a completion line, with the settings that go with it (config file, headers).
package struct ServerChoice: Sendable {
    package var settings: ConnectionSettings?
    package var command: [String]

    package init(settings: ConnectionSettings?, command: [String]) {
        self.settings = settings
        self.command = command
    }
}
