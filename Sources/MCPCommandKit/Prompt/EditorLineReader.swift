import LineEditor
import MCPRender

/// The elicitation form's LineReader on the line editor: questions are never stored in the history, and
/// Tab offers the field's choices (after the last comma, for a multi-select).
package struct EditorLineReader: LineReader {
    package let editor: LineEditor

    package func readLine(_ prompt: LinePrompt) async -> LineInput {
        let choices = prompt.completions
        var completer: (@Sendable (String) -> [String])?
        if !choices.isEmpty {
            completer = { before in
                let word = before.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
                let head = word.lastIndex(of: ",").map { String(word[...$0]) } ?? ""
                return choices.map { head + $0 }
            }
        }
        // A question's answers are not commands: no history under the arrow keys.
        let request = LineEditor.Request(
            prompt: prompt.prompt, prefill: prompt.prefill, usesHistory: false, completer: completer)
        switch await editor.readLine(request) {
        case .line(let text): return .line(text)
        case .endOfInput: return .endOfInput
        case .interrupted, .preempted: return .interrupted
        }
    }

    package func show(_ text: String) { editor.printAbove(text) }
}
