import MCPRender

extension CommandEnvironment {
    /// The task journal of these variables, its warnings noted on the console's standard error.
    package func journal(style: Style) -> TaskJournal {
        let console = console
        return TaskJournal(environment: variables) { console.note($0, style: style) }
    }

    /// The same, styled as `color` (auto, always, never) asks for standard error.
    package func journal(color: ColorChoice) -> TaskJournal {
        journal(
            style: Style.resolve(choice: color.rawValue, isTerminal: console.stderr.isTerminal, environment: variables))
    }
}
