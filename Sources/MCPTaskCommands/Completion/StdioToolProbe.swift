import MCPCore
import MCPTransport

#if canImport(Glibc)
    import Glibc
#endif

/// Lists a stdio server's tools for completion, synchronously and within a deadline. The server runs in a
/// session of its own, so it has no controlling terminal to read from or write to; its stdin and stdout are
/// the MCP pipes and its stderr is /dev/null. When the listing is done, fails or runs out of time, the server's
/// whole process group is ended (SIGTERM, then SIGKILL).
struct StdioToolProbe {
    let command: StdioServerCommand
    /// `.auto` tries the 2025-11-25 handshake and, when the server refuses it, a stateless 2026-07-28 request.
    var protocolChoice: ProtocolChoice = .auto
    let deadline: ContinuousClock.Instant

    struct Failure: Error, CustomStringConvertible {
        var description: String
        /// Whether the server answered (with an error), rather than not answering at all.
        var answered = false
    }

    /// glibc's `POSIX_SPAWN_SETSID` (since 2.26), which Swift's Glibc module does not export.
    private static let spawnSetsid: Int32 = 0x80

    func listTools() throws -> [Tool] {
        let toServer = try Self.pipe()
        let fromServer: [Int32]
        do {
            fromServer = try Self.pipe()
        } catch {
            toServer.forEach { _ = close($0) }
            throw error
        }
        let pid: pid_t
        do {
            pid = try spawn(stdin: toServer[0], stdout: fromServer[1])
        } catch {
            for descriptor in toServer + fromServer { close(descriptor) }
            throw error
        }
        close(toServer[0])
        close(fromServer[1])
        CompletionDeadline.watch(serverGroup: pid)
        defer {
            close(toServer[1])
            close(fromServer[0])
            end(pid)
            CompletionDeadline.watch(serverGroup: 0)
        }
        var connection = Connection(input: fromServer[0], output: toServer[1], deadline: deadline)
        return try connection.listTools(protocolChoice)
    }

    /// A pipe whose ends are not inherited by the server (the spawn maps the ones it needs).
    private static func pipe() throws -> [Int32] {
        var ends: [Int32] = [-1, -1]
        guard Glibc.pipe(&ends) == 0 else { throw Failure(description: "pipe failed") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return ends
    }

    private func spawn(stdin: Int32, stdout: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A clean signal mask and default dispositions: a child started from a concurrency thread would
        // otherwise inherit blocked signals, and SIGINT or SIGTERM ignored by this process.
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        let flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | Self.spawnSetsid
        posix_spawnattr_setflags(&attributes, Int16(flags))

        // A working directory is entered by a shell, since glibc's addchdir is not exported either.
        var argv = [command.executable] + command.arguments
        if let directory = command.workingDirectory {
            argv = ["/bin/sh", "-c", "cd -- \"$0\" && exec \"$@\"", directory] + argv
        }
        var environment = FileSystem.environment()
        environment.merge(command.environment) { $1 }
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let error = posix_spawnp(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
        guard error == 0 else {
            throw Failure(description: "cannot start \(argv[0]): \(String(cString: strerror(error)))")
        }
        return pid
    }

    /// Ends the server and everything it started: it leads its own session, so its group id is its pid.
    private func end(_ pid: pid_t) {
        var status: Int32 = 0
        kill(-pid, SIGTERM)
        let clock = ContinuousClock()
        let grace = min(clock.now + .milliseconds(200), deadline)
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard clock.now < grace else {
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                return
            }
            usleep(5000)
        }
        kill(-pid, SIGKILL)
    }
}

/// The client side of the handshake and `tools/list`, over two descriptors, by a deadline.
private struct Connection {
    let input: Int32
    let output: Int32
    let deadline: ContinuousClock.Instant
    var buffer: [UInt8] = []
    var nextID = 1

    static let maximumLine = 16 * 1024 * 1024

    init(input: Int32, output: Int32, deadline: ContinuousClock.Instant) {
        self.input = input
        self.output = output
        self.deadline = deadline
    }

    static let clientInfo = Implementation(name: "mcptask-completion", version: MCPTaskVersion.current)

    /// What a 2026-07-28 request carries in `_meta` instead of a handshake.
    static var statelessMeta: JSONValue {
        [
            "io.modelcontextprotocol/protocolVersion": .string(ProtocolVersion.rev20260728),
            "io.modelcontextprotocol/clientCapabilities": [:],
            "io.modelcontextprotocol/clientInfo": (try? JSONValueEncoder.encode(clientInfo)) ?? .null,
        ]
    }

    mutating func listTools(_ choice: ProtocolChoice) throws -> [Tool] {
        var meta: JSONValue?
        if choice == .v2026 {
            meta = Self.statelessMeta
        } else {
            do {
                let initialize = InitializeRequest(
                    protocolVersion: ProtocolVersion.latest, capabilities: ClientCapabilities(),
                    clientInfo: Self.clientInfo)
                _ = try request(InitializeRequest.method, params: try JSONValueEncoder.encode(initialize))
                try send(.notification(method: InitializedNotification.method, params: nil, envelopeMeta: nil))
            } catch let failure as StdioToolProbe.Failure where failure.answered && choice == .auto {
                meta = Self.statelessMeta
            }
        }
        var tools: [Tool] = []
        var cursor: String?
        for _ in 0..<20 {
            var params: [String: JSONValue] = [:]
            params["cursor"] = cursor.map(JSONValue.string)
            params["_meta"] = meta
            let page = try JSONValueDecoder.decode(
                ListToolsResult.self, from: try request(ListToolsRequest.method, params: .object(params)))
            tools += page.tools
            guard let next = page.nextCursor, next != cursor else { break }
            cursor = next
        }
        return tools
    }

    /// Sends a request and waits for its answer; requests from the server meanwhile are declined.
    private mutating func request(_ method: String, params: JSONValue?) throws -> JSONValue {
        let id = RequestID.int(nextID)
        nextID += 1
        try send(.request(id: id, method: method, params: params, envelopeMeta: nil))
        while true {
            switch try JSONRPCMessage.decode(try readLine()) {
            case .response(id, let result):
                return result
            case .errorResponse(id, let error):
                throw StdioToolProbe.Failure(description: "\(method): \(error.message)", answered: true)
            case .request(let other, _, _, _):
                let declined = ResponseError(code: .methodNotFound, message: "not available while completing")
                try send(.errorResponse(id: other, error: declined))
            default:
                continue
            }
        }
    }

    private func send(_ message: JSONRPCMessage) throws {
        let bytes = message.encoded() + [0x0A]
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(output, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw StdioToolProbe.Failure(description: "the server closed its input") }
            written += count
        }
    }

    private mutating func readLine() throws -> [UInt8] {
        var searched = 0
        while true {
            if let newline = buffer[searched...].firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeFirst(newline + 1)
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
                return line
            }
            searched = buffer.count
            guard buffer.count <= Self.maximumLine else {
                throw StdioToolProbe.Failure(description: "a message from the server is too large")
            }
            try fill()
        }
    }

    private mutating func fill() throws {
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { throw StdioToolProbe.Failure(description: "the server did not answer in time") }
        let (seconds, attoseconds) = left.components
        let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
        var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0 && errno == EINTR { return }
        guard ready > 0 else { throw StdioToolProbe.Failure(description: "the server did not answer in time") }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { return }
        guard count > 0 else { throw StdioToolProbe.Failure(description: "the server exited") }
        buffer += chunk[0..<count]
    }
}
