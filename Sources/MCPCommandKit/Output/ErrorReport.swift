import MCPClient
import MCPCore
import MCPRender

/// Maps any failure to one clear line on stderr (plus supporting lines) and its documented exit status.
package enum ErrorReport {
    package static func status(for error: any Error) -> (ExitStatus, String, [String]) {
        switch error {
        case let failure as CommandFailure:
            return (failure.status, failure.message, failure.details)
        case let error as SessionError:
            switch error.kind {
            case .protocolViolation: return (.protocolViolation, error.message, error.details)
            case .transport, .timeout, .unsupported, .sessionExpired: return (.connection, error.message, error.details)
            }
        case let error as TransportError:
            let status: ExitStatus = error.kind == .protocolViolation ? .protocolViolation : .connection
            return (status, error.message, error.details)
        case let error as ResponseError:
            return (.connection, "the server answered with an error: \(error.message) (code \(error.code))", [])
        case is CancellationError:
            return (.interrupted, "interrupted", [])
        default:
            return (.connection, "\(error)", [])
        }
    }

    /// Prints the failure and returns its exit status.
    package static func report(_ error: any Error, style: Style?, to stream: OutputStream) -> ExitStatus {
        let (status, message, details) = status(for: error)
        let style = style ?? Style(enabled: false)
        stream.line(style.red("mcptask: error: ") + Sanitizer.clean(message))
        // Details are supporting lines the failure carries: a stdio server's last stderr lines, or the body
        // of an HTTP error answer. Each already says what it is.
        for line in details { stream.line(style.dim("mcptask: " + Sanitizer.clean(line))) }
        return status
    }
}
