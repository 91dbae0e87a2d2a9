import ArgumentParser
import MCPRender

/// One word a completion offers, with what it is (shown by zsh and fish; bash shows words only).
package struct CompletionCandidate: Sendable, Equatable {
    package var value: String
    package var description: String?

    package init(_ value: String, _ description: String? = nil) {
        self.value = value
        self.description = description.map(Self.oneLine).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Server text made safe and short for a completion menu: no control or escape sequences, one line.
    package static func oneLine(_ text: String) -> String {
        let words = Sanitizer.clean(text).split(whereSeparator: { $0 == "\t" || $0 == "\n" || $0 == " " })
        let line = words.joined(separator: " ")
        return line.count > 70 ? String(line.prefix(69)) + "…" : line
    }

    /// The candidates as the requesting shell's completion script reads them: `value:description` for zsh
    /// (colons in the value escaped), `value<TAB>description` for fish, the bare value otherwise.
    package static func format(_ candidates: [CompletionCandidate], for shell: CompletionShell?) -> [String] {
        var lines: [String] = []
        for candidate in candidates where !candidate.value.isEmpty {
            let value = candidate.value
            switch (shell, candidate.description) {
            case (.zsh?, let description?): lines.append(value.escapingColons() + ":" + description)
            case (.zsh?, nil): lines.append(value.escapingColons())
            case (.fish?, let description?): lines.append(value + "\t" + description)
            default: lines.append(value)
            }
        }
        return lines
    }
}

extension String {
    fileprivate func escapingColons() -> String {
        var output = ""
        for character in self {
            if character == ":" || character == "\\" { output.append("\\") }
            output.append(character)
        }
        return output
    }
}
