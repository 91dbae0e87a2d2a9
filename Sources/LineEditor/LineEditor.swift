import CLibEdit

#if canImport(Glibc)
    import Glibc
#endif

/// A line editor on libedit: prompt, editing keys and history. It knows nothing about MCP.
public final class LineEditor {
    private let historyPath: String?

    /// Creates an editor that loads and saves history at `historyPath` when given.
    public init(programName: String, historyPath: String?) {
        self.historyPath = historyPath
        programName.withCString { name in
            // libedit keeps the pointer, so hand it a copy that lives as long as the process.
            mcptask_set_readline_name(strdup(name))
        }
        if let historyPath { _ = mcptask_read_history(historyPath) }
    }

    /// Reads one line after showing `prompt`; nil at end of input (Ctrl-D).
    public func readLine(prompt: String) -> String? {
        guard let raw = mcptask_readline(prompt) else { return nil }
        defer { mcptask_free(raw) }
        return String(cString: raw)
    }

    /// Adds a line to the history; the caller decides which lines are safe to keep.
    public func remember(_ line: String) {
        mcptask_add_history(line)
        if let historyPath { _ = mcptask_write_history(historyPath) }
    }
}
