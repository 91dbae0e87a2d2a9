import MCPRender

/// One call to make, as values: what `call` was asked, on the command line or in the REPL.
package struct CallRequest: Sendable {
    package var tool: String
    /// `KEY=VALUE` pairs, typed by the tool's input schema.
    package var assignments: [String] = []
    /// `--args`: a JSON object, `@FILE`, or `-` for standard input.
    package var args: String?
    /// `--task`: run as a task or fail.
    package var requiresTask = false
    /// `--no-task`: an optional tool as a plain call.
    package var noTask = false
    package var ttl: DurationArgument?
    /// `--detach`: return once the task exists.
    package var detach = false
    package var mode: CallOutput.Mode = .human
    /// `--structured`: show structured content beside text content.
    package var structured = false
    /// `--answer`/`--answers`, for the call's elicitations.
    package var answers = ScriptedAnswers(successive: [], everyPrompt: [:])
    /// `--timeout`, for the whole call.
    package var timeout: DurationArgument?

    package init(tool: String) { self.tool = tool }

    /// The retention asked for when --ttl is not given: an hour, so a long job's result is not purged early.
    package static let defaultTTLMilliseconds = 3_600_000
}
