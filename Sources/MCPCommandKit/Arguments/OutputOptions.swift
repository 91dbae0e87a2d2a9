import ArgumentParser
import MCPRender

/// `--structured`: how a tool result is shown to people.
package struct ResultOptions: ParsableArguments {
    @Flag(
        name: .long,
        help: "Also show a result's structured content when it has text content (shown only without text otherwise).")
    package var structured = false

    package init() {}
}

/// `--answer` and `--answers`: answers to the server's questions given up front, so a script never hangs.
package struct AnswerOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Answer a field of a question the server asks; repeatable.", valueName: "key=value"))
    package var answer: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Answers to the server's questions: a JSON object, or an array for successive questions.",
            valueName: "file"),
        completion: .file(extensions: ["json"]))
    package var answers: String?

    package init() {}

    /// The answers read and checked (a file that cannot be read or does not fit is an error).
    package func scripted() throws -> ScriptedAnswers {
        try CallArguments.answers(pairs: answer, file: answers)
    }
}
