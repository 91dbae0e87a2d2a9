import MCPClient
import MCPCore

#if canImport(Glibc)
    import Glibc
#endif

/// The tools of the server a completion line names, from the cache when it is fresh, else asked of the
/// server within the completion's deadline (and cached); a server that cannot be asked in time leaves the
/// last listing the cache has, however old, or nothing.
struct ToolCatalog: Sendable {
    let environment: [String: String]
    let cache: CompletionCache

    init(environment: [String: String]) {
        self.environment = environment
        cache = CompletionCache(environment: environment)
    }

    func tools(for choice: ServerChoice, now: Double) async -> [ToolSummary] {
        let resolver = ServerResolver(environment: environment, executablePath: FileSystem.executablePath())
        guard
            let target = try? resolver.resolve(
                server: choice.options?.server, config: choice.options?.config, command: choice.command),
            let key = cacheKey(target, options: choice.options)
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
        guard let fetched = await fetch(target, options: choice.options) else { return failed.offered }
        cache.write(CompletionCache.Entry(fetchedAt: now, tools: fetched), key: key)
        return fetched
    }

    /// How the server is reached, as one string. A relative command depends on the directory.
    private func cacheKey(_ target: ServerTarget, options: ServerOptions?) -> String? {
        switch target {
        case .stdio(let command, _):
            let environment = command.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let parts =
                ["stdio", Self.currentDirectory(), command.workingDirectory ?? ""]
                + [command.executable] + command.arguments + ["env"] + environment
            return parts.joined(separator: "\u{0}")
        case .http(let url, let headers, _):
            let configured = headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            return (["http", url] + configured + (options?.header ?? [])).joined(separator: "\u{0}")
        case .session(let name):
            return ["session", SessionPaths.runtimeDirectory(environment: environment), name].joined(separator: "\u{0}")
        }
    }

    private static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func fetch(_ target: ServerTarget, options: ServerOptions?) async -> [ToolSummary]? {
        let deadline = CompletionDeadline.serverDeadline
        switch target {
        case .stdio(let command, _):
            let probe = StdioToolProbe(command: command, protocolChoice: options?.protocol ?? .auto, deadline: deadline)
            let tools = try? probe.listTools()
            return tools?.map(ToolSummary.init)
        case .http, .session:
            // No process of ours to kill here: the hard limit ends mcptask, and with it the connection.
            guard var options else { return nil }
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .milliseconds(50) else { return nil }
            options.requestTimeout = DurationArgument(milliseconds: Int(left / .milliseconds(1)))
            options.trace = nil
            options.verbose = false
            options.timeout = nil
            guard let context = try? CommandContext(options: options, command: []) else { return nil }
            let tools = try? await context.withSession { session in try await session.listTools() }
            return tools?.map(ToolSummary.init)
        }
    }
}
