import ArgumentParser

/// The command line a shell hands to a dynamic completion (argument-parser's `.custom`): the words of the
/// line, which one is being completed, and what the line says about the server.
package struct CompletionLine: Sendable {
    /// The words, unquoted, the command name first and the subcommand second.
    package let words: [String]
    /// The index in `words` of the word being completed.
    package let index: Int
    /// The part of that word before the cursor.
    package let prefix: String

    package init(words: [String], index: Int, prefix: String) {
        self.words = words.map(ShellWord.unquote)
        self.index = min(max(index, 0), words.count)
        self.prefix = ShellWord.unquote(prefix)
    }

    private var terminator: Int? { words.firstIndex(of: "--") }

    /// Whether the word being completed is part of a stdio server command after `--` (nothing to offer).
    package var isInServerCommand: Bool { terminator.map { $0 < index } ?? false }

    /// A stdio server command after a literal `--`, when the cursor is before it.
    package var serverCommand: [String] {
        guard let terminator, terminator >= index else { return [] }
        return Array(words[(terminator + 1)...])
    }

    /// The subcommand's own words before the word being completed.
    package var wordsBefore: [String] {
        guard words.count > 2, index > 2 else { return [] }
        return Array(words[2..<min(index, terminator ?? words.count)])
    }

    /// The subcommand's own words after the word being completed, up to a `--`.
    package var wordsAfter: [String] {
        let end = terminator ?? words.count
        guard index + 1 < end else { return [] }
        return Array(words[(index + 1)..<end])
    }

    /// The server options on the line, the word being completed left out; unknown options are ignored.
    /// When the word being completed is an option's value, that option is left out too.
    package var serverOptions: ServerOptions? {
        let others = wordsBefore + wordsAfter
        if let parsed = try? LenientServerOptions.parse(others) { return parsed.server }
        guard !wordsBefore.isEmpty else { return nil }
        return try? LenientServerOptions.parse(wordsBefore.dropLast() + wordsAfter).server
    }

    /// The server the line names: `-s`, else a command after `--`, else `MCPTASK_SERVER`.
    package func server(environment: [String: String]) -> ServerChoice? {
        let options = serverOptions
        if !serverCommand.isEmpty { return ServerChoice(settings: options?.settings, command: serverCommand) }
        guard let options else { return nil }
        let named = options.server ?? environment["MCPTASK_SERVER"].flatMap { $0.isEmpty ? nil : $0 }
        guard named != nil else { return nil }
        return ServerChoice(settings: options.settings, command: [])
    }

    /// The `call` command as far as the words before the cursor go (its tool and arguments), if they parse.
    /// (Parsed asynchronously, as a command with asynchronous completions must be.)
    package func callBeforeCursor() async -> CallCommand? { try? await CallCommand.asyncParse(wordsBefore) }
}

/// Only the server options of a line, everything else set aside.
private struct LenientServerOptions: ParsableArguments {
    @OptionGroup var server: ServerOptions
    @Argument(parsing: .allUnrecognized) var others: [String] = []
}

/// Shell quoting, undone the simple way: quotes and backslashes are removed, `$VAR` is left alone.
package enum ShellWord {
    package static func unquote(_ word: String) -> String {
        guard word.contains(where: { $0 == "'" || $0 == "\"" || $0 == "\\" }) else { return word }
        var output = ""
        var quote: Character?
        var escaped = false
        for character in word {
            if escaped {
                output.append(character)
                escaped = false
                continue
            }
            switch (quote, character) {
            case (nil, "\\"), ("\"", "\\"): escaped = true
            case (nil, "'"), (nil, "\""): quote = character
            case ("'", "'"), ("\"", "\""): quote = nil
            default: output.append(character)
            }
        }
        return output
    }
}
