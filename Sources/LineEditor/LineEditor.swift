import CLibEdit
import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// A line editor on libedit: prompt, editing keys, history and completion, on a thread of its own so the
/// rest of the program stays asynchronous. Other threads may print lines above the prompt (the line being
/// edited is redrawn under them), end the current read (Ctrl-C), or take the terminal over for a while
/// (`preempt`). It knows nothing about MCP. libedit has one terminal state per process: make one editor.
public final class LineEditor: Sendable {
    /// One line to read.
    public struct Request: Sendable {
        public var prompt: String
        /// Typed in before the person starts, as if by them: a default they can edit.
        public var prefill: String
        /// The candidates for the word under the cursor, given the line up to the cursor.
        public var completer: (@Sendable (String) -> [String])?
        /// Whether `preempt()` may end this read (a command prompt may wait; a form's question may not).
        public var preemptible: Bool
        /// Whether the arrow keys walk the command history (a form's question has none: its answers are not
        /// commands).
        public var usesHistory: Bool

        public init(
            prompt: String, prefill: String = "", preemptible: Bool = false, usesHistory: Bool = true,
            completer: (@Sendable (String) -> [String])? = nil
        ) {
            self.prompt = prompt
            self.prefill = prefill
            self.preemptible = preemptible
            self.usesHistory = usesHistory
            self.completer = completer
        }
    }

    /// How a read ended.
    public enum Outcome: Sendable, Equatable {
        case line(String)
        /// Ctrl-D on an empty line, or the input closed.
        case endOfInput
        /// `interrupt()` (the program's Ctrl-C): the line was abandoned.
        case interrupted
        /// `preempt()`: the line so far, to be offered again once the terminal is given back.
        case preempted(String)
    }

    private let historyPath: String?
    /// libedit's readline API keeps one global history and line state, so every editor in the process
    /// (tests make several, at once) works on it from this one serial queue.
    private static let libedit = DispatchQueue(label: "mcptask.line-editor")
    private var queue: DispatchQueue { Self.libedit }

    /// Creates the editor; history is loaded from and saved to `historyPath` when given, a file only the
    /// user may read (0600).
    public init(programName: String, historyPath: String?) {
        self.historyPath = historyPath
        Self.libedit.sync {
            EditorInput.shared.configureOnce(programName: programName)
            mcptask_stifle_history(1000)
            if let historyPath { _ = mcptask_read_history(historyPath) }
        }
    }

    /// Whether standard input and standard error are both terminals, so editing makes sense.
    public static var isInteractive: Bool { isatty(0) == 1 && isatty(2) == 1 }

    /// Reads one line; lines are read one at a time, in the order asked.
    public func readLine(_ request: Request) async -> Outcome {
        await withCheckedContinuation { continuation in
            queue.async { [historyPath] in
                // libedit has one history: put it away for a read without one, and back from its file after
                // (every line kept is written there at once, on this same queue).
                if !request.usesHistory { mcptask_clear_history() }
                let outcome = EditorInput.shared.read(request)
                if !request.usesHistory, let historyPath { _ = mcptask_read_history(historyPath) }
                continuation.resume(returning: outcome)
            }
        }
    }

    /// Prints whole lines above the prompt when one is shown (then redraws it), else straight to standard
    /// error. Safe from any thread.
    public func printAbove(_ text: String) {
        EditorInput.shared.printAbove(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Whether a line is being read now.
    public var isReading: Bool { EditorInput.shared.isReading }

    /// Ends the current read with `.interrupted` (shown as `^C`); false when nothing was being read.
    @discardableResult
    public func interrupt() -> Bool { EditorInput.shared.interrupt() }

    /// Ends the current preemptible read with `.preempted`, or the next one at once if it has not started;
    /// `cancelPreempt` withdraws a request not yet acted on.
    public func preempt() { EditorInput.shared.preempt() }
    public func cancelPreempt() { EditorInput.shared.cancelPreempt() }

    /// Tells the editor the terminal changed size (SIGWINCH).
    public func resized() { EditorInput.shared.resized() }

    /// Adds a line to the history and saves the history file; the caller decides which lines are safe to keep.
    public func remember(_ line: String) {
        queue.async { [historyPath] in
            mcptask_add_history(line)
            guard let historyPath else { return }
            // write_history truncates the file and keeps its mode, so make sure it is private before.
            let descriptor = open(historyPath, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                fchmod(descriptor, 0o600)
                close(descriptor)
            }
            _ = mcptask_write_history(historyPath)
        }
    }

    /// Waits until every history write asked for so far is done (for tests and before exit).
    public func flush() async {
        await withCheckedContinuation { continuation in queue.async { continuation.resume() } }
    }
}
