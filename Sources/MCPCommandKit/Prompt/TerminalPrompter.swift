import LineEditor
import MCPCore
import MCPRender

#if canImport(Glibc)
    import Glibc
#endif

/// Asks a person at the terminal: the elicitation form, or consent for a URL. Questions take the terminal
/// one at a time (a TerminalLock), live views pause meanwhile, and Ctrl-C dismisses the question.
package final class TerminalPrompter: Prompter {
    package let editor: LineEditor
    package let lock: TerminalLock
    package let style: Style
    package let environment: [String: String]
    /// In a one-shot command, Ctrl-C also has to reach the question (the REPL routes it itself).
    private let interruptSubscription: SignalRouter.Subscription?

    /// `signals`: where Ctrl-C comes from when the prompter must catch it itself (nil in the REPL).
    package init(
        editor: LineEditor, lock: TerminalLock, style: Style, environment: [String: String], signals: SignalRouter?
    ) {
        self.editor = editor
        self.lock = lock
        self.style = style
        self.environment = environment
        // Ctrl-C dismisses the question; SIGTERM and SIGHUP do too, so the terminal is put back as it was
        // before the command exits.
        interruptSubscription = signals?.subscribe([SIGINT, SIGTERM, SIGHUP]) { [editor] _ in editor.interrupt() }
    }

    deinit { interruptSubscription?.cancel() }

    /// The prompter for a one-shot command (`call`, `watch`, `result`): only when a person is at the
    /// terminal (standard input and standard error both terminals).
    package static func forCommand(style: Style, environment: [String: String], signals: SignalRouter)
        -> TerminalPrompter?
    {
        guard LineEditor.isInteractive else { return nil }
        let editor = LineEditor(programName: "mcptask", historyPath: nil)
        return TerminalPrompter(
            editor: editor, lock: TerminalLock(), style: style, environment: environment, signals: signals)
    }

    /// Asks, once the terminal is free; a question whose asker gave up waiting is cancelled.
    package func ask(_ request: ElicitRequest, asker: ElicitationAsker) async -> ElicitResult {
        guard await lock.acquire(.question) else { return ElicitResult(action: .cancel) }
        defer { lock.release() }
        let reader = EditorLineReader(editor: editor)
        let environment = environment
        return await TerminalHold.hold {
            if request.effectiveMode == .url {
                return await URLConsent(request: request, asker: asker, style: style) { url in
                    SystemOpener.open(url, environment: environment)
                }.run(reader)
            }
            return await ElicitationForm(request: request, asker: asker, style: style).run(reader)
        }
    }
}
