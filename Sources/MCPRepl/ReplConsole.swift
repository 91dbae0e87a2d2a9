import LineEditor
import MCPCommandKit
import MCPRender
import Synchronization

/// The REPL's terminal: the command prompt (libedit on a terminal, plain lines from a pipe), lines printed
/// above the prompt, and the questions of elicitations, which take the terminal from the prompt one at a
/// time. Events that come while a question is being asked wait until it is answered.
package final class ReplConsole: Sendable {
    package let style: Style
    /// The program's console: where output goes.
    package let base: Console
    package let editor: LineEditor?
    package let plain: PlainLineReader?
    package let lock: TerminalLock
    /// Asks elicitations at the terminal; nil with piped input, where answers come from --answer/--answers.
    package let prompter: TerminalPrompter?
    private let held = Mutex<[String]>([])

    package init(base: Console, style: Style, environment: [String: String], historyPath: String?) {
        self.style = style
        self.base = base
        if base.isInteractive {
            let editor = LineEditor(programName: "mcptask", historyPath: historyPath)
            self.editor = editor
            plain = nil
            let lock = TerminalLock(preemptPrompt: { editor.preempt() })
            self.lock = lock
            prompter = TerminalPrompter(
                editor: editor, lock: lock, style: style, environment: environment, signals: nil)
        } else {
            editor = nil
            plain = PlainLineReader()
            lock = TerminalLock()
            prompter = nil
        }
    }

    package var isInteractive: Bool { editor != nil }

    /// Reads a command line. A question that comes meanwhile takes the terminal; the line typed so far is
    /// offered again afterwards.
    package func readCommand(prompt: String, completer: @escaping @Sendable (String) -> [String]) async
        -> LineEditor.Outcome
    {
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
    package func printAbove(_ text: String) {
        guard let editor else {
            base.stderr.line(text)
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
    package func note(_ text: String) { printAbove(style.dim("mcptask: " + Sanitizer.clean(text))) }

    private func flushHeld() {
        let lines = held.withLock { lines in
            defer { lines = [] }
            return lines
        }
        if !lines.isEmpty, let editor { editor.printAbove(lines.joined(separator: "\n")) }
    }

    /// Ends a read of piped input (Ctrl-C, SIGTERM).
    package func stopPlainInput() { plain?.stop() }

    /// Adds a line to the history file when it is safe to keep.
    package func remember(_ line: String) {
        guard let editor, ReplHistory.shouldRemember(line) else { return }
        editor.remember(line)
    }
}
