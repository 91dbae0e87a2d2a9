import MCPTaskCommands

#if canImport(Glibc)
    import Glibc
#endif

/// The executable: everything lives in MCPTaskCommands so it can be tested and documented.
@main
enum MCPTaskMain {
    static func main() async { exit(await MCPTaskProgram.main(Array(CommandLine.arguments.dropFirst()))) }
}
