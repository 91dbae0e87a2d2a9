import Logging
import MCPRender

/// Writes log lines to stderr as `mcptask: message`, sanitised (server stderr passes through here).
package struct StderrLogHandler: LogHandler {
    package var logLevel: Logger.Level
    package var metadata: Logger.Metadata = [:]
    package let style: Style
    package let stream: OutputStream

    package init(logLevel: Logger.Level, style: Style, stream: OutputStream) {
        self.logLevel = logLevel
        self.style = style
        self.stream = stream
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        let text = Sanitizer.clean("\(event.message)")
        let line = event.level >= .warning ? "mcptask: \(event.level): \(text)" : "mcptask: \(text)"
        stream.line(style.dim(line))
    }
}
