import MCPClient
import MCPCore

/// Turns a tool result into text for people: text content as is, other kinds summarised, and structured
/// content as pretty JSON when there is no text (servers send the same result both ways) or when asked.
/// Every server string is sanitised when `sanitize`.
public struct ResultRenderer: Sendable {
    public var sanitize: Bool
    /// Show structured content even beside text content (`--structured`).
    public var alwaysStructured: Bool

    public init(sanitize: Bool, alwaysStructured: Bool = false) {
        self.sanitize = sanitize
        self.alwaysStructured = alwaysStructured
    }

    public func render(_ result: CallToolResult) -> String {
        var parts: [String] = []
        var texts: [String] = []
        for block in result.content {
            switch block {
            case .text(let text):
                texts.append(text)
                parts.append(clean(text))
            case .image(let mimeType, let size): parts.append("[image \(mimeType), \(bytes(size))]")
            case .audio(let mimeType, let size): parts.append("[audio \(mimeType), \(bytes(size))]")
            case .resourceLink(let uri, let name): parts.append("[link \(clean(name ?? uri)) \(clean(uri))]")
            case .resource(let uri, let text):
                parts.append(text.map(clean) ?? "[resource \(clean(uri))]")
            case .other(let type, _): parts.append("[\(clean(type)) content]")
            }
        }
        if let structured = result.structuredContent, alwaysStructured || texts.isEmpty,
            !texts.contains(where: { (try? JSONParser.parse($0)) == structured })
        {
            parts.append(clean(JSONWriter.pretty(structured)))
        }
        return parts.joined(separator: "\n")
    }

    private func clean(_ text: String) -> String { sanitize ? Sanitizer.clean(text, multiline: true) : text }

    private func bytes(_ count: Int) -> String {
        count < 1024 ? "\(count) B" : count < 1_048_576 ? "\(count / 1024) KiB" : "\(count / 1_048_576) MiB"
    }
}
