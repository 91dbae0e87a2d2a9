import Dispatch
import LineEditor
import MCPCore
import MCPRender

#if canImport(Glibc)
    import Glibc
#endif

/// Asks a person at the terminal: the elicitation form, or consent for a URL. Questions take the terminal
/// one at a time (a TerminalLock), live views pause meanwhile, and Ctrl-C dismisses the question.
final class TerminalPrompter: Sendable {
    let editor: LineEditor
    let lock: TerminalLock
    let style: Style
    let environment: [String: String]
    /// In a one-shot command, Ctrl-C also has to reach the question (the REPL routes it itself).
    nonisolated(unsafe) private let interruptSource: (any DispatchSourceSignal)?

    init(editor: LineEditor, lock: TerminalLock, style: Style, environment: [String: String], catchesCtrlC: Bool) {
        self.editor = editor
        self.lock = lock
        self.style = style
        self.environment = environment
        if catchesCtrlC {
            // Interrupts has set SIGINT to be ignored and routes it through a dispatch source; one more
            // source sees the same signal.
            let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
            source.setEventHandler { [editor] in editor.interrupt() }
            source.resume()
            interruptSource = source
        } else {
            interruptSource = nil
        }
    }

    deinit { interruptSource?.cancel() }

    /// The prompter for a one-shot command (`call`, `watch`, `result`): only when a person is at the
    /// terminal (standard input and standard error both terminals).
    static func forCommand(style: Style, environment: [String: String]) -> TerminalPrompter? {
        guard LineEditor.isInteractive else { return nil }
        let editor = LineEditor(programName: "mcptask", historyPath: nil)
        return TerminalPrompter(
            editor: editor, lock: TerminalLock(), style: style, environment: environment, catchesCtrlC: true)
    }

    /// Asks, once the terminal is free; a question whose asker gave up waiting is cancelled.
    func ask(_ request: ElicitRequest, asker: ElicitationAsker) async -> ElicitResult {
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
