import MCPClient
import MCPTransport

/// What a server is called in prompts and questions: the name the person chose (a config entry, `demo`, a
/// URL, `@session`); for a command line, the server's own name from serverInfo, else its script rather than
/// the interpreter that runs it (`server.py`, not `/…/venv/bin/python`).
package enum ServerNaming {
    /// Programs that run a script named among their arguments.
    static let interpreters: Set<String> = [
        "python", "python3", "node", "deno", "bun", "ruby", "perl", "php", "sh", "bash", "zsh", "uv", "uvx",
        "npx", "pipx", "java",
    ]

    /// Whether `target` is a stdio server given as a command line after `--` (not named by the person).
    static func isCommandLine(_ target: ServerTarget) -> Bool {
        if case .stdio(let command, let name) = target { return name == command.executable }
        return false
    }

    /// The short name for prompts: the chosen name, else serverInfo's, else the script.
    package static func shortName(_ target: ServerTarget, summary: ServerSummary?) -> String {
        guard case .stdio(let command, _) = target, isCommandLine(target) else { return target.displayName }
        if let own = summary?.serverInfo?.name, !own.isEmpty { return own }
        return script(of: command)
    }

    /// The script an interpreter runs (its first argument that is not an option), else the program itself;
    /// the last path component either way.
    static func script(of command: StdioServerCommand) -> String {
        let program = lastComponent(command.executable)
        let base = program.split(separator: ".").first.map(String.init) ?? program
        let isInterpreter = interpreters.contains(base) || base.hasPrefix("python")
        if isInterpreter, let script = command.arguments.first(where: { !$0.hasPrefix("-") }) {
            return lastComponent(script)
        }
        return program
    }

    /// How questions name the server: the short name, with the server's own name beside a chosen one that
    /// differs (`demo (mcptask-demo)`).
    package static func questionName(_ target: ServerTarget, summary: ServerSummary?) -> String {
        let short = shortName(target, summary: summary)
        guard !isCommandLine(target), let own = summary?.serverInfo?.name, !own.isEmpty, own != short else {
            return short
        }
        return "\(short) (\(own))"
    }

    private static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
