import MCPClient
import MCPCore

/// One request a probe sent and what came back: a result, a JSON-RPC error, or no answer at all (the
/// connection failed or the request timed out), with the two messages as evidence lines.
package struct Exchange: Sendable {
    package var method: String
    package var params: JSONValue?
    package var result: JSONValue?
    package var error: ResponseError?
    /// Why there was no answer, when there was none.
    package var failure: String?

    /// The request and the answer, one compact line each.
    package var evidence: [String] {
        var lines = ["→ \(method) \(Evidence.compact(params ?? .object([:])))"]
        if let result { lines.append("← \(Evidence.compact(result))") }
        if let error { lines.append("← error \(error.code): \(Evidence.compact(.string(error.message)))") }
        if let failure { lines.append("← no answer: \(failure)") }
        return lines
    }

    /// What came back, in a few words, for a finding's detail.
    package var answered: String {
        if let error { return "error \(error.code) \"\(error.message)\"" }
        if let failure { return "no answer (\(failure))" }
        return "a result"
    }

    package var errorCode: Int? { error?.code.rawValue }
}

/// How evidence is written: compact JSON, cut to a length a report can show.
package enum Evidence {
    package static let limit = 600

    package static func compact(_ value: JSONValue) -> String {
        let text = JSONWriter.compactString(value)
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }
}

extension ClientSession {
    /// Sends `method` and keeps whatever comes back; never throws, because a refusal is what many checks
    /// look for.
    package func exchange(_ method: String, _ params: JSONValue?, timeout: Duration?) async -> Exchange {
        var exchange = Exchange(method: method, params: params)
        do {
            exchange.result = try await sendRequest(method: method, params: params, timeout: timeout)
        } catch let error as ResponseError {
            exchange.error = error
        } catch let error as SessionError {
            exchange.failure = error.message
        } catch {
            exchange.failure = "\(error)"
        }
        return exchange
    }
}
