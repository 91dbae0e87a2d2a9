import ArgumentParser
import MCPClient
import MCPCore
import MCPRender

/// `mcptask tools`: the server's tools with their effective task modes.
package struct ToolsCommand: CommandDefinition {
    package static let configuration = CommandConfiguration(
        commandName: "tools", abstract: "List the server's tools with their task modes.")

    @OptionGroup package var server: ServerOptions

    @Flag(name: .long, help: "Print the server's tool list as JSON.")
    package var json = false
    package init() {}
}
