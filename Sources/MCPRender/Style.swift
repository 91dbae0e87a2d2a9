/// Colour and emphasis for terminal output; plain text when colour is off.
public struct Style: Sendable {
    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// `--color auto|always|never` with NO_COLOR honoured: auto means colour on a terminal only.
    public static func resolve(choice: String, isTerminal: Bool, environment: [String: String]) -> Style {
        switch choice {
        case "always": return Style(enabled: true)
        case "never": return Style(enabled: false)
        default:
            let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return Style(enabled: isTerminal && !noColor && environment["TERM"] != "dumb")
        }
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func cyan(_ text: String) -> String { wrap(text, "36") }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
