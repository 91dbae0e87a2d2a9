import MCPRender
import Synchronization

/// A LineReader that answers from a script and records what the form showed and asked, for tests.
final class ScriptedLineReader: LineReader {
    private struct State {
        var answers: [LineInput]
        var prompts: [LinePrompt] = []
        var shown: [String] = []
    }

    private let state: Mutex<State>

    init(_ answers: [LineInput]) { state = Mutex(State(answers: answers)) }

    convenience init(lines: [String]) { self.init(lines.map(LineInput.line)) }

    func readLine(_ prompt: LinePrompt) async -> LineInput {
        state.withLock { state in
            state.prompts.append(prompt)
            // Running out of script is the input ending (Ctrl-D), never a hang.
            return state.answers.isEmpty ? .endOfInput : state.answers.removeFirst()
        }
    }

    func show(_ text: String) { state.withLock { $0.shown.append(text) } }

    var prompts: [LinePrompt] { state.withLock { $0.prompts } }
    var shown: [String] { state.withLock { $0.shown } }
    var unused: Int { state.withLock { $0.answers.count } }
}
