import MCPCommandKit

/// The REPL's history: `$XDG_STATE_HOME/mcptask/history` (else `~/.local/state/mcptask/history`), a file
/// only the user can read. Lines that carry elicitation answers are never stored.
package enum ReplHistory {
    /// The history file, with its directory made (0700) when possible; nil when it cannot be.
    package static func path(environment: [String: String]) -> String? {
        let state =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? "/tmp") + "/.local/state"
        let directory = state + "/mcptask"
        do {
            try FileSystem.makePrivateDirectory(directory)
        } catch {
            return nil
        }
        return directory + "/history"
    }

    /// Whether a command line may be kept: not blank, not hidden by a leading space (as in shells), and
    /// without `--answer` values (answers to a server's questions stay out of files).
    package static func shouldRemember(_ line: String) -> Bool {
        guard let first = line.first, !first.isWhitespace else { return false }
        let words = (try? ReplLine.words(line)) ?? line.split(separator: " ").map(String.init)
        return !words.contains { $0 == "--answer" || $0.hasPrefix("--answer=") }
    }
}
