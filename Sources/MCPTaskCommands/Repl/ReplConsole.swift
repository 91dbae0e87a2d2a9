import LineEditor
import MCPRender
import Synchronization

/// The REPL's terminal: the command prompt (libedit on a terminal, plain lines from a pipe), lines printed
/// above the prompt, and the questions of elicitations, which take the terminal from the prompt one at a
/// time. Events that come while a question is being asked wait until it is answered.
final class ReplConsole: Sendable {
    let style: Style
    let editor: LineEditor?
    let plain: PlainLineReader?
    let lock: TerminalLock
    /// Asks elicitations at the terminal; nil with piped input, where answers come from --answer/--answers.
    let prompter: TerminalPrompter?
    private let held = Mutex<[String]>([])

    init(style: Style, environment: [String: String], historyPath: String?) {
        self.style = style
        if LineEditor.isInteractive {
            let editor = LineEditor(programName: "mcptask", historyPath: historyPath)
            self.editor = editor
            plain = nil
            let lock = TerminalLock(preemptPrompt: { editor.preempt() })
            self.lock = lock
            prompter = TerminalPrompter(
                editor: editor, lock: lock, style: style, environment: environment, catchesCtrlC: false)
        } else {
            editor = nil
            plain = PlainLineReader()
            lock = TerminalLock()
            prompter = nil
        }
    }

    var isInteractive: Bool { editor != nil }

    /// Reads a command line. A question that comes meanwhile takes the terminal; the line typed so far is
    /// offered again afterwards.
    func readCommand(prompt: String, completer: @escaping @Sendable (String) -> [String]) async -> LineEditor.Outcome {
        guard let editor else {
            return await plain?.readLine().map(LineEditor.Outcome.line) ?? .endOfInput
        }
        var prefill = ""
        while true {
            guard await lock.acquire(.prompt) else { return .endOfInput }
            flushHeld()
            let outcome = await editor.readLine(
                LineEditor.Request(prompt: prompt, prefill: prefill, preemptible: true, completer: completer))
            editor.cancelPreempt()
            lock.release()
            guard case .preempted(let text) = outcome else { return outcome }
            prefill = text
        }
    }

    /// Prints a whole line above the prompt (or holds it while a question is asked).
    func printAbove(_ text: String) {
        guard let editor else {
            OutputStream.standardError.line(text)
            return
        }
        if lock.questionPending {
            held.withLock { $0.append(text) }
        } else {
            flushHeld()
            editor.printAbove(text)
        }
    }

    /// A diagnostic line, dimmed, sanitised.
    func note(_ text: String) { printAbove(style.dim("mcptask: " + Sanitizer.clean(text))) }

    private func flushHeld() {
        let lines = held.withLock { lines in
            defer { lines = [] }
            return lines
        }
        if !lines.isEmpty, let editor { editor.printAbove(lines.joined(separator: "\n")) }
    }

    /// Ends a read of piped input (Ctrl-C, SIGTERM).
    func stopPlainInput() { plain?.stop() }

    /// Adds a line to the history file when it is safe to keep.
    func remember(_ line: String) {
        guard let editor, ReplHistory.shouldRemember(line) else { return }
        editor.remember(line)
    }
}
