import MCPDemoServer

/// `mcptask-demo`: the bundled demo MCP server (see `MCPDemoServer`).
@main
struct DemoMain {
    static func main() async {
        await DemoServerMain.run(arguments: Array(CommandLine.arguments.dropFirst()))
    }
}
