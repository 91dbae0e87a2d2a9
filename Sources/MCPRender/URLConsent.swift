import MCPCore

/// A URL-mode elicitation (MCP 2025-11-25), interactively: the message, the full URL with its host
/// emphasised and any warning about the host, then an explicit question. The URL is handed to `open` only
/// after a yes, and never fetched. `accept` tells the server the person agreed to go there.
public struct URLConsent: Sendable {
    public let request: ElicitRequest
    public let asker: ElicitationAsker
    public let style: Style
    /// Hands the URL to the system's opener; false when that failed.
    public let open: @Sendable (String) -> Bool

    public init(
        request: ElicitRequest, asker: ElicitationAsker, style: Style, open: @escaping @Sendable (String) -> Bool
    ) {
        self.request = request
        self.asker = asker
        self.style = style
        self.open = open
    }

    public func run(_ reader: some LineReader) async -> ElicitResult {
        reader.show(
            style.cyan("── ") + asker.headline(style: style, asking: "asks you to open a URL") + style.cyan(" ──"))
        for line in Sanitizer.clean(request.message, multiline: true).split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            reader.show(String(line))
        }
        guard let url = request.url, !url.isEmpty else {
            reader.show(style.red("the request carries no URL; declined"))
            return ElicitResult(action: .decline)
        }
        let inspection = URLInspection(url)
        reader.show("  " + inspection.highlighted(style: style))
        if let host = inspection.host { reader.show(style.dim("  host: ") + style.bold(Sanitizer.clean(host))) }
        for warning in inspection.warnings { reader.show(style.red("  warning: ") + warning) }
        let question =
            inspection.isOpenable
            ? "Open it in your browser? [y]es, [n]o (decline), [c]ancel (n): "
            : "Go there yourself? [y]es (accept), [n]o (decline), [c]ancel (n): "
        while true {
            let input = await reader.readLine(LinePrompt(prompt: question, completions: ["yes", "no", "cancel"]))
            let answer: String
            switch input {
            case .interrupted:
                reader.show(style.yellow("cancelled"))
                return ElicitResult(action: .cancel)
            case .endOfInput: answer = "n"
            case .line(let text): answer = text.trimmed.lowercased()
            }
            switch answer {
            case "y", "yes":
                if inspection.isOpenable {
                    if open(url) {
                        reader.show(style.green("opened ") + "in your browser; finish there")
                    } else {
                        reader.show(style.yellow("could not start the system opener; ") + "copy the URL above")
                    }
                }
                return ElicitResult(action: .accept)
            case "", "n", "no", "d", "decline":
                reader.show(style.yellow("declined: ") + "the URL was not opened")
                return ElicitResult(action: .decline)
            case "c", "cancel":
                reader.show(style.yellow("cancelled: ") + "the URL was not opened")
                return ElicitResult(action: .cancel)
            default:
                reader.show(style.red("  ✗ ") + "answer y, n or c")
            }
        }
    }
}
