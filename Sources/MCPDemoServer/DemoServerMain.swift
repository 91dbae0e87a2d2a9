/// The `mcptask-demo` executable: parses the command line, then serves MCP on stdin and stdout until EOF.
public enum DemoServerMain {
    public static func run(arguments: [String]) async -> Never {
        switch DemoOptions.parse(arguments) {
        case .help:
            StandardStreams.printOutput(DemoOptions.usage)
            StandardStreams.exitProcess(0)
        case .invalid(let message):
            StandardStreams.printError("mcptask-demo: \(message)")
            StandardStreams.exitProcess(64)  // EX_USAGE
        case .run(let options):
            if options.fault == .exitEarly {
                StandardStreams.printError("demo: failing on purpose")
                StandardStreams.exitProcess(3)
            }
            StandardStreams.ignoreBrokenPipes()
            let server = DemoServer(options: options, sink: FileLineWriter(descriptor: 1))
            await server.serve(StandardStreams.inputFrames(maxLineBytes: DemoServer.maxLineBytes))
            if let stats = server.stats, !stats.write() {
                StandardStreams.printError("mcptask-demo: could not write the stats to \(stats.path)")
                StandardStreams.exitProcess(1)
            }
            StandardStreams.exitProcess(0)
        }
    }
}
