import ArgumentParser
import MCPCommandKit
import MCPRender

/// `mcptask servers`: the servers of mcptask's and other clients' config files, and where each came from.
struct ServersCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "servers", abstract: "List the servers in config files, with the file each came from.",
        discussion: """
            Reads mcptask's servers.json and the files of Claude Code, Claude Desktop, Cursor, VS Code, \
            Windsurf and Gemini CLI: project files in this directory first, then user files (the order is in \
            'man mcptask', SERVERS). A name defined in more than one file is taken from the first; the others \
            are listed as shadowed. Use any listed name with -s NAME.
            """)

    @Option(
        name: .long, help: ArgumentHelp("Read only this config file instead of searching.", valueName: "file"),
        completion: .file(extensions: ["json"]))
    var config: String?

    @Flag(name: .long, help: "Print the list as JSON.")
    var json = false

    @Option(name: .long, help: "Colour: auto means on a terminal, unless NO_COLOR is set.")
    var color: ColorChoice = .auto

    func run(in environment: CommandEnvironment) async -> ExitStatus {
        let files = ServerConfigFile(
            environment: environment.variables, workingDirectory: FileSystem.currentDirectory(), explicitPath: config)
        let style = Style.resolve(
            choice: color.rawValue, isTerminal: environment.console.stdout.isTerminal,
            environment: environment.variables)
        return ServerListing(files: files).print(json: json, style: style, to: environment.console)
    }
}
