import ArgumentParser

/// Options every command that talks to a server takes.
package struct ServerOptions: ParsableArguments {
    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "A name from a config file (mcptask servers lists them), 'demo', @SESSION, or an http(s) URL.",
            valueName: "server"),
        completion: .custom(DynamicCompletion.servers))
    package var server: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Read -s NAME from this config file only (default: search mcptask's and other clients' files).",
            valueName: "file"),
        completion: .file(extensions: ["json"]))
    package var config: String?

    @Option(
        name: [.customShort("H"), .long],
        help: ArgumentHelp("Extra HTTP header ($VAR in it is expanded); repeatable.", valueName: "header"))
    package var header: [String] = []

    // Unconditional: `--timeout -5s` is a value to refuse with a reason, not a missing one.
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Limit on the whole command, e.g. 90s or 10m; then exit 124.", valueName: "duration"))
    package var timeout: DurationArgument?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Limit on each request that should answer promptly.", valueName: "duration"))
    package var requestTimeout: DurationArgument = DurationArgument(seconds: 60)

    @Option(name: .long, help: "The protocol revision; auto tries 2026-07-28, then 2025-11-25.")
    package var `protocol`: ProtocolChoice = .auto

    @Option(
        name: .long, help: ArgumentHelp("Write every JSON-RPC message to FILE ('-' for stderr).", valueName: "file"),
        completion: .file())
    package var trace: String?

    @Option(name: .long, help: "Colour: auto means on a terminal, unless NO_COLOR is set.")
    package var color: ColorChoice = .auto

    @Flag(name: .shortAndLong, help: "Say what is happening on stderr, including the server's stderr.")
    package var verbose = false

    @Option(name: .long, help: ArgumentHelp("The largest message accepted from a server.", valueName: "bytes"))
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
