import MCPCore

/// Faults `mcptask-demo --fault MODE` injects, so a client's error paths can be tested end to end.
public enum DemoFault: String, CaseIterable, Sendable {
    /// After answering `initialize`, writes a line that is not JSON, then keeps writing notifications.
    case garbage
    /// Writes a message to stderr and exits with status 3 before reading anything.
    case exitEarly = "exit-early"
    /// Reads stdin but never answers.
    case silent
    /// Answers `tools/list` with one line larger than 16 MiB (mcptask's default limit).
    case oversized
    /// Exits with status 1 about 0.3 s after a task starts.
    case crashInTask = "crash-in-task"
    /// Leaves the `tasks` capability out of the `initialize` result (and the tasks extension out of
    /// `server/discover`).
    case noTasks = "no-tasks"
}

/// The command line of `mcptask-demo`.
public struct DemoOptions: Sendable, Equatable {
    /// Also lists the `flood` tool, for client benchmarks.
    public var bench = false
    public var fault: DemoFault?
    /// The `pollInterval` every task reports, in milliseconds.
    public var pollInterval = DemoOptions.defaultPollInterval
    /// The spec departures to make (`--deviate NAME`, repeatable).
    public var deviations: Set<DemoDeviation> = []
    /// Where to write what clients asked of each task, at exit (`--stats FILE`, for benchmarks).
    public var statsPath: String?
    /// How many tasks one tasks/list page holds (`--page-size`); all of them when nil.
    public var listPageSize: Int?
    /// The revisions served (`--protocol-versions`): by default the `initialize` handshake's, so a client that
    /// probes with `server/discover` falls back to 2025-11-25 as before.
    public var protocolVersions = DemoOptions.defaultProtocolVersions

    public static let defaultPollInterval = 500
    public static let defaultProtocolVersions = ProtocolVersion.supported
    /// Every revision `--protocol-versions` may name.
    static let knownProtocolVersions = [ProtocolVersion.rev20260728] + ProtocolVersion.supported

    /// Whether 2026-07-28 (stateless, with the tasks extension) is served.
    var servesStateless: Bool { protocolVersions.contains(ProtocolVersion.rev20260728) }
    /// The `initialize` revisions served, newest first.
    var handshakeVersions: [String] { ProtocolVersion.supported.filter(protocolVersions.contains) }

    public init(
        bench: Bool = false, fault: DemoFault? = nil, pollInterval: Int = DemoOptions.defaultPollInterval,
        deviations: Set<DemoDeviation> = [], protocolVersions: [String] = DemoOptions.defaultProtocolVersions,
        statsPath: String? = nil
    ) {
        self.bench = bench
        self.fault = fault
        self.pollInterval = pollInterval
        self.deviations = deviations
        self.protocolVersions = protocolVersions
        self.statsPath = statsPath
    }

    /// What the command line asks for.
    public enum Parsed: Sendable, Equatable {
        case run(DemoOptions)
        case help
        /// A usage error, with the sentence to print.
        case invalid(String)
    }

    public static func parse(_ arguments: [String]) -> Parsed {
        var options = DemoOptions()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            // `--name=value` and `--name value` alike: split once here, so each option reads its value one way.
            let (name, inline) = split(argument)
            func value() -> String? { inline ?? rest.popFirst() }
            switch name {
            case "--help" where inline == nil, "-h" where inline == nil: return .help
            case "--bench" where inline == nil: options.bench = true
            case "--fault":
                guard let mode = value() else { return .invalid("option '--fault' needs a mode: \(modes)") }
                guard let fault = DemoFault(rawValue: mode) else { return unknownMode(mode) }
                options.fault = fault
            case "--deviate":
                guard let name = value() else { return .invalid("option '--deviate' needs a name: \(deviationNames)") }
                guard let deviation = DemoDeviation(rawValue: name) else { return unknownDeviation(name) }
                options.deviations.insert(deviation)
            case "--stats":
                guard let path = value(), !path.isEmpty else {
                    return .invalid("option '--stats' needs a file to write")
                }
                options.statsPath = path
            case "--page-size":
                guard let text = value(), let size = positiveInteger(text) else {
                    return .invalid("option '--page-size' needs a positive number of tasks")
                }
                options.listPageSize = size
            case "--poll-interval":
                guard let text = value() else {
                    return .invalid("option '--poll-interval' needs a value in milliseconds")
                }
                guard let interval = positiveInteger(text) else { return badPollInterval(text) }
                options.pollInterval = interval
            case "--protocol-versions":
                guard let text = value() else {
                    return .invalid("option '--protocol-versions' needs a comma-separated list: \(versionNames)")
                }
                guard let versions = protocolVersions(text) else { return badVersions(text) }
                options.protocolVersions = versions
            default:
                return .invalid("unknown option '\(argument)'; run 'mcptask-demo --help' for usage")
            }
        }
        return .run(options)
    }

    /// `--name=value` as the name and its value; anything else as itself with no value.
    private static func split(_ argument: String) -> (name: String, value: String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    private static var modes: String { DemoFault.allCases.map(\.rawValue).joined(separator: ", ") }

    private static func unknownMode(_ mode: String) -> Parsed {
        .invalid("unknown fault mode '\(mode)' for '--fault'; expected one of: \(modes)")
    }

    private static var deviationNames: String { DemoDeviation.allCases.map(\.rawValue).joined(separator: ", ") }

    private static func unknownDeviation(_ name: String) -> Parsed {
        .invalid("unknown deviation '\(name)' for '--deviate'; expected one of: \(deviationNames)")
    }

    private static var versionNames: String { knownProtocolVersions.joined(separator: ", ") }

    /// A comma-separated list of known revisions, at least one.
    private static func protocolVersions(_ text: String) -> [String]? {
        let versions = text.split(separator: ",").map(String.init)
        guard !versions.isEmpty, versions.allSatisfy(knownProtocolVersions.contains) else { return nil }
        return versions
    }

    private static func badVersions(_ value: String) -> Parsed {
        .invalid("invalid value '\(value)' for '--protocol-versions': expected revisions among \(versionNames)")
    }

    private static func positiveInteger(_ text: String) -> Int? {
        guard let value = Int(text), value > 0 else { return nil }
        return value
    }

    private static func badPollInterval(_ value: String) -> Parsed {
        .invalid("invalid value '\(value)' for '--poll-interval': expected a positive integer (milliseconds)")
    }

    public static let usage = """
        usage: mcptask-demo [--bench] [--fault MODE] [--poll-interval MS] [--page-size N]
                            [--protocol-versions LIST] [--stats FILE] [--deviate NAME]...

        The bundled demo MCP server (protocol 2025-11-25, tasks included; with --protocol-versions also
        2026-07-28 and its tasks extension), speaking newline-delimited JSON-RPC on stdin and stdout.
        Tools: slow_count, must_be_task, never_task, ask_user, fails, cancellable_sleep, and tools whose
        tasks behave like real servers':
          chatty_count   three identical status notifications per step, progress with a top-level _meta,
                         the last progress twice (FastMCP, pymcp-kit)
          lazy_result    tasks/result answers -32602 until the task is done; cancelling a finished task
                         answers cancelled but changes nothing (FastMCP 3)
          fails_rpc      fails with JSON-RPC error -32603, and no status notification (pymcp-kit)
          fails_quietly  a failed task's tasks/result is only _meta; the reason is in tasks/get (official SDK)

        options:
          --bench         also list the 'flood' tool (sends many progress notifications fast)
          --poll-interval MS
                          the pollInterval every task reports, in milliseconds (default 500)
          --stats FILE    at exit, write JSON about each task to FILE (0600): when it was created and when
                          its terminal status notification was sent (CLOCK_MONOTONIC ns), the requests
                          naming it, the most tasks/get outstanding at once and the shortest gap between
                          two (bench/many_tasks)
          --page-size N   tasks/list pages of N tasks, linked by nextCursor (default: one page)
          --protocol-versions LIST
                          the revisions served, comma-separated (default: the handshake ones,
                          2025-11-25 to 2024-11-05). With 2026-07-28 the first request decides a
                          connection's generation: server/discover (2026-07-28, stateless, tasks as the
                          io.modelcontextprotocol/tasks extension) or initialize
          --fault MODE    misbehave on purpose, for tests of a client's error handling:
                            garbage        write a non-JSON line after answering initialize
                            exit-early     print to stderr and exit 3 before reading anything
                            silent         read requests but never answer
                            oversized      answer tools/list with a line over 16 MiB (mcptask's default limit)
                            crash-in-task  exit 1 about 0.3 s after a task starts
                            no-tasks       leave the tasks capability out of initialize (and the
                                           tasks extension out of server/discover)
          --deviate NAME  depart from the spec on purpose (repeatable; mcptask check finds each):
        \(DemoDeviation.helpLines)
          -h, --help      show this help

        """
}
