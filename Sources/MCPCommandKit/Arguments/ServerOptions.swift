import ArgumentParser

/// Options every command that talks to a server takes.
package struct ServerOptions: ParsableArguments {
    @Option(
        name: .shortAndLong, help: "Server: a name from the config file, 'demo', @SESSION, or an http(s) URL.",
        completion: .custom(DynamicCompletion.servers))
    package var server: String?

    @Option(
        name: .long,
        help: "The server config file (default: ./.mcp.json, then $XDG_CONFIG_HOME/mcptask/servers.json).",
        completion: .file(extensions: ["json"]))
    package var config: String?

    @Option(name: [.customShort("H"), .long], help: "Extra HTTP header 'Name: value' ($VAR expanded); repeatable.")
    package var header: [String] = []

    // Unconditional: `--timeout -5s` is a value to refuse with a reason, not a missing one.
    @Option(name: .long, parsing: .unconditional, help: "Limit on the whole command, e.g. 90s or 10m; then exit 124.")
    package var timeout: DurationArgument?

    @Option(
        name: .long, parsing: .unconditional, help: "Limit on each request that should answer promptly (default 60s).")
    package var requestTimeout: DurationArgument = DurationArgument(seconds: 60)

    @Option(name: .long, help: "Protocol revision: auto, 2025-11-25 or 2026-07-28.")
    package var `protocol`: ProtocolChoice = .auto

    @Option(name: .long, help: "Write every JSON-RPC message to FILE ('-' for stderr).", completion: .file())
    package var trace: String?

    @Option(name: .long, help: "Colour: auto, always or never (NO_COLOR is honoured).")
    package var color: ColorChoice = .auto

    @Flag(name: .shortAndLong, help: "Say what is happening on stderr, including the server's stderr.")
    package var verbose = false

    @Option(name: .long, help: "The largest message accepted from a server, in bytes.")
    package var maxFrameSize: Int = 16 * 1024 * 1024

    @Flag(
        name: .long,
        help:
            "Treat any protocol violation as fatal (exit 5); by default a stray non-JSON line is skipped with a warning."
    )
    package var strict = false

    package init() {}

    /// The options as a plain value, for the code that connects.
    package var settings: ConnectionSettings {
        ConnectionSettings(
            server: server, config: config, header: header, timeout: timeout, requestTimeout: requestTimeout,
            protocol: `protocol`, trace: trace, color: color, verbose: verbose, maxFrameSize: maxFrameSize,
            strict: strict)
    }

    package func validate() throws {
        if let server, server.isEmpty { throw ValidationError("--server needs a value") }
        if maxFrameSize < 1024 { throw ValidationError("--max-frame-size must be at least 1024 bytes") }
        try timeout?.requirePositive("--timeout")
        try requestTimeout.requirePositive("--request-timeout")
    }
}
