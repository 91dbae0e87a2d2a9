/// Where the elicitation form reads what a person types: the line editor on a terminal, scripted lines in
/// tests. The form never touches the terminal itself.
public protocol LineReader: Sendable {
    /// Reads one line after showing `prompt`.
    func readLine(_ prompt: LinePrompt) async -> LineInput
    /// Shows one line of the form (header, hints, errors, review) before the next prompt.
    func show(_ text: String)
}

/// One question: the prompt, the text the line starts with (a default, editable), and what Tab offers.
public struct LinePrompt: Sendable, Equatable {
    public var prompt: String
    public var prefill: String
    public var completions: [String]

    public init(prompt: String, prefill: String = "", completions: [String] = []) {
        self.prompt = prompt
        self.prefill = prefill
        self.completions = completions
    }
}

/// What reading a line gave.
public enum LineInput: Sendable, Equatable {
    case line(String)
    /// Ctrl-C: the person dismissed the question.
    case interrupted
    /// Ctrl-D, or the input ended.
    case endOfInput
}
