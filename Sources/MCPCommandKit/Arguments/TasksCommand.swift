import ArgumentParser
import MCPClient
import MCPCore
import MCPRender

/// `mcptask tasks`: the server's tasks (tasks/list, all pages), with what the journal knows beside them.
package struct TasksCommand: CommandDefinition {
    package static let configuration = CommandConfiguration(
        commandName: "tasks", abstract: "List the server's tasks, and the ones this machine started on it.",
        discussion: """
            Uses tasks/list when the server declares tasks.list. Tasks this machine started on the server that \
            the list leaves out (some servers list nothing, and HTTP servers list only the session's tasks) \
            are shown from mcptask's journal of the tasks it started, refreshed with tasks/get where the session allows, and marked so. \
            Over HTTP the newest recorded session is rejoined. With no server given, lists the journal's \
            tasks for every server.
            """)

    @OptionGroup package var server: ServerOptions

    @Flag(name: .long, help: "Print the lists as JSON.")
    package var json = false
    package init() {}
}
