import ArgumentParser

/// Options every command that talks to a server takes.
struct ServerOptions: ParsableArguments {
    @Option(
        name: .shortAndLong, help: "Server: a name from the config file, 'demo', @SESSION, or an http(s) URL.",
        completion: .custom(DynamicCompletion.servers))
    var server: String?

    @Option(
        name: .long,
        help: "The server config file (default: ./.mcp.json, then $XDG_CONFIG_HOME/mcptask/servers.json).",
        completion: .file(extensions: ["json"]))
    var config: String?

    @Option(name: [.customShort("H"), .long], help: "Extra HTTP header 'Name: value' ($VAR expanded); repeatable.")
    var header: [String] = []

    @Option(name: .long, help: "Limit on the whole command, e.g. 90s or 10m; then exit 124.")
    var timeout: DurationArgument?

    @Option(name: .long, help: "Limit on each request that should answer promptly (default 60s).")
    var requestTimeout: DurationArgument = DurationArgument(seconds: 60)

    @Option(name: .long, help: "Protocol revision: auto, 2025-11-25 or 2026-07-28.")
    var `protocol`: ProtocolChoice = .auto

    @Option(name: .long, help: "Write every JSON-RPC message to FILE ('-' for stderr).", completion: .file())
    var trace: String?

    @Option(name: .long, help: "Colour: auto, always or never (NO_COLOR is honoured).")
    var color: ColorChoice = .auto

    @Flag(name: .shortAndLong, help: "Say what is happening on stderr, including the server's stderr.")
    var verbose = false

    @Option(name: .long, help: "The largest message accepted from a server, in bytes.")
    var maxFrameSize: Int = 16 * 1024 * 1024

    func validate() throws {
        if let server, server.isEmpty { throw ValidationError("--server needs a value") }
        if maxFrameSize < 1024 { throw ValidationError("--max-frame-size must be at least 1024 bytes") }
    }
}

enum ProtocolChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto
    case v2025 = "2025-11-25"
    case v2026 = "2026-07-28"
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto, always, never
}

/// A duration written as `250ms`, `90s`, `10m`, `1h`, or a plain number of seconds.
struct DurationArgument: ExpressibleByArgument, Sendable, Equatable {
    var milliseconds: Int

    init(seconds: Int) { milliseconds = seconds * 1000 }

    init(milliseconds: Int) { self.milliseconds = milliseconds }

    init?(argument: String) {
        let units: [(String, Int)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, scale) in units where argument.hasSuffix(suffix) {
            let number = argument.dropLast(suffix.count)
            if let value = Double(number), value >= 0, value * Double(scale) < 1e12 {
                milliseconds = Int(value * Double(scale))
                return
            }
        }
        guard let value = Double(argument), value >= 0, value < 1e9 else { return nil }
        milliseconds = Int(value * 1000)
    }

    var duration: Duration { .milliseconds(milliseconds) }
}
