import MCPCore

/// One clear line for each way an HTTP exchange fails.
enum HTTPFailure {
    static func unreachable(_ url: String, _ error: any Error) -> TransportError {
        let text = String(describing: error)
        if text.contains("connectTimeout") || text.contains("deadlineExceeded") {
            return TransportError(.connectFailed, "cannot connect to \(url): it did not answer in time")
        }
        if text.contains("refused") || text.contains("ECONNREFUSED") {
            return TransportError(
                .connectFailed, "cannot connect to \(url): connection refused; is the server running?")
        }
        if text.contains("UnknownHost") {
            return TransportError(.connectFailed, "cannot connect to \(url): its host name could not be resolved")
        }
        if text.lowercased().contains("ssl") || text.lowercased().contains("certificate") || text.contains("handshake")
        {
            return TransportError(.connectFailed, "cannot connect to \(url): TLS failed (\(text))")
        }
        if text.contains("invalidURL") || text.contains("emptyHost") || text.contains("emptyScheme") {
            return TransportError(.connectFailed, "'\(url)' is not a valid http:// or https:// URL")
        }
        return TransportError(.connectFailed, "cannot connect to \(url): \(text)")
    }

    static func body(_ url: String, _ error: any Error, limit: Int) -> TransportError {
        if String(describing: error).contains("tooMany") || String(describing: error).contains("TooMany") {
            return TransportError(
                .protocolViolation,
                "the server sent a message larger than \(byteSize(limit)); raise --max-frame-size if this server "
                    + "really sends such messages")
        }
        return TransportError(.closed, "the connection to \(url) broke while reading an answer: \(error)")
    }

    static func sessionGone(_ sessionID: String?, details: [String] = []) -> TransportError {
        TransportError(
            .sessionExpired,
            "the server no longer knows \(sessionID.map { "session \($0)" } ?? "the session") (HTTP 404); tasks of "
                + "that session may be gone with it; run the command again to start a new session",
            details: details, httpStatus: 404)
    }

    static func status(
        _ status: Int, url: String, hadSession: Bool, sessionID: String?, excerpt: String, challenge: String? = nil
    ) -> TransportError {
        let detail = excerpt.isEmpty ? [] : ["the server said: \(excerpt)"]
        var error = statusError(status, url: url, hadSession: hadSession, sessionID: sessionID, detail: detail)
        // The status itself travels with the error, so callers need not read it back out of the message.
        error.httpStatus = status
        error.challenge = challenge
        return error
    }

    private static func statusError(
        _ status: Int, url: String, hadSession: Bool, sessionID: String?, detail: [String]
    ) -> TransportError {
        switch status {
        case 401:
            return TransportError(
                .connectFailed,
                "the server at \(url) wants credentials (HTTP 401); pass them with -H 'Authorization: Bearer $TOKEN'",
                details: detail)
        case 403:
            return TransportError(
                .connectFailed, "the server at \(url) refused access (HTTP 403); check the credentials given with -H",
                details: detail)
        case 404 where hadSession:
            return sessionGone(sessionID, details: detail)
        case 400 where !hadSession, 404 where !hadSession, 405 where !hadSession:
            return TransportError(
                .connectFailed,
                "the server at \(url) answered HTTP \(status) to an MCP POST; check the URL (it may also speak the "
                    + "older HTTP+SSE transport of 2024-11-05, which mcptask does not support)",
                details: detail)
        default:
            return TransportError(.closed, "the server at \(url) answered HTTP \(status)", details: detail)
        }
    }

    /// `16 MiB`, or the exact byte count when it is not a whole number of MiB.
    static func byteSize(_ bytes: Int) -> String {
        bytes % (1024 * 1024) == 0 ? "\(bytes / 1024 / 1024) MiB" : "\(bytes) bytes"
    }
}
