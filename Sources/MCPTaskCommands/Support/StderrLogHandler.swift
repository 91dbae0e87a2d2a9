import Logging
import MCPRender

/// Writes log lines to stderr as `mcptask: message`, sanitised (server stderr passes through here).
struct StderrLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let style: Style

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let text = Sanitizer.clean("\(event.message)")
        let line = event.level >= .warning ? "mcptask: \(event.level): \(text)" : "mcptask: \(text)"
        OutputStream.standardError.line(style.dim(line))
    }
}
