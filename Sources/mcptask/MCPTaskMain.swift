import MCPTaskCommands

/// The executable: everything lives in MCPTaskCommands so it can be tested and documented.
@main
enum MCPTaskMain {
    static func main() async { await MCPTask.main() }
}
